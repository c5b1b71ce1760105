// Where each record of a CSV file starts, in physical lines, without holding the file in memory.
// DuckDB numbers records, not lines, and skips blank lines without a trace, so a record after a
// quoted newline or a blank line would be reported on the wrong line. One streaming pass here
// splits the file the way DuckDB's reader does (a quote opens a field only at its start, after
// optional spaces; "" inside quotes is a quote; a closing quote followed by other text ends the
// quoting) and notes only what is irregular: blank lines and records spanning several lines.
// A line break is LF, CRLF or a lone CR; a UTF-8 byte order mark is not a line.
import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import { UserError } from "../model/diagnostic.js";

/** How the data after the header is laid out in lines. */
export interface CsvLayout {
  /** Physical line (1-based) where the first unit after the header starts. */
  readonly firstDataLine: number;
  /** Units after the header: records and blank lines, as DuckDB counts them. */
  readonly units: number;
  /** Irregular units, ascending: a blank line (extra = -1) or a record over 1 + extra lines. */
  readonly irregularUnits: readonly number[];
  readonly irregularExtra: readonly number[];
  /**
   * Record-ending line breaks (and quoted ones in the header) of more than one kind (LF, CRLF,
   * CR): DuckDB's reader fails on the file or reads no row of it.
   */
  readonly mixedNewlines: boolean;
  /**
   * A quote problem in the header (or a title line before it), where DuckDB's reader silently
   * returns no rows at all: text after a closing quote, or a quote never closed.
   */
  readonly headerProblem: { readonly line: number; readonly column: number; readonly unclosed: boolean } | null;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;

// Reader states, as DuckDB's CSV state machine has them.
const FIELD_START = 0; // start of a record or after a delimiter
const ONE_SPACE = 1; // one space at a field's start: a quote may still open the field
const UNQUOTED = 2; // inside an unquoted field: quotes are plain characters
const QUOTED = 3; // inside quotes: delimiters and line breaks are data
const AFTER_QUOTE = 4; // after a quote closing a quoted part: "" or spaces then " go on quoting

const KIND_LF = 1;
const KIND_CRLF = 2;
const KIND_CR = 4;

/** Receives each record-ending line break (not those inside quotes). */
type BreakSink = (chunk: Buffer, index: number, kind: "lf" | "cr" | "crlf-tail") => void;

/**
 * The splitting itself, fed chunk by chunk. `skipUnits` title lines (DuckDB's `skip`) and one
 * header unit come first; everything after is counted as data units.
 */
class CsvScanner {
  private state = FIELD_START;
  private pendingCr = false;
  /** The pending CR ends a record or lies in a quoted header field (DuckDB looks at both). */
  private countedCr = false;
  private started = false; // BOM checked
  private unitHasContent = false;
  private unitStartLine = 1;
  private line = 1;
  private unitsSeen = 0; // units before and including the header count negative
  private kinds = 0;
  private field = 1;
  headerProblem: CsvLayout["headerProblem"] = null;
  firstDataLine = 0;
  readonly irregularUnits: number[] = [];
  readonly irregularExtra: number[] = [];

  constructor(
    private readonly delimiter: number,
    private readonly preambleUnits: number,
    private readonly onBreak: BreakSink | null = null,
  ) {}

  feed(chunk: Buffer): void {
    let i = 0;
    if (!this.started) {
      this.started = true;
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
    }
    const n = chunk.length;
    let nextQuote = -2;
    let nextCr = -2;
    while (i < n) {
      if (this.onBreak !== null || this.pendingCr || this.state === QUOTED || this.unitsSeen <= this.preambleUnits) {
        i = this.walk(chunk, i);
        continue;
      }
      // Records without a quote or a CR only need their LFs found, which native searches do fast;
      // the record holding the next quote or CR is walked byte by byte.
      if (nextQuote !== -1 && nextQuote < i) nextQuote = chunk.indexOf(QUOTE, i);
      if (nextCr !== -1 && nextCr < i) nextCr = chunk.indexOf(CR, i);
      const special = Math.min(nextQuote === -1 ? n : nextQuote, nextCr === -1 ? n : nextCr);
      i = this.skim(chunk, i, special);
      i = this.walk(chunk, i);
    }
  }

