// Dependencies point one way (README layout): the contract imports nothing outside itself; sql/
// builds text without knowing attribution or reports; render/ never sees a database; the
// dashboard imports only the contract; only src/db imports a database driver.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : [],
  );
}

/** Every module a file imports, resolved to a repo-relative path (packages as they are named). */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  return [...text.matchAll(/^(?:import|export)\b[^;]*?from "([^"]+)"/gm)].map((m) => {
    const spec = m[1] ?? "";
    return spec.startsWith(".") ? path.join(path.dirname(file), spec) : spec;
  });
}

function violations(dir: string, allowed: (target: string) => boolean): string[] {
  return sourceFiles(dir).flatMap((f) =>
    importsOf(f)
      .filter((t) => !allowed(t))
      .map((t) => `${f} imports ${t}`),
  );
}

const isPackage = (t: string) => !t.startsWith("src/") && !t.startsWith("web/") && !t.startsWith("scripts/");
const DRIVERS = ["@duckdb/node-api", "pg", "pg-copy-streams"];

describe("layers", () => {
  it("src/contract imports nothing outside itself", () => {
    expect(violations("src/contract", (t) => t.startsWith("src/contract/"))).toEqual([]);
  });
  it("src/sql imports neither attribution, report, render nor a driver", () => {
    expect(violations("src/sql", (t) => !/^src\/(attribution|report|render|cli|server|db)\//.test(t) && !DRIVERS.includes(t))).toEqual([]);
  });
  it("src/render imports neither db, sql nor report", () => {
    expect(violations("src/render", (t) => !/^src\/(db|sql|report|cli|server)\//.test(t))).toEqual([]);
  });
  it("web/src imports only the contract, itself and packages", () => {
    expect(violations("web/src", (t) => t.startsWith("src/contract/") || t.startsWith("web/") || isPackage(t))).toEqual([]);
  });
  it("only src/db imports a database driver", () => {
    const outside = sourceFiles("src").filter((f) => !f.startsWith("src/db/"));
    expect(
      outside.flatMap((f) =>
        importsOf(f)
          .filter((t) => DRIVERS.includes(t))
          .map((t) => `${f} imports ${t}`),
      ),
    ).toEqual([]);
  });
});
