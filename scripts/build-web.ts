// `npm run build:web`: bundles the dashboard and the HTML-report script (web/) into dist/web/,
// where `pipeprism serve` and `--format html` read them (from dist and from source alike).
import { buildWeb } from "./bundle-web.js";

for (const [name, text] of await buildWeb()) {
  console.log(`dist/web/${name}  ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB`);
}
