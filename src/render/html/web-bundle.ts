// The front end in web/ (dashboard and HTML-report script, each with its CSS) as four text files.
// Web assets are a build artefact; nothing bundles web/src at run time: `npm run build:web`
// (scripts/build-web.ts) writes them to dist/web/, and test/global-setup.ts does the same once
// before the tests. They are read from `../../../dist/web/` relative to this module, which is the
// package's dist/web/ both from dist/render/html/web-bundle.js and from src/render/html/web-bundle.ts
// (tsx, vitest). Read once per process.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const WEB_ASSETS = ["dashboard.js", "dashboard.css", "report.js", "report.css"] as const;
export type WebAssetName = (typeof WEB_ASSETS)[number];

const BUILT_DIR = new URL("../../../dist/web/", import.meta.url);
let loaded: ReadonlyMap<WebAssetName, string> | undefined;

export function webAsset(name: WebAssetName): string {
  loaded ??= readBuilt();
  const text = loaded.get(name);
  if (text === undefined) throw new Error(`web asset ${name} missing from ${fileURLToPath(BUILT_DIR)}`);
  return text;
}

function readBuilt(): Map<WebAssetName, string> {
  try {
    return new Map(WEB_ASSETS.map((name) => [name, readFileSync(new URL(name, BUILT_DIR), "utf8")]));
  } catch (error) {
    throw new Error(`the dashboard is not built (${fileURLToPath(BUILT_DIR)}): run \`npm run build:web\``, { cause: error });
  }
}
