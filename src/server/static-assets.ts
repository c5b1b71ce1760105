// The dashboard's static routes, held in memory: a small HTML shell plus the bundled script and
// stylesheet, each precompressed. Only these fixed paths are served; no request names a file.
import { gzipSync } from "node:zlib";
import { webAsset } from "../render/html/web-bundle.js";

export interface StaticAsset {
  readonly type: string;
  readonly body: Buffer;
  readonly gzip: Buffer;
}

const ICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path d="M2 14 8 2l6 12z" fill="#3b528b"/></svg>')}`;

const SHELL = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>pipeprism</title>
<link rel="icon" href="${ICON}">
<link rel="stylesheet" href="/assets/dashboard.css">
<script defer src="/assets/dashboard.js"></script>
</head>
<body>
<noscript>The pipeprism dashboard needs JavaScript. The same numbers are at /api/report/&lt;name&gt; and from <code>pipeprism report</code>.</noscript>
</body>
</html>
`;

function asset(type: string, text: string): StaticAsset {
  const body = Buffer.from(text, "utf8");
  return { type, body, gzip: gzipSync(body) };
}

/** Path → asset, read from the built dist/web/ on first use. */
export function loadStaticAssets(): ReadonlyMap<string, StaticAsset> {
  const page = asset("text/html; charset=utf-8", SHELL);
  return new Map([
    ["/", page],
    ["/index.html", page],
    ["/assets/dashboard.js", asset("text/javascript; charset=utf-8", webAsset("dashboard.js"))],
    ["/assets/dashboard.css", asset("text/css; charset=utf-8", webAsset("dashboard.css"))],
  ]);
}
