// One lookup from output format to renderer, by own key; an unknown format fails listing the
// valid ones.
import type { ReportResult } from "../contract/report-result.js";
import { UserError } from "../model/diagnostic.js";
import { renderCsv } from "./render-csv.js";
import { renderHtml } from "./render-html.js";
import { renderJson } from "./render-json.js";
import { renderMarkdown } from "./render-markdown.js";
import { renderTable, type TableOptions } from "./render-table.js";

export const OUTPUT_FORMATS = ["table", "json", "csv", "md", "html"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Only the table reads the options: the other formats are the same wherever they go. */
type Renderer = (r: ReportResult, options: TableOptions) => string;

const RENDERERS: ReadonlyMap<OutputFormat, Renderer> = new Map<OutputFormat, Renderer>([
  ["table", renderTable],
  ["json", renderJson],
  ["csv", renderCsv],
  ["md", renderMarkdown],
  ["html", renderHtml],
]);

export function parseFormat(value: string): OutputFormat {
  const found = OUTPUT_FORMATS.find((f) => f === value);
  if (found) return found;
  throw new UserError(`--format: "${value}" is not a format (valid: ${OUTPUT_FORMATS.join(", ")})`, "bad_format");
}

export function render(report: ReportResult, format: OutputFormat, options: TableOptions = {}): string {
  const renderer = RENDERERS.get(format);
  if (!renderer) throw new Error(`no renderer for ${format}`);
  return renderer(report, options);
}
