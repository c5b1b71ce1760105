// Makes a source file readable as UTF-8: exports from older Salesforce orgs and Excel arrive in
// Windows-1252. Auto mode checks the first megabyte; a file that is not valid UTF-8 is
// transcoded, streaming, into a temporary copy (the original is never touched).
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, open } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";

export type SourceEncoding = "auto" | "utf-8" | "windows-1252";

export interface PreparedFile {
  /** What DuckDB should read. */
  readonly path: string;
  readonly encoding: "utf-8" | "windows-1252";
}

const SNIFF_BYTES = 1 << 20;

export async function prepareSourceFile(file: string, encoding: SourceEncoding): Promise<PreparedFile> {
  const actual = encoding === "auto" ? await sniffEncoding(file) : encoding;
  if (actual === "utf-8") return { path: file, encoding: actual };
  const dir = await mkdtemp(path.join(os.tmpdir(), "pipeprism-utf8-"));
  const target = path.join(dir, path.basename(file));
  const decoder = new TextDecoder("windows-1252");
  const toUtf8 = new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, Buffer.from(decoder.decode(chunk, { stream: true }), "utf8"));
    },
    flush(done) {
      done(null, Buffer.from(decoder.decode(), "utf8"));
    },
  });
  await pipeline(createReadStream(file), toUtf8, createWriteStream(target));
  return { path: target, encoding: actual };
}

async function sniffEncoding(file: string): Promise<"utf-8" | "windows-1252"> {
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
