// The README's table of flags per report is the one users read: it must say exactly what
// src/report/request/report-flags.ts declares.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FLAGS } from "../src/report/request/flags.js";
import { REPORT_FLAGS, REPORT_NAMES } from "../src/report/request/report-flags.js";

describe("README", () => {
  it("lists every report's flags as report-flags.ts declares them", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const table = /<!-- report-flags:start -->\n([\s\S]*?)<!-- report-flags:end -->/.exec(readme)?.[1] ?? "";
    const documented = new Map(
      table
        .split("\n")
        .slice(2)
        .filter((l) => l.startsWith("| "))
        .map((l) => {
          const [, name = "", flags = ""] = l.split("|").map((c) => c.trim());
          return [name, [...flags.matchAll(/`([^`]+)`/g)].map((m) => m[1])];
        }),
    );
    expect([...documented.keys()]).toEqual([...REPORT_NAMES]);
    for (const name of REPORT_NAMES)
      expect(documented.get(name), name).toEqual((REPORT_FLAGS.get(name) ?? []).map((k) => FLAGS.get(k)?.cli));
  });
});
