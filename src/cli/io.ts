// The output gateway: data to stdout (or --out), notes and errors to stderr. Commands never call
// console or process directly, so tests run the whole CLI in-process.
import { writeFile } from "node:fs/promises";
import { visibleText } from "../render/visible-text.js";
import { UserError } from "../model/diagnostic.js";

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  /** Whether stderr is a terminal (progress bars are drawn only there). */
  readonly isTerminal?: boolean;
  /** stdout when it is a terminal: tables fit its width and may be coloured. Absent when piped. */
  readonly stdoutTerminal?: StdoutTerminal;
}

export interface StdoutTerminal {
  readonly columns: number;
  /** Styles wanted: a terminal, and NO_COLOR unset or empty (https://no-color.org). */
  readonly color: boolean;
}

/** A terminal too narrow to tell (or one that does not say) is taken as the classic 80 columns. */
const DEFAULT_COLUMNS = 80;

/** What stdout is: a terminal (with its width and whether colour is wanted), or nothing to fit. */
export function stdoutTerminalOf(
  stream: { readonly isTTY?: boolean; readonly columns?: number },
  env: Readonly<Record<string, string | undefined>>,
): StdoutTerminal | undefined {
  if (!stream.isTTY) return undefined;
  const columns = stream.columns && stream.columns > 0 ? stream.columns : DEFAULT_COLUMNS;
  return { columns, color: !env.NO_COLOR };
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  isTerminal: Boolean(process.stderr.isTTY),
  get stdoutTerminal() {
    // Read when a command prints, so a resized window is measured then.
    return stdoutTerminalOf(process.stdout, process.env);
  },
};

export async function emit(io: CliIo, text: string, out?: string): Promise<void> {
  if (out) {
    await writeOut(out, text);
    io.stderr(`wrote ${out}\n`);
  } else io.stdout(text);
}

/**
 * Notes, warnings and errors quote CRM values (segment and channel names, statuses, file lines):
 * control characters in them are shown, not obeyed, line by line.
 */
export function stderrLine(io: CliIo, label: "note" | "warning" | "error", text: string): void {
  io.stderr(`${label}: ${text.split("\n").map(visibleText).join("\n")}\n`);
}

export function emitNotes(io: CliIo, notes: readonly string[]): void {
  for (const note of notes) stderrLine(io, "note", note);
}

/** Writes --out, turning a file-system refusal into a message that names the path and the problem. */
async function writeOut(out: string, text: string): Promise<void> {
  try {
    await writeFile(out, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = FILE_PROBLEMS.get(code ?? "");
    if (problem) throw new UserError(`--out ${out}: ${problem}`, "file_unwritable");
    throw error;
  }
}

const FILE_PROBLEMS: ReadonlyMap<string, string> = new Map([
  ["ENOENT", "the folder does not exist (create it first)"],
  ["EACCES", "permission denied"],
  ["EPERM", "permission denied"],
  ["EISDIR", "is a folder; give a file name"],
  ["ENOTDIR", "a part of the path is a file, not a folder"],
  ["EROFS", "the file system is read-only"],
  ["ENOSPC", "no space left on the device"],
]);
