// The front end in web/ (dashboard and HTML-report script, each with its CSS) as four text files.
// `npm run build:web` writes them to dist/web/; code running from source (tsx, vitest) bundles
// web/ in memory with esbuild instead, so it never serves a stale build. Bundled once per process.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type * as Esbuild from "esbuild";

export const WEB_ASSETS = ["dashboard.js", "dashboard.css", "report.js", "report.css"] as const;
export type WebAssetName = (typeof WEB_ASSETS)[number];

const FROM_SOURCE = import.meta.url.endsWith(".ts");
let loaded: ReadonlyMap<WebAssetName, string> | undefined;

export function webAsset(name: WebAssetName): string {
  loaded ??= FROM_SOURCE ? bundleWeb() : readBuilt();
  const text = loaded.get(name);
  if (text === undefined) throw new Error(`web asset ${name} missing from the bundle`);
  return text;
}

/** Bundles web/src/{dashboard,report-page}.ts (and the CSS they import), minified. */
export function bundleWeb(): Map<WebAssetName, string> {
  const esbuild = createRequire(import.meta.url)("esbuild") as typeof Esbuild;
  const webDir = fileURLToPath(new URL("../../../web/", import.meta.url));
  const result = esbuild.buildSync({
    entryPoints: { dashboard: `${webDir}src/dashboard.ts`, report: `${webDir}src/report-page.ts` },
    bundle: true,
    minify: true,
    format: "iife",
    target: "es2020",
    charset: "utf8",
    legalComments: "eof",
    write: false,
    outdir: "/pipeprism-web",
    logLevel: "silent",
  });
  const out = new Map<WebAssetName, string>();
  for (const file of result.outputFiles) {
    const name = file.path.split("/").pop() as WebAssetName;
    if (WEB_ASSETS.includes(name)) out.set(name, file.text);
  }
  return out;
}

function readBuilt(): Map<WebAssetName, string> {
  const dir = new URL("../../web/", import.meta.url);
  try {
    return new Map(WEB_ASSETS.map((name) => [name, readFileSync(new URL(name, dir), "utf8")]));
  } catch (error) {
    throw new Error(`the dashboard is not built (${fileURLToPath(dir)}): run \`npm run build\``, { cause: error });
  }
}
