// Reads a CSV file's header ourselves, before DuckDB does, so that a file that cannot be read at
// all (missing, empty, wrong delimiter) fails with one message naming it, and so DuckDB can read
// every column as text without sniffing (sniffing gives up on a single malformed row).
import { open } from "node:fs/promises";
import { UserError } from "../model/diagnostic.js";
import { utf16Bom } from "./source-file.js";

const HEAD_BYTES = 256 * 1024;
const DELIMITER_CANDIDATES = [",", ";", "\t", "|"];

export interface CsvHeader {
  readonly columns: readonly string[];
  /** Lines the header occupies: 1 unless a quoted header name spans lines. */
  readonly lines: number;
  /** Lines before the header (report titles) to skip. */
  readonly skipLines: number;
}

const MAX_TITLE_LINES = 30;

/**
 * `isHeader` lets export formats find the header under report-title lines: the first of the
 * first 30 lines it accepts is the header; without it (or when none is accepted) line 1 is.
 */
export async function readCsvHeader(
  file: string,
  displayName: string,
  delimiter: string,
  isHeader?: (fields: readonly string[]) => boolean,
): Promise<CsvHeader> {
  const head = await readHead(file, displayName);
  const whole = head.replace(/^\uFEFF/, "");
  if (whole.trim() === "") throw new UserError(`${displayName}: the file is empty (expected a header row)`, "file_empty");
  const skipLines = isHeader ? headerLineIndex(whole, delimiter, isHeader) : 0;
  const text = whole.split(/\r?\n/).slice(skipLines).join("\n");
  const { fields, lines } = parseFirstRecord(text, delimiter);
  const columns = uniqueNames(fields.map((f) => f.trim()));
  if (columns.length === 1) {
    const other = DELIMITER_CANDIDATES.find((d) => d !== delimiter && (columns[0] ?? "").includes(d));
    if (other) {
      throw new UserError(
        `${displayName}:1: the header has one column "${columns[0]}"; the file seems to use ${JSON.stringify(other)} as delimiter, not ${JSON.stringify(delimiter)} (set sources.delimiter)`,
        "wrong_delimiter",
      );
    }
  }
  return { columns, lines, skipLines };
}

function headerLineIndex(text: string, delimiter: string, isHeader: (fields: readonly string[]) => boolean): number {
  const lines = text.split(/\r?\n/).slice(0, MAX_TITLE_LINES);
  const found = lines.findIndex((line) => line.trim() !== "" && isHeader(parseFirstRecord(line, delimiter).fields.map((f) => f.trim())));
  return Math.max(found, 0);
}

async function readHead(file: string, displayName: string): Promise<string> {
  let handle;
  try {
    handle = await open(file, "r");
  } catch {
    throw new UserError(`${displayName}: file not found (resolved to ${file})`, "file_missing");
  }
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    const head = buffer.subarray(0, bytesRead);
    const utf16 = utf16Bom(head);
    return utf16 ? new TextDecoder(utf16).decode(head) : head.toString("utf8");
  } finally {
    await handle.close();
  }
}

/** RFC 4180 first record: quoted fields may contain delimiters, doubled quotes and newlines. */
function parseFirstRecord(text: string, delimiter: string): { fields: string[]; lines: number } {
  const fields: string[] = [];
  let field = "";
  let inQuotes = false;
  let lines = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') inQuotes = false;
      else {
        if (ch === "\n") lines++;
        field += ch;
      }
    } else if (ch === '"') inQuotes = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") break;
    else field += ch;
  }
  fields.push(field);
  return { fields, lines };
}

/**
 * DuckDB needs distinct column names; a repeated header gets a numeric suffix. A NUL character
 * (UTF-16 read as bytes) would end the name's SQL string literal, so it is dropped.
 */
function uniqueNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((raw, i) => {
    const cleaned = raw.replaceAll("\u0000", "");
    const name = cleaned === "" ? `column${i + 1}` : cleaned;
    const count = (seen.get(name.toLowerCase()) ?? 0) + 1;
    seen.set(name.toLowerCase(), count);
    return count === 1 ? name : `${name}_${count}`;
  });
}
