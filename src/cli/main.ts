// Process entry point for the `pipeprism` bin.
import { runCli } from "./create-cli.js";

// A reader that stops early (`pipeprism report … | head -1`) closes the pipe: that is the reader's
// choice, not an error, so the program ends quietly instead of dying on an unhandled EPIPE.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2));
