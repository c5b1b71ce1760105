// Streams CSV rows to a file without holding them: rows collect into a ~64 KB string that is
// written when full, and the producer awaits the stream's drain, so memory stays flat whether the
// file has a hundred rows or millions. Quoting follows RFC 4180.
import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";

const CHUNK_CHARS = 64 * 1024;
const NEEDS_QUOTES = /[",\r\n]/;

/** A text field, quoted only when it holds a comma, quote or line break. */
export function csvText(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export class CsvFileWriter {
  private chunk = "";
  private count = 0;
  private failure: Error | undefined;

  private constructor(
    readonly path: string,
    private readonly stream: WriteStream,
  ) {
    // Keep a late write error (disk full) instead of letting it crash the process; flush rethrows it.
    stream.on("error", (error) => (this.failure ??= error));
  }

  static async open(path: string, header: readonly string[]): Promise<CsvFileWriter> {
    const stream = createWriteStream(path, { encoding: "utf8" });
    await once(stream, "open"); // rejects with the stream's error, e.g. a missing directory
    const writer = new CsvFileWriter(path, stream);
    writer.chunk = header.map(csvText).join(",") + "\n";
    return writer;
  }

  get rows(): number {
    return this.count;
  }

  /** Appends one row; fields must already be CSV-safe (numbers, dates, or csvText output). */
  row(fields: readonly (string | number)[]): void {
    this.line(fields.join(","));
  }

  /** Appends one pre-joined row (the hot path for large tables: no array per row). */
  line(text: string): void {
    this.chunk += text + "\n";
    this.count++;
  }

  /** Writes the pending chunk once it is big enough, waiting if the stream is backed up. */
  async flushIfFull(): Promise<void> {
    if (this.chunk.length >= CHUNK_CHARS) await this.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, "finish");
  }

  /** Gives up on the file after a failure elsewhere; the partial file is left for the caller. */
  abort(): void {
    this.stream.destroy();
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.chunk === "") return;
    const ready = this.stream.write(this.chunk);
    this.chunk = "";
    if (!ready) await once(this.stream, "drain");
  }
}
