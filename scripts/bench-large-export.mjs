#!/usr/bin/env node
// Measures ingest of a large Marketo Measure touchpoint export (issue #5: 20 million rows,
// several GB) — time and peak memory — with the built CLI. Usage:
//   npm run build && node scripts/bench-large-export.mjs [rows=20000000] [dir=bench/out/large-export]
// Writes the export with DuckDB (fast, seeded), then runs `/usr/bin/time -v pipeprism ingest`.
import { DuckDBInstance } from "@duckdb/node-api";
import { spawnSync } from "node:child_process";
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const rows = Number(process.argv[2] ?? 20_000_000);
const dir = path.resolve(process.argv[3] ?? "bench/out/large-export");
mkdirSync(dir, { recursive: true });
const accounts = 200_000;
const db = await (await DuckDBInstance.create(":memory:")).connect();
await db.run(`SELECT setseed(0.42)`);
await db.run(`COPY (SELECT 'A' || i AS "Id", 'Account ' || i AS "Name", (i % 5000) + 1 AS "NumberOfEmployees", ['US','Germany','Japan','Brazil'][(i % 4) + 1] AS "BillingCountry"
  FROM range(${accounts}) t(i)) TO '${dir}/Account.csv' (HEADER, DELIMITER ',')`);
await db.run(`COPY (SELECT 'O' || i AS "Id", 'A' || (i % ${accounts}) AS "AccountId", 'Deal ' || i AS "Name", ['Prospecting','Closed Won','Closed Lost'][(i % 3) + 1] AS "StageName",
  (1000 + (i % 97) * 250)::VARCHAR || '.00' AS "Amount", DATE '2024-01-01' + INTERVAL (i % 600) DAY AS "CreatedDate", DATE '2024-03-01' + INTERVAL (i % 600) DAY AS "CloseDate"
  FROM range(${accounts * 2}) t(i)) TO '${dir}/Opportunity.csv' (HEADER, DELIMITER ',')`);
await db.run(`COPY (SELECT 'TP' || i AS "Id", 'A' || (i % ${accounts}) AS "bizible2__Account__c", CASE WHEN i % 3 = 0 THEN 'O' || (i % ${accounts * 2}) END AS "bizible2__Opportunity__c",
  strftime(TIMESTAMP '2023-07-01' + INTERVAL (i % 900) DAY + INTERVAL (i % 86400) SECOND, '%Y-%m-%dT%H:%M:%S.000Z') AS "bizible2__Touchpoint_Date__c",
  ['FT, LC','PostLC','OC',''][(i % 4) + 1] AS "bizible2__Touchpoint_Position__c",
  ['Paid Search','Paid Social','Events','Email','Content','Partner','Webinar','Organic Search'][(i % 8) + 1] AS "bizible2__Marketing_Channel__c",
  'Campaign ' || (i % 500) AS "bizible2__Ad_Campaign_Name__c"
  FROM range(${rows}) t(i)) TO '${dir}/Buyer Touchpoints.csv' (HEADER, DELIMITER ',')`);
db.closeSync();
writeFileSync(
  path.join(dir, "pipeprism.yaml"),
  `sources:
  format: marketo-measure
  account: Account.csv
  opportunity: Opportunity.csv
  touchpoints: Buyer Touchpoints.csv
stages: { order: [Prospecting], won: [Closed Won], lost: [Closed Lost] }
segments:
  size: { field: employees, bands: [{ name: SMB, max: 199 }, { name: Mid-Market, max: 999 }, { name: Enterprise }] }
`,
);
const size = statSync(path.join(dir, "Buyer Touchpoints.csv")).size;
console.log(`touchpoint export: ${rows} rows, ${(size / 1e9).toFixed(2)} GB`);
const cli = path.resolve("bin/pipeprism.js");
const started = Date.now();
const run = spawnSync("/usr/bin/time", ["-v", process.execPath, cli, "ingest"], { cwd: dir, encoding: "utf8" });
console.log(run.stdout);
const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1];
const elapsed = /Elapsed \(wall clock\) time[^:]*: (.+)/.exec(run.stderr)?.[1];
console.log(`exit ${run.status}; elapsed ${elapsed}; peak RSS ${rss ? (Number(rss) / 1024).toFixed(0) : "?"} MB`);
if (run.status !== 0) console.log(run.stderr);
console.log(`wall ${(Date.now() - started) / 1000} s`);
