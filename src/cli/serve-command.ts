// `pipeprism serve`: the dashboard and JSON API over the workspace, on 127.0.0.1:4178 by default,
// until SIGINT/SIGTERM. Listening beyond loopback works but warns: there is no authentication.
import type { Command } from "commander";
import { UserError } from "../model/diagnostic.js";
import { isLoopbackHost } from "../server/loopback.js";
import { DEFAULT_HOST, DEFAULT_PORT, startServer } from "../server/start-server.js";
import { resolveConfigPath } from "./config-path.js";
import type { CliIo } from "./io.js";

interface ServeFlags {
  config?: string;
  host: string;
  port: string;
}

/** Resolves when the server should stop; the default waits for Ctrl-C or SIGTERM. */
export type StopSignal = () => Promise<void>;

const waitForSignal: StopSignal = () =>
  new Promise((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });

export function addServeCommand(program: Command, io: CliIo, untilStop: StopSignal = waitForSignal): void {
  program
    .command("serve")
    .description("dashboard and JSON API over the workspace (read-only)")
    .option("--port <n>", "port to listen on (0: any free port)", String(DEFAULT_PORT))
    .option("--host <address>", "address to bind; anything but loopback exposes every report", DEFAULT_HOST)
    .option("--config <file>", "config file (default ./pipeprism.yaml)")
    .action(async (flags: ServeFlags) => {
      const port = parsePort(flags.port);
      if (!isLoopbackHost(flags.host)) {
        io.stderr(
          `warning: --host ${flags.host} is not loopback: anyone who can reach this machine on port ${port} can read every report (there is no authentication)\n`,
        );
      }
      const running = await startServer({
        configPath: resolveConfigPath(io, flags.config),
        host: flags.host,
        port,
        log: (line) => io.stderr(`${line}\n`),
      });
      io.stdout(`pipeprism dashboard: ${running.url} (data as of ${running.workspace.dataAsOf}; Ctrl-C to stop)\n`);
      await untilStop();
      await running.close();
      io.stderr("stopped\n");
    });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new UserError(`--port: "${value}" is not a port (expected 0 to 65535)`, "bad_port");
  return port;
}
