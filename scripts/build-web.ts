// `npm run build:web`: bundles the dashboard and the HTML-report script (web/) into dist/web/,
// where `pipeprism serve` and `--format html` read them when running from dist.
import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { bundleWeb } from "../src/render/html/web-bundle.js";

const outDir = fileURLToPath(new URL("../dist/web/", import.meta.url));
await mkdir(outDir, { recursive: true });
for (const [name, text] of bundleWeb()) {
  await writeFile(`${outDir}${name}`, text);
  console.log(`dist/web/${name}  ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB`);
}
