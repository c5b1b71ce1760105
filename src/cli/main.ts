// Process entry point for the `pipeprism` bin.
import { runCli, unexpectedErrorLine } from "./create-cli.js";

// A reader that stops early (`pipeprism report … | head -1`) closes the pipe: that is the reader's
// choice, not an error, so the program ends quietly instead of dying on an unhandled EPIPE.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

// Whatever escapes the command (a callback of the server, a stream) still ends in one line, not a trace.
const debug = process.argv.includes("--debug");
const lastWords = (error: unknown) => {
  process.stderr.write(`error: ${unexpectedErrorLine(error)} (run with --debug for the trace)\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
};
process.on("uncaughtException", lastWords);
process.on("unhandledRejection", lastWords);

process.exitCode = await runCli(process.argv.slice(2));
