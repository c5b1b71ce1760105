import { openWorkspace } from "/work/main/src/workspace/workspace.js";
import { runReport, reportNames } from "/work/main/src/report/run-report.js";
const ws = await openWorkspace("/tmp/demo/pipeprism.yaml");
const keys = new Set<string>();
const dims = Object.keys(ws.config.segments);
const variants: Record<string, unknown>[] = [{}, { by: "size" }, { by: "size,region", cohort: true }];
for (const name of reportNames()) {
  for (const v of variants) {
    for (const extra of [{}, ...(["pipeline","winrate","attribution","funnel"].includes(name) ? [{ trend: "quarter", rolling: 2 }] : []), ...(name === "attribution" ? [{model:"markov"},{model:"shapley"}] : []), ...(name==="pipeline"?[{snapshots:true}]:[])]) {
      try {
        const r = await runReport(ws, name, { ...v, ...extra } as never);
        for (const row of [...r.rows, ...r.totals]) for (const k of Object.keys(row)) if (!dims.includes(k)) keys.add(k);
        for (const c of r.columns) if (!dims.includes(c.key)) keys.add(c.key);
      } catch (e) { console.error(name, v, extra, String(e).slice(0, 100)); }
    }
  }
}
console.log(JSON.stringify([...keys].sort()));
await ws.close();
