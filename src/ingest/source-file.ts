// Makes a source file readable by DuckDB: exports from older Salesforce orgs and Excel arrive in
// Windows-1252, Excel's "Unicode text" in UTF-16. Auto mode checks the first megabyte; a file
// with a UTF-16 byte order mark, or that is not valid UTF-8, is transcoded, streaming, into a
// temporary UTF-8 copy (the original is never touched). Given the file's layout (csv-layout.ts),
// one that mixes LF, CRLF and CR line ends, which DuckDB's reader refuses or miscounts, is read
// from a copy whose record-ending line breaks are all LF.
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, open, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";
import { writeWithLfBreaks, type CsvLayout } from "./csv-layout.js";

export type SourceEncoding = "auto" | "utf-8" | "windows-1252";

type SourceTextEncoding = "utf-8" | "windows-1252" | "utf-16le" | "utf-16be";

const SNIFF_BYTES = 1 << 20;

export interface TranscodedFile {
  /** What DuckDB should read. */
  readonly path: string;
  readonly encoding: SourceTextEncoding;
  /** Removes the copies made, if any. */
  dispose(): Promise<void>;
  /** The path DuckDB should read given the file's layout: a copy with LF line ends if it mixes them. */
  withLfBreaks(layout: CsvLayout, delimiter: string): Promise<string>;
}

/** The file as UTF-8, without the layout scan (which callers may run beside DuckDB's read). */
export async function transcodeSource(file: string, encoding: SourceEncoding): Promise<TranscodedFile> {
  const actual = encoding === "auto" ? await sniffEncoding(file) : encoding;
  let dir: string | null = null;
  const tempDir = async () => (dir ??= await mkdtemp(path.join(os.tmpdir(), "pipeprism-source-")));
  const dispose = async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  };
  try {
    let target = file;
    if (actual !== "utf-8") {
      target = path.join(await tempDir(), `utf8-${path.basename(file)}`);
      await transcode(file, target, actual);
    }
    const withLfBreaks = async (layout: CsvLayout, delimiter: string) => {
      if (!layout.mixedNewlines) return target;
      const lf = path.join(await tempDir(), `lf-${path.basename(file)}`);
      await writeWithLfBreaks(target, lf, delimiter);
      return lf;
    };
    return { path: target, encoding: actual, dispose, withLfBreaks };
  } catch (error) {
    await dispose();
    throw error;
  }
}

async function transcode(file: string, target: string, encoding: SourceTextEncoding): Promise<void> {
  const decoder = new TextDecoder(encoding);
  const toUtf8 = new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, Buffer.from(decoder.decode(chunk, { stream: true }), "utf8"));
    },
    flush(done) {
      done(null, Buffer.from(decoder.decode(), "utf8"));
    },
  });
  await pipeline(createReadStream(file), toUtf8, createWriteStream(target));
}

async function sniffEncoding(file: string): Promise<SourceTextEncoding> {
  let handle;
  try {
    handle = await open(file, "r");
  } catch {
    return "utf-8"; // the header reader reports the missing file with its own message
  }
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    // Cut at the last complete line so a multi-byte character split by the sniff window is not
    // mistaken for invalid UTF-8.
    const head = buffer.subarray(0, bytesRead);
    const bom = utf16Bom(head);
    if (bom) return bom;
    const lastNewline = bytesRead === SNIFF_BYTES ? head.lastIndexOf(0x0a) : bytesRead;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, lastNewline > 0 ? lastNewline : bytesRead));
      return "utf-8";
    } catch {
      return "windows-1252";
    }
  } finally {
    await handle.close();
  }
}

/** The UTF-16 flavour a byte order mark at the start says, if any. */
export function utf16Bom(head: Uint8Array): "utf-16le" | "utf-16be" | null {
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  return null;
}
