// GitHub-flavoured Markdown table, for pasting into docs and tickets: the report's headlines as a
// blockquote above it (as the HTML report opens with them), notes as a list below.
// Names come from the user's CRM: in a cell, characters Markdown would read as markup (HTML tags,
// entities, links, emphasis, code, the cell separator) are backslash-escaped and a line break
// becomes <br>, so a name shows as its text and never ends the row or opens a tag.
import type { ReportResult } from "../contract/report-result.js";
import { formatValue, isNumericFormat } from "../contract/format-value.js";
import { reportHeadlines } from "./headlines/report-headlines.js";

/** CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that do something. */
const MARKUP = /[\\|<>&[\]`*_~]/g;
const LINE_BREAK = /\r\n|\r|\n/g;

const escapeCell = (s: string) => s.replace(MARKUP, "\\$&").replace(LINE_BREAK, "<br>");
/** Notes are prose pipeprism writes around names: tags and line breaks are neutralised, the rest kept. */
const escapeNote = (s: string) => s.replace(/[\\<>&]/g, "\\$&").replace(LINE_BREAK, "<br>");

export function renderMarkdown(report: ReportResult): string {
  const cols = report.columns;
  const header = `| ${cols.map((c) => escapeCell(c.label)).join(" | ")} |`;
  const align = `| ${cols.map((c) => (isNumericFormat(c.format) ? "---:" : "---")).join(" | ")} |`;
  const rows = report.rows.map((r) => `| ${cols.map((c) => escapeCell(formatValue(r[c.key], c.format))).join(" | ")} |`);
  const notes = report.notes.map((n) => `- ${escapeNote(n)}`);
  const headlines = reportHeadlines(report).map((s) => `> ${escapeCell(s)}`);
  const lead = headlines.length ? `${headlines.join("\n>\n")}\n\n` : "";
  return `${lead}${[header, align, ...rows].join("\n")}\n${notes.length ? `\n${notes.join("\n")}\n` : ""}`;
}
