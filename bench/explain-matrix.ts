// DuckDB's JSON profile of one position-model attribution matrix, operators sorted by time:
// `tsx bench/explain-matrix.ts DIR [MODEL]` on an ingested demo dir (default model linear).
import { readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { resolveModel } from "../src/attribution/model-registry.js";
import { compileAttributionMatrix, type AttributionQuery } from "../src/sql/attribution-sql.js";
import { positionCreditExpr } from "../src/sql/position-credit-sql.js";
import { resolveScope } from "../src/report/plan/scope.js";
import { baseContext } from "../src/report/run-query.js";
import { openWorkspace } from "../src/workspace/workspace.js";

interface Node {
  operator_name?: string;
  operator_type?: string;
  operator_timing?: number;
  operator_cardinality?: number;
  extra_info?: Record<string, unknown>;
  children?: Node[];
}

const [dir, modelName = "linear"] = process.argv.slice(2);
const ws = await openWorkspace(path.join(String(dir), "pipeprism.yaml"));
const model = resolveModel(modelName, ws.config);
if (model.kind !== "position") throw new Error("explain-matrix: position models only");
const p = resolveScope(ws, { by: ["size"] }, true);
const q: AttributionQuery = {
  dimensions: p.by,
  window: p.window,
  evaluationDate: p.evaluationDate,
  stage: "pipeline",
  lookbackDays: ws.config.attribution.lookback_days,
};
const sql = compileAttributionMatrix(
  baseContext(ws),
  q,
  { kind: "expression", sql: positionCreditExpr(model.spec, "pipeline", ws.config.attribution.half_life_days) },
  "mask",
);
const out = path.join(tmpdir(), `pipeprism-explain-${process.pid}.json`);
await ws.engine.run(`SET enable_profiling = 'json'`);
await ws.engine.run(`SET profiling_output = '${out}'`);
const t = performance.now();
await ws.engine.all(sql);
const wall = (performance.now() - t) / 1000;
await ws.engine.run(`SET enable_profiling = 'no_output'`);
await ws.close();
const root = JSON.parse(await readFile(out, "utf8")) as Node;
await rm(out, { force: true });
const flat: Node[] = [];
const walk = (n: Node) => {
  if (n.operator_type || n.operator_name) flat.push(n);
  n.children?.forEach(walk);
};
walk(root);
const total = flat.reduce((s, n) => s + (n.operator_timing ?? 0), 0);
process.stdout.write(`${modelName}: wall ${wall.toFixed(2)} s, operator time ${total.toFixed(2)} s (summed over threads)\n`);
for (const n of flat.sort((a, b) => (b.operator_timing ?? 0) - (a.operator_timing ?? 0)).slice(0, 10)) {
  const info = JSON.stringify(n.extra_info ?? {})
    .replace(/\s+/g, " ")
    .slice(0, 120);
  process.stdout.write(
    `  ${(n.operator_timing ?? 0).toFixed(2)} s  ${String(n.operator_name ?? n.operator_type)
      .trim()
      .padEnd(16)} ${String(n.operator_cardinality ?? "").padStart(10)} rows  ${info}\n`,
  );
}
