// Process entry point for the `pipeprism` bin.
import { runCli } from "./create-cli.js";

process.exitCode = await runCli(process.argv.slice(2));
