// Opens the workspace and listens: the library side of `pipeprism serve`. Binds loopback unless a
// host is given; close() stops accepting, lets running reports finish, then closes the workspace.
import type { AddressInfo } from "node:net";
import { UserError } from "../model/diagnostic.js";
import { openWorkspace, type Workspace } from "../workspace/workspace.js";
import { createServer, type PipeprismServer } from "./create-server.js";
import { isLoopbackHost } from "./loopback.js";

export const DEFAULT_PORT = 4178;
export const DEFAULT_HOST = "127.0.0.1";

/** How long open connections may take to finish when closing. */
const CLOSE_GRACE_MS = 5000;

export interface StartOptions {
  readonly configPath: string;
  readonly host?: string;
  /** 0 picks a free port. Default 4178. */
  readonly port?: number;
  readonly log?: (line: string) => void;
  /** Worker threads for reports (see ServerOptions.workers). */
  readonly workers?: number;
}

export interface RunningServer {
  readonly url: string;
  readonly server: PipeprismServer;
  readonly workspace: Workspace;
  close(): Promise<void>;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const workspace = await openWorkspace(options.configPath);
  const server = createServer(workspace, {
    anyHost: !isLoopbackHost(host),
    ...(options.log ? { log: options.log } : {}),
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? DEFAULT_PORT, host, () => resolve());
    });
  } catch (error) {
    await workspace.close();
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE")
      throw new UserError(`port ${options.port ?? DEFAULT_PORT} on ${host} is in use: pass --port N (0 for any free port)`, "port_in_use");
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= closeServer(server, workspace));
  return { url: `http://${shownHost}:${port}/`, server, workspace, close };
}

async function closeServer(server: PipeprismServer, workspace: Workspace): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const stragglers = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
  await closed;
  clearTimeout(stragglers);
  await server.idle();
  await workspace.close();
}
