// Bundles the front end in web/ with esbuild into the four files src/render/html/web-bundle.ts
// reads at run time. Used by `npm run build:web` and by the tests' global setup; never by src/.
import { mkdir, rename, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import { WEB_ASSETS, type WebAssetName } from "../src/render/html/web-bundle.js";

export const WEB_OUT_DIR = fileURLToPath(new URL("../dist/web/", import.meta.url));
const WEB_DIR = fileURLToPath(new URL("../web/", import.meta.url));

const isWebAsset = (name: string): name is WebAssetName => (WEB_ASSETS as readonly string[]).includes(name);

/** web/src/{dashboard,report-page}.ts (and the CSS they import), minified, in memory. */
export function bundleWeb(): Map<WebAssetName, string> {
  const result = buildSync({
    entryPoints: { dashboard: `${WEB_DIR}src/dashboard.ts`, report: `${WEB_DIR}src/report-page.ts` },
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
    const name = file.path.split("/").pop() ?? "";
    if (isWebAsset(name)) out.set(name, file.text);
  }
  const missing = WEB_ASSETS.filter((name) => !out.has(name));
  if (missing.length) throw new Error(`esbuild produced no ${missing.join(", ")}`);
  return out;
}

/**
 * Bundles web/ and writes each file to `outDir` (default dist/web/). Each file is written beside
 * its target and renamed over it, so a process reading dist/web/ meanwhile never sees half a file.
 */
export async function buildWeb(outDir = WEB_OUT_DIR): Promise<Map<WebAssetName, string>> {
  const bundle = bundleWeb();
  await mkdir(outDir, { recursive: true });
  for (const [name, text] of bundle) {
    const temp = `${outDir}${name}.${process.pid}.tmp`;
    await writeFile(temp, text);
    await rename(temp, `${outDir}${name}`);
  }
  return bundle;
}
