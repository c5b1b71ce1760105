// The SQL country-key normalisation must match the TypeScript one the preset's keys were made
// with, or countries would silently fall into Unknown.
import { DuckDBInstance } from "@duckdb/node-api";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normaliseCountryKey } from "../src/segments/regions.js";
import { regionKeyExpr } from "../src/sql/segments-sql.js";

async function sqlKeys(values: readonly string[]): Promise<string[]> {
  const connection = await (await DuckDBInstance.create(":memory:")).connect();
  const rows: string[] = [];
  for (const v of values) {
    const reader = await connection.runAndReadAll(`SELECT ${regionKeyExpr("$1")} AS k`, [v]);
    rows.push(String(reader.getRowObjectsJS()[0]?.k));
  }
  connection.closeSync();
  return rows;
}

describe("country key normalisation in SQL", () => {
  it("agrees with normaliseCountryKey on hand-picked spellings", async () => {
    const values = [
      "United States",
      "u.s.a.",
      "U S A",
      "  côte d'ivoire ",
      "Bosnia & Herzegovina",
      "Guinea-Bissau",
      "The Netherlands",
      "the gambia",
      "Türkiye",
      "St. Lucia",
      "Philipines",
      "DEU",
      "us",
    ];
    expect(await sqlKeys(values)).toEqual(values.map(normaliseCountryKey));
  });

  it("agrees on random strings of letters, spaces and punctuation", async () => {
    const alphabet = fc.constantFrom(..."abcXYZ éü .'-&_".split(""));
    const samples = fc.sample(
      fc.array(alphabet, { minLength: 1, maxLength: 12 }).map((a) => a.join("")),
      { numRuns: 200, seed: 7 },
    );
    expect(await sqlKeys(samples)).toEqual(samples.map(normaliseCountryKey));
  });
});
