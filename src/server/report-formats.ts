// What `/api/report/<name>.<format>` can return: the CLI's renderers, each with its media type.
// JSON is the default (no extension); an unknown extension fails listing these.
import { UserError } from "../model/diagnostic.js";
import type { ReportResult } from "../contract/report-result.js";
import { renderCsv } from "../render/render-csv.js";
import { renderHtml } from "../render/render-html.js";
import { renderJson } from "../render/render-json.js";
import { renderMarkdown } from "../render/render-markdown.js";

export interface ReportFormat {
  readonly extension: ReportFormatName;
  readonly type: string;
  readonly render: (report: ReportResult) => string;
  /** Offered as a file to save rather than shown in the browser. */
  readonly download: boolean;
}

/**
 * CSV as a file to save: a UTF-8 byte order mark first, so spreadsheets read accented names as
 * UTF-8. The CLI's --format csv, often piped into other tools, has none.
 */
const renderCsvDownload = (report: ReportResult): string => `\uFEFF${renderCsv(report)}`;

export type ReportFormatName = "json" | "csv" | "md" | "html";

const FORMATS: readonly ReportFormat[] = [
  { extension: "json", type: "application/json; charset=utf-8", render: renderJson, download: false },
  { extension: "csv", type: "text/csv; charset=utf-8", render: renderCsvDownload, download: true },
  { extension: "md", type: "text/markdown; charset=utf-8", render: renderMarkdown, download: true },
  { extension: "html", type: "text/html; charset=utf-8", render: renderHtml, download: true },
];

const REPORT_FORMATS: ReadonlyMap<string, ReportFormat> = new Map(FORMATS.map((f) => [f.extension, f]));

export function parseReportFormat(extension: string | undefined): ReportFormat {
  const format = REPORT_FORMATS.get(extension ?? "json");
  if (format) return format;
  throw new UserError(`format "${extension}" is not a format (valid: ${[...REPORT_FORMATS.keys()].join(", ")})`, "bad_format");
}

/** `pipeprism-winrate-size-region-2025-Q3.csv`: safe characters only. */
export function downloadName(report: ReportResult, format: ReportFormatName): string {
  const by = Array.isArray(report.params.by) ? (report.params.by as string[]) : [];
  const period = typeof report.params.period === "string" ? [report.params.period] : [];
  const stem = ["pipeprism", report.report, ...by, ...period].join("-").replace(/[^A-Za-z0-9_.-]+/g, "_");
  return `${stem}.${format}`;
}
