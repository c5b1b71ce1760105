// Builds the `pipeprism` program. A factory with injected IO, so tests run every command
// in-process and read its exit code instead of the process exiting.
import { Command, CommanderError } from "commander";
import { UserError } from "../model/diagnostic.js";
import { addIngestCommands } from "./ingest-command.js";
import { processIo, type CliIo } from "./io.js";
import { addPathsCommand } from "./paths-command.js";
import { addServeCommand } from "./serve-command.js";
import { addReportCommand } from "./report-command.js";
import { addSetupCommands } from "./setup-commands.js";

export const VERSION = "0.1.0";

export function createCli(io: CliIo = processIo): Command {
  const program = new Command("pipeprism")
    .description("B2B pipeline attribution by segment")
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  addSetupCommands(program, io);
  addIngestCommands(program, io);
  addReportCommand(program, io);
  addPathsCommand(program, io);
  addServeCommand(program, io);
  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  return program;
}

/** Runs the CLI; returns the exit code: 0 ok, 1 error in input or data, 2 usage. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  try {
    await createCli(io).parseAsync([...argv], { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UserError) {
      io.stderr(`error: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
