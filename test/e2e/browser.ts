// Debian's Chromium driven by playwright-core, as .ci/run installs it. Absent locally, browser
// suites skip with a visible message; absent under CI=true, they fail.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { describe, it } from "vitest";

const CHROMIUM = "/usr/bin/chromium";

const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Headless Chromium; each context gets a fresh, empty profile. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

export function describeBrowser(name: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(name, body);
    return;
  }
  if (process.env.CI === "true") {
    describe(name, () => {
      it("needs Chromium", () => {
        throw new Error(`${CHROMIUM} not found: .ci/run must \`apt-get install -y chromium\``);
      });
    });
    return;
  }
  console.warn(`SKIPPED "${name}": ${CHROMIUM} not found (apt-get install -y chromium)`);
  describe.skip(name, () => {
    it("needs Chromium", () => undefined);
  });
}
