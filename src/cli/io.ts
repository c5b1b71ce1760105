// The output gateway: data to stdout (or --out), notes and errors to stderr. Commands never call
// console or process directly, so tests run the whole CLI in-process.
import { writeFile } from "node:fs/promises";

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  /** Whether stderr is a terminal (progress bars are drawn only there). */
  readonly isTerminal?: boolean;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  isTerminal: Boolean(process.stderr.isTTY),
};

export async function emit(io: CliIo, text: string, out?: string): Promise<void> {
  if (out) {
    await writeFile(out, text);
    io.stderr(`wrote ${out}\n`);
  } else io.stdout(text);
}

export function emitNotes(io: CliIo, notes: readonly string[]): void {
  for (const note of notes) io.stderr(`note: ${note}\n`);
}
