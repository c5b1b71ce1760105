// All SQL text lives in src/sql (builders) and src/db (drivers): everywhere else calls a
// compileX(...) and runs the result. This test reads every other source file and fails naming
// file:line where SQL keywords appear in code (comments are ignored, string contents are not: SQL
// hides in strings). It also checks that identifiers are escaped in one place only.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { stripComments } from "./helpers/strip-comments.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const SQL_HOMES = ["src/sql/", "src/db/"];
const SQL_KEYWORDS =
  /\b(SELECT|INSERT INTO|CREATE (TEMP )?TABLE|DROP TABLE|ALTER TABLE|DELETE FROM|UPDATE \w+ SET|LEFT JOIN|GROUP BY|ORDER BY)\b/;

// Files allowed to hold SQL outside src/sql and src/db: none. Never add one — write a builder in
// src/sql instead.
const ALLOWLIST: readonly string[] = [];

function allowed(file: string): boolean {
  return ALLOWLIST.some((entry) => (entry.endsWith("/**") ? file.startsWith(entry.slice(0, -2)) : file === entry));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const relative = `${dir}/${e.name}`;
    if (e.isDirectory()) return sourceFiles(relative);
    return e.name.endsWith(".ts") ? [relative] : [];
  });
}

function sqlLines(file: string): string[] {
  const code = stripComments(readFileSync(path.join(ROOT, file), "utf8"));
  return code.split("\n").flatMap((line, i) => (SQL_KEYWORDS.test(line) ? [`${file}:${i + 1}: ${line.trim().slice(0, 100)}`] : []));
}

describe("SQL lives in src/sql and src/db", () => {
  it("no SQL keywords in code outside src/sql and src/db ", () => {
    const files = sourceFiles("src").filter((f) => !SQL_HOMES.some((home) => f.startsWith(home)) && !allowed(f));
    expect(files.flatMap(sqlLines)).toEqual([]);
  });

  it("the comment stripper keeps strings and line numbers, and drops comments", () => {
    const text = [
      "const a = 1; // SELECT x",
      "/* ORDER BY",
      " */ const b = `GROUP BY ${f({ x: 1, y: `${g}` })} id`; // DELETE FROM t",
      "const c = '//'; const d = /[\"/]+/g.test(e) / 2; // DROP TABLE",
    ].join("\n");
    const stripped = stripComments(text);
    expect(stripped.split("\n")).toHaveLength(4);
    expect(stripped).not.toMatch(/SELECT|ORDER BY|DELETE FROM|DROP TABLE/);
    expect(stripped).toContain("`GROUP BY ${f({ x: 1, y: `${g}` })} id`");
    expect(stripped).toContain("const c = '//'; const d = /[\"/]+/g.test(e) / 2;");
  });

  it("only src/sql/dialect.ts escapes identifiers: every other builder calls its quoteIdent", () => {
    const escaping = /replaceAll\(\s*'"'\s*,\s*'""'\s*\)|replace\(\s*\/"\/g\s*,\s*'""'\s*\)/;
    const offenders = [...sourceFiles("src/sql"), ...sourceFiles("src/db")].filter(
      (f) => f !== "src/sql/dialect.ts" && escaping.test(stripComments(readFileSync(path.join(ROOT, f), "utf8"))),
    );
    expect(offenders).toEqual([]);
  });
});
