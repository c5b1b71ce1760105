// `report --plan` and `report --sql`: what a report would do, without running it. The plan is the
// frozen plain data planReport made; the SQL is that plan compiled for each engine, one query per
// block with its label, bound values and notes as SQL comments.
import type { ReportPlan } from "../report/plan/report-plan.js";
import { compileReport } from "../report/plan/report-plan.js";
import { DIALECTS } from "../sql/dialect.js";
import type { Workspace } from "../workspace/workspace.js";

export function renderPlanJson(plan: ReportPlan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

export function renderPlanSql(plan: ReportPlan, ws: Workspace): string {
  const blocks = Object.values(DIALECTS).flatMap((dialect) =>
    compileReport(plan, { dialect, config: ws.config, columns: ws.columns }).map((q) => {
      const comments = [
        `-- ${dialect.name}: ${q.label}`,
        ...q.notes.map((n) => `-- note: ${n}`),
        ...(q.params.length ? [`-- params: ${JSON.stringify(q.params)}`] : []),
      ];
      return `${comments.join("\n")}\n${q.sql.trim()};\n`;
    }),
  );
  return blocks.join("\n");
}
