// Builds the `pipeprism` program. A factory with injected IO, so tests run every command
// in-process and read its exit code instead of the process exiting.
import { Command, CommanderError } from "commander";
import { diagnosticJson, exitCodeOf, UserError, type Diagnostic, type DiagnosticCode } from "../model/diagnostic.js";
import { addIngestCommands } from "./ingest-command.js";
import { processIo, stderrLine, type CliIo } from "./io.js";
import { addPathsCommand } from "./paths-command.js";
import { addServeCommand } from "./serve-command.js";
import { addDealsCommand, addReportCommand } from "./report-command.js";
import { addSetupCommands } from "./setup-commands.js";
import { addValidateCommand } from "./validate-command.js";

const VERSION = "0.1.0";

export function createCli(io: CliIo = processIo): Command {
  const program = new Command("pipeprism")
    .description("B2B pipeline attribution by segment")
    .version(VERSION)
    .option("--debug", "print the stack trace of an unexpected error")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  addSetupCommands(program, io);
  addIngestCommands(program, io);
  addReportCommand(program, io);
  addDealsCommand(program, io);
  addPathsCommand(program, io);
  addValidateCommand(program, io);
  addServeCommand(program, io);
  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  return program;
}

/** Runs the CLI; returns the exit code: 0 ok, 1 error in input or data, 2 usage. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const json = wantsJson(argv);
  const program = createCli(io);
  if (json) silenceCommanderErrors(program);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return 0;
  } catch (error) {
    return reportError(error, { json, debug: argv.includes("--debug") }, io);
  }
}

/** `--format json` or `--format=json` anywhere: errors leave as JSON too. */
function wantsJson(argv: readonly string[]): boolean {
  return argv.includes("--format=json") || argv.some((arg, i) => arg === "--format" && argv[i + 1] === "json");
}

/** Commander prints its own `error: ...` before throwing; in JSON mode runCli prints it instead. */
function silenceCommanderErrors(command: Command): void {
  command.configureOutput({ outputError: () => undefined });
  for (const sub of command.commands) silenceCommanderErrors(sub);
}

function reportError(error: unknown, mode: { readonly json: boolean; readonly debug: boolean }, io: CliIo): number {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return 0;
    if (mode.json) io.stderr(errorJson([commanderDiagnostic(error)]));
    return 2;
  }
  if (error instanceof UserError) {
    if (mode.json) io.stderr(errorJson(error.diagnostics));
    else stderrLine(io, "error", error.message);
    return exitCodeOf(error);
  }
  const message = `${unexpectedErrorLine(error)} (run with --debug for the trace)`;
  if (mode.json) io.stderr(errorJson([{ code: "internal_error", message }]));
  else stderrLine(io, "error", message);
  if (mode.debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return exitCodeOf(error);
}

/** An unexpected error in one line: database messages run over several (the SQL, a caret, hints). */
export function unexpectedErrorLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (
    text
      .split(/\r?\n/)
      .find((line) => line.trim())
      ?.trim() ?? (error instanceof Error ? error.name : "unknown error")
  );
}

/**
 * One JSON line: `{"error":{"code","message","at"}}` with the first diagnostic; when there are
 * several (a config with many problems), `"errors"` beside it lists all of them, first included.
 */
function errorJson(diagnostics: readonly Diagnostic[]): string {
  const list = diagnostics.length ? diagnostics : [{ code: "user_error" as const, message: "invalid input" }];
  const [first, ...rest] = list.map((d) => diagnosticJson(d).error);
  return `${JSON.stringify(rest.length ? { error: first, errors: [first, ...rest] } : { error: first })}\n`;
}

const COMMANDER_CODES: ReadonlyMap<string, DiagnosticCode> = new Map([
  ["commander.unknownOption", "unknown_flag"],
  ["commander.unknownCommand", "unknown_command"],
]);

function commanderDiagnostic(error: CommanderError): Diagnostic {
  return {
    code: COMMANDER_CODES.get(error.code) ?? "bad_arguments",
    message: error.message
      .replace(/^error: /, "")
      .replace(/\s*\n\s*/g, " ")
      .trim(),
  };
}
