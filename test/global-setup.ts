// Vitest global setup: builds the web assets into dist/web/ once before any test, with the same
// function as `npm run build:web`, since run-time code only reads built files (see
// src/render/html/web-bundle.ts) and tests run from source.
import { buildWeb } from "../scripts/bundle-web.js";

export default async function setup(): Promise<void> {
  await buildWeb();
}
