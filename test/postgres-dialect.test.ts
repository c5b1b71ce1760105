// The PostgreSQL hooks that imitate a DuckDB function must give DuckDB's answer: the country key
// (the twin of normaliseCountryKey), TRY_CAST to a number, a number spelled as text, and the
// byte-order sort of text whatever the database's collation.
import { DuckDBInstance } from "@duckdb/node-api";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openPostgres, type PostgresEngine } from "../src/db/postgres.js";
import { normaliseCountryKey } from "../src/segments/regions.js";
import { duckdbDialect, postgresDialect } from "../src/sql/dialect.js";
import { regionKeyExpr } from "../src/sql/segments-sql.js";
import { describePostgres } from "./helpers/postgres.js";

const COUNTRIES = [
  "United States",
  "u.s.a.",
  "U S A",
  "  côte d'ivoire ",
  "Côte d’Ivoire",
  "Bosnia & Herzegovina",
  "Guinea-Bissau",
  "The Netherlands",
  "the gambia",
  "Türkiye",
  "St. Lucia",
  "Philipines",
  "DEU",
  "us",
  "Åland",
  "São Tomé and Príncipe",
  "Réunion",
  "Curaçao",
  "Österreich",
  "the",
  "A",
  "",
];
const NUMBERS = [
  "1_000",
  "1__0",
  "_1",
  "1_",
  "1._5",
  "1.5_",
  "12",
  " 12 ",
  "\t12",
  "12\n",
  "abc",
  "1e3",
  "1E+3",
  "1e-3",
  ".5",
  "5.",
  "-3",
  "+4",
  "0x10",
  "1e400",
  "-1e400",
  "1e308",
  "inf",
  "-Infinity",
  "nan",
  "1,5",
  "",
  "  ",
  "-",
  "+.5",
  "1e",
  "00012",
  "1 000",
  "0.1",
  "123456789.123456789",
];
const DOUBLES = [50, 0, -0, 0.1, 1 / 3, 1e15, 1e16 - 2, 1e16, 1e21, 1e-5, 0.0001, 12345678.9, -250.5, 2 ** 53].map((x) =>
  Object.is(x, -0) ? "-0.0" : String(x),
);

async function duckColumn(sql: string, values: readonly (string | number)[]): Promise<unknown[]> {
  const connection = await (await DuckDBInstance.create(":memory:")).connect();
  const out: unknown[] = [];
  for (const v of values) out.push((await connection.runAndReadAll(sql, [v])).getRowObjectsJS()[0]?.x ?? null);
  connection.closeSync();
  return out.map((x) => (typeof x === "number" && Number.isNaN(x) ? "NaN" : x));
}

