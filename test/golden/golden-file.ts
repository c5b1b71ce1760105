// Golden-file mechanics (Observable Plot style): compare output with the file in test/golden/; on a
// mismatch write `<file>.changed` beside it and fail naming both; with UPDATE_GOLDEN=1 write the
// golden file instead. A match removes a stale `.changed` file.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

const GOLDEN_DIR = fileURLToPath(new URL(".", import.meta.url));
const ROOT = path.resolve(GOLDEN_DIR, "../..");
const ACCEPT = "UPDATE_GOLDEN=1 npx vitest run test/golden-files.test.ts";

export const goldenPath = (name: string): string => path.join(GOLDEN_DIR, name);

export async function expectGolden(name: string, actual: string): Promise<void> {
  const file = goldenPath(name);
  const changed = `${file}.changed`;
  if (process.env.UPDATE_GOLDEN === "1") {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, actual);
    await rm(changed, { force: true });
    return;
  }
  const expected = await readFile(file, "utf8").catch(() => null);
  if (expected === actual) {
    await rm(changed, { force: true });
    return;
  }
  await writeFile(changed, actual);
  const [g, c] = [path.relative(ROOT, file), path.relative(ROOT, changed)];
  const what = expected === null ? `${g} does not exist` : `the output differs from ${g}`;
  expect(actual, `${what}: wrote ${c}. Review with \`diff ${g} ${c}\`; if the change is right, accept it with ${ACCEPT}`).toBe(expected);
}

/**
 * The HTML report with its CSS and script bundle (minified from web/, changing with the dashboard
 * code) replaced by a placeholder; the `application/json` data script, the report itself, is kept.
 */
export function normaliseHtml(html: string): string {
  return html
    .replace(/(<style\b[^>]*>)[\s\S]*?(<\/style>)/g, "$1/* report.css: not compared */$2")
    .replace(/(<script\b(?![^>]*application\/json)[^>]*>)[\s\S]*?(<\/script>)/g, "$1/* report.js: not compared */$2");
}
