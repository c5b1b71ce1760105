// The HTTP server behind `pipeprism serve`: the dashboard's static files and a read-only JSON API
// over one open workspace.
//   GET /                          dashboard
//   GET /api/meta                  dimensions, segment values, models, reports, periods, as-of
//   GET /api/report/<name>[.fmt]   the CLI's output for the same flags (json, csv, md, html)
// Parameters are checked by parseReportQuery and planReport; a UserError becomes a 400. Reports
// run in worker threads (report-runner.ts), so a slow one never holds up the others.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { UserError } from "../model/diagnostic.js";
import { planReport } from "../report/plan/report-plan.js";
import type { Workspace } from "../workspace/workspace.js";
import { DASHBOARD_CSP, errorReply, jsonReply, send, sendClientError, type Reply } from "./http-reply.js";
import { hostOfHeader, isLoopbackHost } from "./loopback.js";
import type { Meta } from "./meta.js";
import { ReportCache } from "./report-cache.js";
import { downloadName, parseReportFormat } from "./report-formats.js";
import { parseReportQuery, requestKey } from "./report-query.js";
import { reportRunner } from "./report-runner.js";
import { loadStaticAssets, type StaticAsset } from "./static-assets.js";

export interface ServerOptions {
  /** Accept any Host header (the server listens beyond loopback). Default: loopback names only. */
  readonly anyHost?: boolean;
  /** Where unexpected errors are logged. Default: stderr. */
  readonly log?: (line: string) => void;
  /** Worker threads that run reports; 0 runs them on the server's own thread. Default: min(2, CPUs). */
  readonly workers?: number;
}

export interface PipeprismServer extends Server {
  /** Resolves when every report started by a request has finished (and, once closed, the workers have exited). */
  idle(): Promise<void>;
}

const REPORT_PATH = /^\/api\/report\/([^/.]+)(?:\.([^/.]+))?$/;

function decodePart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new UserError(`"${part}" is not a valid URL path segment`, "bad_path");
  }
}

export function createServer(ws: Workspace, options: ServerOptions = {}): PipeprismServer {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const cache = new ReportCache();
  const runner = reportRunner(ws, options.workers);
  let closed: Promise<void> | undefined;
  const running = new Set<Promise<unknown>>();
  let meta: Promise<Meta> | undefined;
  let assets: ReadonlyMap<string, StaticAsset> | undefined;

  const track = <T>(work: Promise<T>): Promise<T> => {
    running.add(work);
    void work.finally(() => running.delete(work)).catch(() => undefined);
    return work;
  };

  async function route(req: IncomingMessage): Promise<Reply> {
    if (req.method !== "GET" && req.method !== "HEAD")
      return errorReply(405, `method ${req.method} not allowed (read-only: GET, HEAD)`, { allow: "GET, HEAD" });
    if (!options.anyHost && !isLoopbackHost(hostOfHeader(req.headers.host))) return errorReply(403, "Host header is not a loopback name");
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/api/meta") {
      if ([...url.searchParams.keys()].length) return errorReply(400, "/api/meta takes no query parameters");
      meta ??= track(runner.meta());
      meta.catch(() => (meta = undefined));
      return jsonReply(200, await meta);
    }
    const report = REPORT_PATH.exec(url.pathname);
    if (report) return reportReply(decodePart(report[1] ?? ""), report[2], url.searchParams);
    if (url.pathname.startsWith("/api/"))
      return errorReply(404, `no API at ${url.pathname} (valid: /api/meta, /api/report/<name>[.json|.csv|.md|.html])`);
    assets ??= loadStaticAssets();
    const file = assets.get(url.pathname);
    if (!file) return { status: 404, type: "text/plain; charset=utf-8", body: `not found: ${url.pathname}\n` };
    return {
      status: 200,
      type: file.type,
      body: file.body,
      gzip: file.gzip,
      headers: { "content-security-policy": DASHBOARD_CSP, "cache-control": "no-cache" },
    };
  }

  async function reportReply(name: string, extension: string | undefined, query: URLSearchParams): Promise<Reply> {
    const format = parseReportFormat(extension);
    const request = parseReportQuery(name, query);
    const result = await cache.get(requestKey(request), () => track(planReport(ws, request).then((plan) => runner.report(plan))));
    const { type, render, download } = format;
    const headers: Record<string, string> = { "cache-control": "no-store" };
    if (download) headers["content-disposition"] = `attachment; filename="${downloadName(result, format.extension)}"`;
    return { status: 200, type, body: render(result), headers };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let reply: Reply;
    try {
      reply = await route(req);
    } catch (error) {
      if (error instanceof UserError) reply = errorReply(400, error.message);
      else {
        log(`pipeprism serve: ${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        reply = errorReply(500, "internal error (see the server's log)");
      }
    }
    if (!res.destroyed) await send(req, res, reply);
  }

  const server = createHttpServer(
    (req, res) => void handle(req, res).catch((error: unknown) => log(`pipeprism serve: ${String(error)}`)),
  ) as PipeprismServer;
  // Malformed or oversized requests that never reach the handler get the same headers as the rest.
  server.on("clientError", sendClientError);
  server.on("listening", () => runner.warm());
  server.on("close", () => void (closed ??= runner.close()));
  server.idle = async () => {
    while (running.size) await Promise.allSettled([...running]);
    await closed;
  };
  return server;
}