describePostgres("PostgreSQL dialect hooks agree with DuckDB", (url) => {
  let pg: PostgresEngine;
  beforeAll(async () => {
    pg = await openPostgres(url);
  });
  afterAll(async () => {
    await pg?.close();
  });

  async function pgColumn(sql: string, values: readonly (string | number)[]): Promise<unknown[]> {
    const out: unknown[] = [];
    for (const v of values) out.push((await pg.all(sql, [v]))[0]?.x ?? null);
    return out;
  }

  it("computes the country key of normaliseCountryKey, with no extension", async () => {
    const sql = `SELECT ${regionKeyExpr("CAST($1 AS TEXT)", postgresDialect)} AS x`;
    expect(await pgColumn(sql, COUNTRIES)).toEqual(COUNTRIES.map(normaliseCountryKey));
  });

  it("agrees with normaliseCountryKey on random strings of letters, spaces and punctuation", async () => {
    const alphabet = fc.constantFrom(..."abcXYZ éüÅç .'’-&_".split(""));
    const samples = fc.sample(
      fc.array(alphabet, { minLength: 1, maxLength: 12 }).map((a) => a.join("")),
      { numRuns: 200, seed: 7 },
    );
    const sql = `SELECT ${regionKeyExpr("CAST($1 AS TEXT)", postgresDialect)} AS x`;
    expect(await pgColumn(sql, samples)).toEqual(samples.map(normaliseCountryKey));
  });

  it("reads text as a number exactly where DuckDB's TRY_CAST does", async () => {
    const duck = await duckColumn(`SELECT ${duckdbDialect.tryNumber("CAST($1 AS VARCHAR)")} AS x`, NUMBERS);
    const pgValues = await pgColumn(`SELECT ${postgresDialect.tryNumber("CAST($1 AS TEXT)")} AS x`, NUMBERS);
    // NaN leaves both engines as null after normalisation; DuckDB's raw NaN is compared as "NaN".
    expect(pgValues.map((v, i) => (v === null && duck[i] === "NaN" ? "NaN" : v))).toEqual(duck);
  });

  it("spells a double as text the way DuckDB does", async () => {
    const duck = await duckColumn(`SELECT ${duckdbDialect.numberText("CAST(CAST($1 AS VARCHAR) AS DOUBLE)")} AS x`, DOUBLES);
    expect(await pgColumn(`SELECT ${postgresDialect.numberText("CAST(CAST($1 AS TEXT) AS DOUBLE PRECISION)")} AS x`, DOUBLES)).toEqual(
      duck,
    );
  });

  it("rounds doubles and converts them to exact decimals bit for bit as DuckDB does", async () => {
    const random = fc.sample(fc.double({ min: -1e7, max: 1e7, noNaN: true }), { numRuns: 300, seed: 11 });
    const values = [
      ...random,
      0.5218946145015,
      0.3606858133555,
      2.5e-9,
      -2.5e-9,
      1 / 3,
      19.999999999999996,
      9.2e6 + 0.123,
      123456789.123456,
      0,
    ].map(String);
    for (const [digits, scale] of [
      [9, 12],
      [6, 6],
    ] as const) {
      const duck = await duckColumn(
        `SELECT CAST(${duckdbDialect.roundDouble("CAST(CAST($1 AS VARCHAR) AS DOUBLE)", digits)} AS VARCHAR) || ' ' || CAST(${duckdbDialect.exactDecimal("CAST(CAST($1 AS VARCHAR) AS DOUBLE)", scale)} AS VARCHAR) AS x`,
        values,
      );
      const pgSql = `SELECT ${postgresDialect.roundDouble("CAST($1 AS TEXT)", digits)} AS r, CAST(${postgresDialect.exactDecimal("CAST($1 AS TEXT)", scale)} AS TEXT) AS e`;
      const pgValues: unknown[] = [];
      for (const v of values) {
        const [row] = await pg.all(pgSql, [v]);
        // DuckDB spells the rounded double its own way; compare the numbers, and the decimals as text.
        pgValues.push(`${row?.r} ${row?.e}`);
      }
      expect(pgValues).toEqual(duck.map((d) => `${Number(String(d).split(" ")[0])} ${String(d).split(" ")[1]}`));
    }
  });

  it("sums credits as units, and credits × amounts, to the same exact decimals as DuckDB", async () => {
    const shares = fc.sample(fc.double({ min: 0, max: 1, noNaN: true }), { numRuns: 200, seed: 5 });
    // Halfway cases: share · 10^12 ends in exactly .5, where half-even and half-away rounding differ.
    const halfway = [1 / 8192, 3 / 8192, 5e-13, 2.5e-12, 0.5, 1, 0, 1 / 3, 2 / 3, 0.1, 0.7];
    const amounts = fc.sample(fc.integer({ min: -10_000_000, max: 9_000_000_000_000 }), {
      numRuns: shares.length + halfway.length,
      seed: 6,
    });
    const rows = [...halfway, ...shares]
      .map((share, i) => `('${share.toPrecision(17)}', '${((amounts[i] ?? 0) / 100).toFixed(2)}')`)
      .join(", ");
    const sql = (d: typeof duckdbDialect, decimal: string) => {
      const units = d.creditUnits("share", 12);
      return `SELECT CAST(${d.creditValue("sum(units)", 12)} AS VARCHAR) || ' ' || CAST(${d.creditValue(`sum(${d.creditTimes("units", "amount", 12)})`, 12, 2)} AS VARCHAR) AS x
        FROM (SELECT ${units} AS units, amount FROM (SELECT CAST(CAST(s AS VARCHAR) AS DOUBLE PRECISION) AS share, CAST(CAST(a AS VARCHAR) AS ${decimal}) AS amount FROM (VALUES ${rows}) v(s, a)) t${d.fence}) u WHERE $1 = 1`;
    };
    const duck = await duckColumn(sql(duckdbDialect, "DECIMAL(18,2)").replaceAll("DOUBLE PRECISION", "DOUBLE"), [1]);
    expect(duck[0]).toMatch(/^\d+\.\d{12} -?\d+\.\d{14}$/);
    expect(await pgColumn(sql(postgresDialect, "NUMERIC(18,2)"), [1])).toEqual(duck);
    // Each halfway share on its own: the rounding of single units must agree, not only their sum.
    const single = (d: typeof duckdbDialect) =>
      `SELECT CAST(${d.creditValue(d.creditUnits("CAST(CAST($1 AS VARCHAR) AS DOUBLE PRECISION)", 12), 12)} AS VARCHAR) AS x`;
    const values = halfway.map((h) => h.toPrecision(17));
    expect(await pgColumn(single(postgresDialect), values)).toEqual(
      await duckColumn(single(duckdbDialect).replaceAll("DOUBLE PRECISION", "DOUBLE"), values),
    );
  });

  it("sorts and aggregates sets in byte order, as DuckDB does", async () => {
    const values = "('b'), ('B'), ('_x'), ('é'), ('a'), ('A1'), ('a1')";
    const setSql = (d: typeof duckdbDialect) => `SELECT ${d.sortedSetAgg("v", "'|'")} AS x FROM (VALUES ${values}) t(v)`;
    const duck = await duckColumn(`${setSql(duckdbDialect)} WHERE $1 = 1`, [1]);
    expect(await pgColumn(`${setSql(postgresDialect)} WHERE $1 = 1`, [1])).toEqual(duck);
    const orderSql = (d: typeof duckdbDialect) => `SELECT ${d.stringAgg("v", "'|'", d.textSortKey("v"))} AS x FROM (VALUES ${values}) t(v)`;
    expect(await pgColumn(`${orderSql(postgresDialect)} WHERE $1 = 1`, [1])).toEqual(
      await duckColumn(`${orderSql(duckdbDialect)} WHERE $1 = 1`, [1]),
    );
  });
});
