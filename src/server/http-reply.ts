// Writing responses: fixed security headers on every reply (a Content-Security-Policy that allows
// nothing unless the reply names a wider one, as the dashboard's files do), gzip when the client
// accepts it, no body for HEAD. API errors are `{ "error": message }`.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { promisify } from "node:util";
import { gzip } from "node:zlib";

const gzipAsync = promisify(gzip);

/** API replies are data, never a page: nothing may load from them or frame them. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": API_CSP,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-resource-policy": "same-origin",
};

/** The dashboard loads only its own script and style and talks only to its own API. */
export const DASHBOARD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface Reply {
  readonly status: number;
  readonly type: string;
  readonly body: Buffer | string;
  /** Already-compressed body, when the caller has one. */
  readonly gzip?: Buffer;
  readonly headers?: Readonly<Record<string, string>>;
}

export const jsonReply = (status: number, value: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  type: "application/json; charset=utf-8",
  body: `${JSON.stringify(value, null, 2)}\n`,
  headers: { "cache-control": "no-store", ...headers },
});

export const errorReply = (status: number, message: string, headers: Record<string, string> = {}): Reply =>
  jsonReply(status, { error: message }, headers);

export async function send(req: IncomingMessage, res: ServerResponse, reply: Reply): Promise<void> {
  const raw = typeof reply.body === "string" ? Buffer.from(reply.body, "utf8") : reply.body;
  const accepts = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  const zipped = accepts && raw.length > 1024 ? (reply.gzip ?? (await gzipAsync(raw))) : null;
  const body = zipped ?? raw;
  // The client may have gone while the body was compressed: nothing to answer then.
  if (res.destroyed) return;
  res.writeHead(reply.status, {
    ...SECURITY_HEADERS,
    ...reply.headers,
    "content-type": reply.type,
    "content-length": String(body.length),
    vary: "accept-encoding",
    ...(zipped ? { "content-encoding": "gzip" } : {}),
  });
  res.end(req.method === "HEAD" ? undefined : body);
}

/** The server's `clientError` listener: a request Node could not parse still gets the headers and a JSON error. */
export function sendClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, message] =
    error.code === "HPE_HEADER_OVERFLOW"
      ? [431, "Request Header Fields Too Large", "request headers too large"]
      : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, "Request Timeout", "request timed out"]
        : [400, "Bad Request", "malformed HTTP request"];
  const body = `${JSON.stringify({ error: message })}\n`;
  const headers = {
    ...SECURITY_HEADERS,
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(body)),
    connection: "close",
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  socket.end(`HTTP/1.1 ${status} ${reason}\r\n${head.join("")}\r\n${body}`);
}
