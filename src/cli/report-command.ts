// `pipeprism report <name>`: parse flags, run the named report, render it.
import type { Command } from "commander";
import { reportNames, runReport } from "../report/run-report.js";
import { parseFormat, render } from "../render/render.js";
import { openWorkspace } from "../workspace/workspace.js";
import { emit, emitNotes, type CliIo } from "./io.js";
import { resolveConfigPath } from "./config-path.js";
import { ENGINE_HELP, engineOption } from "./ingest-command.js";

interface ReportFlags {
  config?: string;
  by?: string;
  period?: string;
  from?: string;
  to?: string;
  asOf?: string;
  cohort?: boolean;
  model?: string;
  stage?: string;
  order?: string;
  shapleyValue?: string;
  seed?: string;
  trend?: string;
  rolling?: string;
  snapshots?: boolean;
  format: string;
  out?: string;
  engine?: string;
}

export function addReportCommand(program: Command, io: CliIo): void {
  program
    .command("report")
    .description(`run a report: ${reportNames().join(", ")}`)
    .argument("<name>", "report name")
    .option("--by <dims>", "segment dimensions, comma-separated (e.g. size,region)")
    .option("--period <period>", "2025 (fiscal year), 2025-Q3 (fiscal quarter) or 2025-07")
    .option("--from <date>", "window start, YYYY-MM-DD (inclusive)")
    .option("--to <date>", "window end, YYYY-MM-DD (inclusive)")
    .option("--as-of <date>", "evaluate as of this date (default: latest date in the data)")
    .option("--cohort", "win rate among opportunities created in the window")
    .option("--model <model>", "attribution model (e.g. w_shaped, linear, markov, shapley)")
    .option("--stage <stage>", "pipeline (journeys end at creation) or revenue (at close)")
    .option("--order <k>", "Markov chain order, 1 to 4")
    .option("--shapley-value <value>", "Shapley coalition value: rate or subset")
    .option("--seed <n>", "seed for Monte-Carlo Shapley above 16 channels")
    .option("--trend <grain>", "repeat per month or quarter with change vs the previous period")
    .option("--rolling <n>", "with --trend: smooth over the last n periods")
    .option("--snapshots", "pipeline: open pipeline across the snapshots of successive ingests")
    .option("--format <format>", "table | json | csv | md | html", "table")
    .option("--out <file>", "write to a file instead of stdout")
    .option("--config <file>", "config file (default ./pipeprism.yaml)")
    .option("--engine <engine>", ENGINE_HELP)
    .action(async (name: string, flags: ReportFlags) => {
      const format = parseFormat(flags.format);
      const ws = await openWorkspace(resolveConfigPath(io, flags.config), engineOption(flags.engine));
      try {
        const result = await runReport(ws, name, optionsFrom(flags));
        await emit(io, render(result, format), flags.out);
        emitNotes(io, result.notes);
      } finally {
        await ws.close();
      }
    });
}

function optionsFrom(flags: ReportFlags) {
  return {
    ...(flags.by !== undefined ? { by: flags.by } : {}),
    ...(flags.period !== undefined ? { period: flags.period } : {}),
    ...(flags.from !== undefined ? { from: flags.from } : {}),
    ...(flags.to !== undefined ? { to: flags.to } : {}),
    ...(flags.asOf !== undefined ? { asOf: flags.asOf } : {}),
    cohort: Boolean(flags.cohort),
    ...(flags.model !== undefined ? { model: flags.model } : {}),
    ...(flags.stage !== undefined ? { stage: flags.stage } : {}),
    ...(flags.order !== undefined ? { order: flags.order } : {}),
    ...(flags.shapleyValue !== undefined ? { shapleyValue: flags.shapleyValue } : {}),
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
    ...(flags.trend !== undefined ? { trend: flags.trend } : {}),
    ...(flags.rolling !== undefined ? { rolling: flags.rolling } : {}),
    snapshots: Boolean(flags.snapshots),
  };
}
