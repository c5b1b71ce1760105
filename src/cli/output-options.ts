// The output flags every command that prints a table declares the same way: --format, --out and
// --wide. Where a table goes decides how it is drawn: a terminal gets it fitted to its width (and
// coloured unless NO_COLOR is set); a pipe, a file or --wide gets every column, plain.
import type { Command } from "commander";
import type { TableOptions } from "../render/render-table.js";
import type { CliIo } from "./io.js";

export interface OutputFlags {
  readonly format: string;
  readonly out?: string;
  readonly wide?: boolean;
}

const WIDE_HELP = "table on a terminal: print every column, however wide (default: the columns that fit)";

export function addOutputOptions(command: Command, formats: readonly string[]): Command {
  return command
    .option("--format <format>", formats.join(" | "), "table")
    .option("--out <file>", "write to a file instead of stdout")
    .option("--wide", WIDE_HELP);
}

/** How a table is drawn for where it goes: fitted and coloured only on a terminal, never into --out. */
export function tableOptions(io: CliIo, flags: { readonly out?: string; readonly wide?: boolean }): TableOptions {
  const terminal = flags.out ? undefined : io.stdoutTerminal;
  if (!terminal) return {};
  return { ...(flags.wide ? {} : { width: terminal.columns }), color: terminal.color };
}