  /** Ends the records whose LF comes before `stop`; returns where the record holding `stop` starts. */
  private skim(chunk: Buffer, start: number, stop: number): number {
    let from = start;
    let at = chunk.indexOf(LF, from);
    if (at === -1 || at >= stop) return start;
    let { line, unitHasContent } = this;
    while (at !== -1 && at < stop) {
      const hasContent = unitHasContent || at > from;
      if (hasContent && line === this.unitStartLine) this.unitsSeen++;
      else this.recordUnit(line, hasContent ? line - this.unitStartLine : -1);
      unitHasContent = false;
      line++;
      this.unitStartLine = line;
      from = at + 1;
      at = chunk.indexOf(LF, from);
    }
    this.kinds |= KIND_LF;
    this.line = line;
    this.unitHasContent = false;
    this.state = FIELD_START;
    return from;
  }

  /** Byte by byte from `start` to the end of the record there (after its line break) or of the chunk. */
  private walk(chunk: Buffer, start: number): number {
    let i = start;
    const n = chunk.length;
    const delimiter = this.delimiter;
    const onBreak = this.onBreak;
    let { state, pendingCr, line, unitHasContent } = this;
    for (; i < n; i++) {
      const b = chunk[i] as number;
      if (pendingCr) {
        pendingCr = false;
        const counted = this.countedCr;
        this.countedCr = false;
        if (b === LF) {
          if (counted) {
            this.kinds |= KIND_CRLF;
            onBreak?.(chunk, i, "crlf-tail");
          }
          if (state !== QUOTED) {
            i++;
            break;
          }
          continue;
        }
        if (counted) this.kinds |= KIND_CR;
        if (state !== QUOTED) break;
      }
      if (state === QUOTED) {
        if (b === QUOTE) state = AFTER_QUOTE;
        else if (b === LF || b === CR) {
          line++;
          // DuckDB takes its line end from the first one in the file, even quoted in the header:
          // a header's quoted line break counts as a line end of the file.
          const inHeader = this.unitsSeen <= this.preambleUnits;
          if (b === CR) {
            pendingCr = true;
            this.countedCr = inHeader;
            if (inHeader) onBreak?.(chunk, i, "cr");
          } else if (inHeader) {
            this.kinds |= KIND_LF;
            onBreak?.(chunk, i, "lf");
          }
        }
        continue;
      }
      if (b === LF || b === CR) {
        this.endUnit(line, unitHasContent);
        unitHasContent = false;
        line++;
        state = FIELD_START;
        if (b === LF) {
          this.kinds |= KIND_LF;
          onBreak?.(chunk, i, "lf");
          i++;
          break;
        }
        pendingCr = true; // CRLF or a lone CR: the next byte says which
        this.countedCr = true;
        onBreak?.(chunk, i, "cr");
        continue;
      }
      unitHasContent = true;
      if (b === delimiter) {
        state = FIELD_START;
        this.field++;
      } else if (b === QUOTE) {
        if (state !== UNQUOTED) state = QUOTED;
      } else if (state === FIELD_START) state = b === SPACE ? ONE_SPACE : UNQUOTED;
      else if (state === ONE_SPACE) state = UNQUOTED;
      else if (state === AFTER_QUOTE && b !== SPACE) {
        state = UNQUOTED; // DuckDB rejects the record and reads on
        if (this.unitsSeen <= this.preambleUnits) this.headerProblem ??= { line, column: this.field, unclosed: false };
      }
    }
    this.state = state;
    this.pendingCr = pendingCr;
    this.line = line;
    this.unitHasContent = unitHasContent;
    return i;
  }

  /** At a record-ending line break on `line`, before the break is counted. */
  private endUnit(line: number, hasContent: boolean): void {
    this.field = 1;
    this.recordUnit(line, hasContent ? line - this.unitStartLine : -1);
    this.unitStartLine = line + 1;
  }

  private recordUnit(line: number, extra: number): void {
    this.unitsSeen++;
    const dataUnit = this.unitsSeen - this.preambleUnits - 1;
    if (dataUnit === 0) this.firstDataLine = line + 1;
    if (dataUnit > 0 && extra !== 0) {
      this.irregularUnits.push(dataUnit);
      this.irregularExtra.push(extra);
    }
  }

