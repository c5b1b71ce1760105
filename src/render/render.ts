// One lookup from output format to renderer; an unknown format fails listing the valid ones.
import { UserError } from "../model/diagnostic.js";
import type { ReportResult } from "../contract/report-result.js";
import { renderCsv } from "./render-csv.js";
import { renderHtml } from "./render-html.js";
import { renderJson } from "./render-json.js";
import { renderMarkdown } from "./render-markdown.js";
import { renderTable } from "./render-table.js";

export const RENDERERS = {
  table: renderTable,
  json: renderJson,
  csv: renderCsv,
  md: renderMarkdown,
  html: renderHtml,
} as const satisfies Record<string, (r: ReportResult) => string>;

export type OutputFormat = keyof typeof RENDERERS;

export function parseFormat(value: string): OutputFormat {
  if (value in RENDERERS) return value as OutputFormat;
  throw new UserError(`--format: "${value}" is not a format (valid: ${Object.keys(RENDERERS).join(", ")})`, "bad_format");
}

export function render(report: ReportResult, format: OutputFormat): string {
  return RENDERERS[format](report);
}
