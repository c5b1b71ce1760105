// Tests that read the public reference data in ../shared/data (beside the checkout; never copied
// into the repo). When the folder is missing, CI must fail loudly rather than pass vacuously,
// while a local run skips with a visible message.

import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DATA_DIR = fileURLToPath(new URL("../shared/data/", new URL("../../", import.meta.url)));

/** Absolute path of ../shared/data (with trailing slash), or null when it is not there. */
export function sharedDataDir(): string | null {
  return existsSync(DATA_DIR) ? DATA_DIR : null;
}

/** `describe` whose body gets the data folder; fails under CI=true and skips otherwise when absent. */
export function describeShared(name: string, body: (dataDir: string) => void): void {
  const dir = sharedDataDir();
  if (dir !== null) {
    describe(name, () => body(dir));
    return;
  }
  if (process.env.CI === "true") {
    describe(name, () => {
      it("needs the shared data folder", () => {
        throw new Error(`shared data folder missing: expected ${DATA_DIR} beside ${REPO_ROOT}`);
      });
    });
    return;
  }
  console.warn(`SKIPPED "${name}": shared data folder not found at ${DATA_DIR}`);
  describe.skip(name, () => {
    it("needs the shared data folder", () => undefined);
  });
}
