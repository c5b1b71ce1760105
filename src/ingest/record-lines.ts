// Each record's physical line and its text as in the file, for quarantine and kept rows' lines.
// DuckDB reads the file; the layout scan (csv-layout.ts) says where its records start. The two
// are matched here, streaming: records DuckDB parsed get their lines in file order (a small file
// joined by position), rejected ones by DuckDB's record number. Only when a file has neither a
// blank line, a multi-line record nor a rejected record is the line a formula of the row number.
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import path from "node:path";
import type { SqlEngine } from "../db/engine.js";
import type { RecordLines } from "../sql/ingest-sql.js";
import {
  compileCountParsed,
  compileLoadLines,
  compileLoadRawTexts,
  compileLoadRejectLines,
  compileRejectedRecords,
} from "../sql/ingest/record-lines-sql.js";
import { rawTable } from "../sql/ingest/staging-names.js";
import type { CsvLayout } from "./csv-layout.js";

const LF = 0x0a;
const CR = 0x0d;

/**
 * Times the layout scan and DuckDB disagreed about a file's records (lines then fall back to
 * DuckDB's record numbers). Never expected: the fuzz tests check it stays 0.
 */
export const layoutMismatches = { count: 0 };

export interface PlaceInput {
  readonly engine: SqlEngine;
  /** Name the file was read under (`raw_<name>`, `rejects_<name>`). */
  readonly name: string;
  readonly layout: CsvLayout;
  /** Title lines DuckDB skipped before the header. */
  readonly skipUnits: number;
  /** A folder for the files DuckDB reads back. */
  readonly dir: string;
}

export async function placeRecords(input: PlaceInput): Promise<RecordLines> {
  const { engine, name, layout, skipUnits, dir } = input;
  const rejected = (await engine.all(compileRejectedRecords(name))).map((r) => Number(r.line) - 1 - skipUnits);
  const [count] = await engine.all(compileCountParsed(rawTable(name)));
  const parsed = Number(count?.n ?? 0);
  if (layout.irregularUnits.length === 0 && rejected.length === 0) {
    if (parsed === layout.units) return { kind: "formula", firstDataLine: layout.firstDataLine };
    layoutMismatches.count++;
    return { kind: "records" };
  }
  const parsedFile = path.join(dir, `lines-${name}.csv`);
  const rejectFile = path.join(dir, `reject-lines-${name}.csv`);
  const parsedOut = new NumberWriter(parsedFile);
  const rejectOut = new NumberWriter(rejectFile);
  let line = layout.firstDataLine;
  let irregular = 0;
  let next = 0;
  let parsedSeen = 0;
  let consistent = true;
  for (let unit = 1; unit <= layout.units; unit++) {
    let extra = 0;
    if (layout.irregularUnits[irregular] === unit) extra = layout.irregularExtra[irregular++] ?? 0;
    const isRejected = rejected[next] === unit;
    if (extra === -1) {
      if (isRejected) consistent = false;
      line++;
      continue;
    }
    const span = 1 + extra;
    if (isRejected) {
      if (rejectOut.row(unit + 1 + skipUnits, line, span)) await rejectOut.flush();
      next++;
    } else {
      if (parsedOut.row(line, span)) await parsedOut.flush();
      parsedSeen++;
    }
    line += span;
  }
  await Promise.all([parsedOut.close(), rejectOut.close()]);
  if (!consistent || next !== rejected.length || parsedSeen !== parsed) {
    layoutMismatches.count++;
    return { kind: "records" };
  }
  await engine.run(compileLoadLines(name, parsedFile));
  await engine.run(compileLoadRejectLines(name, rejectFile));
  return { kind: "mapped" };
}

export interface RecordSpan {
  readonly line: number;
  readonly span: number;
}

/**
 * Copies the text of the given records (line, line count; any order) from the file into
 * `raw_text_<name>`: exactly the file's bytes from the record's first line to the end of its last,
 * without the final line break.
 */
export async function loadRecordTexts(
  engine: SqlEngine,
  name: string,
  file: string,
  spans: readonly RecordSpan[],
  dir: string,
): Promise<void> {
  const textsFile = path.join(dir, `raw-text-${name}.csv`);
  const longest = await extractRecordTexts(file, spans, textsFile);
  await engine.run(compileLoadRawTexts(name, textsFile, longest + 64));
}

