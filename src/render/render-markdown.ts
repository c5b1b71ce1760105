// GitHub-flavoured Markdown table, for pasting into docs and tickets; notes as a list below.
import type { ReportResult } from "../contract/report-result.js";
import { formatValue, isNumericFormat } from "../contract/format-value.js";

const escapeCell = (s: string) => s.replaceAll("|", "\\|");

export function renderMarkdown(report: ReportResult): string {
  const cols = report.columns;
  const header = `| ${cols.map((c) => escapeCell(c.label)).join(" | ")} |`;
  const align = `| ${cols.map((c) => (isNumericFormat(c.format) ? "---:" : "---")).join(" | ")} |`;
  const rows = report.rows.map((r) => `| ${cols.map((c) => escapeCell(formatValue(r[c.key], c.format))).join(" | ")} |`);
  const notes = report.notes.map((n) => `- ${n}`);
  return `${[header, align, ...rows].join("\n")}\n${notes.length ? `\n${notes.join("\n")}\n` : ""}`;
}