  finish(): CsvLayout {
    // The last record needs no line break; one inside an unclosed quote ends the file, not a line.
    if (this.pendingCr && this.countedCr) this.kinds |= KIND_CR;
    if (this.state === QUOTED && this.unitsSeen <= this.preambleUnits) {
      this.headerProblem ??= { line: this.unitStartLine, column: this.field, unclosed: true };
    }
    if (this.unitHasContent) {
      const trailingBreak = this.state === QUOTED && this.line > this.unitStartLine && this.endsWithBreak;
      this.recordUnit(this.line, this.line - this.unitStartLine - (trailingBreak ? 1 : 0));
    }
    const units = Math.max(this.unitsSeen - this.preambleUnits - 1, 0);
    const mixed = [KIND_LF, KIND_CRLF, KIND_CR].filter((k) => (this.kinds & k) !== 0).length > 1;
    return {
      firstDataLine: this.firstDataLine || this.line + 1,
      units,
      irregularUnits: this.irregularUnits,
      irregularExtra: this.irregularExtra,
      mixedNewlines: mixed,
      headerProblem: this.headerProblem,
    };
  }

  /** Set by the reader: whether the file's last byte is a line break. */
  endsWithBreak = false;
}

/** Stops on a header DuckDB would read as no rows at all, naming the line and column. */
/**
 * In a file of one column DuckDB reads a blank line as a record (one empty field), where the scan
 * counts it as a blank line: for such files the blank lines are records, so the two agree.
 */
export function layoutAsDuckDbReads(layout: CsvLayout, columns: number): CsvLayout {
  if (columns !== 1) return layout;
  const keep = layout.irregularExtra.map((extra) => extra !== -1);
  return {
    ...layout,
    irregularUnits: layout.irregularUnits.filter((_, i) => keep[i]),
    irregularExtra: layout.irregularExtra.filter((_, i) => keep[i]),
  };
}

export function checkLayout(layout: CsvLayout, displayName: string): void {
  const problem = layout.headerProblem;
  if (!problem) return;
  const what = problem.unclosed
    ? "a quote opened here is never closed, so the whole file would be the header"
    : "text follows a closing quote (quote the whole name, and double any quote inside it)";
  throw new UserError(`${displayName}:${problem.line}:${problem.column}: the header row cannot be read: ${what}`, "malformed_header");
}

export interface ScanOptions {
  readonly delimiter: string;
  /** Title lines DuckDB skips before the header (`skip`), counted as DuckDB counts them. */
  readonly skipUnits: number;
}

export async function scanCsvLayout(file: string, options: ScanOptions): Promise<CsvLayout> {
  const scanner = new CsvScanner(options.delimiter.charCodeAt(0), options.skipUnits);
  let last = -1;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    scanner.feed(chunk);
    if (chunk.length) last = chunk[chunk.length - 1] as number;
  }
  scanner.endsWithBreak = last === LF || last === CR;
  return scanner.finish();
}

/**
 * A copy of the file whose record-ending line breaks, and those quoted in the header, are all LF
 * (quoted ones in records are data and stay), for DuckDB, which fails on a file mixing LF, CRLF
 * and CR. Lines and records are unchanged.
 */
export async function writeWithLfBreaks(file: string, target: string, delimiter: string): Promise<void> {
  const out = createWriteStream(target);
  let pieces: Buffer[] = [];
  let from = 0;
  const scanner = new CsvScanner(delimiter.charCodeAt(0), 0, (chunk, index, kind) => {
    pieces.push(chunk.subarray(from, index));
    if (kind !== "crlf-tail") pieces.push(LF_BYTES);
    from = index + 1;
  });
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    from = 0;
    pieces = [];
    scanner.feed(chunk);
    pieces.push(chunk.subarray(from));
    if (!out.write(Buffer.concat(pieces))) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

const LF_BYTES = Buffer.from("\n");

/** DuckDB keeps the first 10,000 bytes of a rejected record's text, cut without regard to UTF-8. */
const DUCKDB_REJECT_TEXT_BYTES = 10_000;

/**
 * Lines (at most `limit`) longer than DuckDB keeps of a rejected record, cut inside a multi-byte
 * character: if such a record is malformed, DuckDB's reader fails on the whole file.
 */
export async function linesDuckDbCannotReject(file: string, limit = 5): Promise<number[]> {
  const found: number[] = [];
  let line = 1;
  let lineStart = 0;
  let offset = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let from = 0;
    for (;;) {
      const at = chunk.indexOf(LF, from);
      const end = at === -1 ? chunk.length : at;
      const cut = lineStart + DUCKDB_REJECT_TEXT_BYTES - offset;
      if (cut >= from && cut < end && ((chunk[cut] as number) & 0xc0) === 0x80 && found.at(-1) !== line) found.push(line);
      if (at === -1 || found.length >= limit) break;
      line++;
      lineStart = offset + at + 1;
      from = at + 1;
    }
    if (found.length >= limit) break;
    offset += chunk.length;
  }
  return found;
}