async function extractRecordTexts(file: string, spans: readonly RecordSpan[], target: string): Promise<number> {
  const wanted = [...spans].sort((a, b) => a.line - b.line);
  const out = new LineWriter(target);
  let longest = 0;
  let k = 0;
  let line = 1;
  let collecting = false;
  let startLine = 0;
  let endLine = 0;
  let pieces: Buffer[] = [];
  let first = true;
  let carry: Buffer | null = null;

  let nextWanted = wanted[0]?.line ?? Infinity;
  const begin = () => {
    while (k < wanted.length && (wanted[k]?.line ?? 0) < line) k++;
    const w = wanted[k];
    if (w && w.line === line) {
      collecting = true;
      startLine = line;
      endLine = line + Math.max(w.span, 1) - 1;
      while (k < wanted.length && wanted[k]?.line === line) k++;
    }
    nextWanted = wanted[k]?.line ?? Infinity;
  };
  const finish = (last: Buffer) => {
    pieces.push(last);
    const text = Buffer.concat(pieces).toString("utf8");
    pieces = [];
    collecting = false;
    const json = JSON.stringify(text);
    longest = Math.max(longest, Buffer.byteLength(json));
    return out.add(`${startLine}\t${json}\n`);
  };

  for await (const read of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let chunk: Buffer = carry ? Buffer.concat([carry, read]) : read;
    carry = null;
    let i = 0;
    if (first) {
      first = false;
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
      begin();
    }
    // A CR ending the chunk may be the first half of a CRLF: keep it for the next chunk.
    if (chunk[chunk.length - 1] === CR) {
      carry = chunk.subarray(chunk.length - 1);
      chunk = chunk.subarray(0, chunk.length - 1);
    }
    let segment = i;
    let nextLf = -2;
    let nextCr = -2;
    while (i < chunk.length) {
      if (nextLf !== -1 && nextLf < i) nextLf = chunk.indexOf(LF, i);
      if (nextCr !== -1 && nextCr < i) nextCr = chunk.indexOf(CR, i);
      if (nextLf === -1 && nextCr === -1) break;
      const at = nextLf === -1 ? nextCr : nextCr === -1 ? nextLf : Math.min(nextLf, nextCr);
      const after = chunk[at] === CR && chunk[at + 1] === LF ? at + 2 : at + 1;
      if (collecting && line === endLine && finish(chunk.subarray(segment, at))) await out.flush();
      line++;
      i = after;
      if (!collecting) {
        if (line >= nextWanted) begin();
        segment = after;
      }
    }
    if (collecting) pieces.push(chunk.subarray(segment));
    else if (nextWanted === Infinity) break; // every wanted record copied: the rest is not read
  }
  // A CR ending the file ends the last line; it is not part of the record.
  if (collecting) finish(Buffer.alloc(0));
  await out.close();
  return longest;
}

/** Buffered lines into a file, waiting when the disk is slower than the producer. */
class LineWriter {
  private readonly stream: WriteStream;
  private buffer: string[] = [];
  private size = 0;
  constructor(file: string) {
    this.stream = createWriteStream(file);
  }

  /** Buffers a line; true when the buffer is full and the caller should await flush(). */
  add(text: string): boolean {
    this.buffer.push(text);
    this.size += text.length;
    return this.size >= 1 << 20;
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const ok = this.stream.write(this.buffer.join(""));
    this.buffer = [];
    this.size = 0;
    if (!ok) await once(this.stream, "drain");
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, "finish");
  }
}

/** Rows of whole numbers into a CSV file, written digit by digit into a buffer (millions of rows). */
class NumberWriter {
  private readonly stream: WriteStream;
  private buffer = Buffer.allocUnsafe(1 << 20);
  private at = 0;
  constructor(file: string) {
    this.stream = createWriteStream(file);
  }

  /** Buffers one row; true when the buffer is nearly full and the caller should await flush(). */
  row(a: number, b: number, c?: number): boolean {
    this.digits(a);
    this.buffer[this.at++] = 0x2c;
    this.digits(b);
    if (c !== undefined) {
      this.buffer[this.at++] = 0x2c;
      this.digits(c);
    }
    this.buffer[this.at++] = LF;
    return this.at > this.buffer.length - 128;
  }

  private digits(value: number): void {
    let v = value;
    let width = 1;
    for (let t = 10; t <= v; t *= 10) width++;
    let i = this.at + width;
    this.at = i;
    do {
      const q = Math.floor(v / 10);
      this.buffer[--i] = 0x30 + v - q * 10;
      v = q;
    } while (v > 0);
  }

  async flush(): Promise<void> {
    if (this.at === 0) return;
    const full = this.buffer.subarray(0, this.at);
    this.buffer = Buffer.allocUnsafe(1 << 20);
    this.at = 0;
    if (!this.stream.write(full)) await once(this.stream, "drain");
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, "finish");
  }
}
