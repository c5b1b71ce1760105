// `pipeprism report <name>`: parse the flags the report declares, plan, then print the plan
// (--plan), its SQL for both engines (--sql) or run and render it. The report flags come from the
// one flag catalogue (src/report/request/flags.ts); a flag the report does not take is exit 2.
import type { Command } from "commander";
import { FLAG_SPECS, type FlagKey } from "../report/request/flags.js";
import { parseReportRequest } from "../report/request/parse-request.js";
import { REPORT_FLAGS, REPORT_NAMES } from "../report/request/report-flags.js";
import { planReport, runPlan } from "../report/plan/report-plan.js";
import { OUTPUT_FORMATS, parseFormat, render } from "../render/render.js";
import { openWorkspace } from "../workspace/workspace.js";
import { resolveConfigPath } from "./config-path.js";
import { ENGINE_HELP, engineOption } from "./ingest-command.js";
import { emit, emitNotes, type CliIo } from "./io.js";
import { renderPlanJson, renderPlanSql } from "./plan-output.js";

interface CommandFlags {
  readonly config?: string;
  readonly format: string;
  readonly out?: string;
  readonly engine?: string;
  readonly plan?: boolean;
  readonly sql?: boolean;
}

const COMMAND_FLAGS = new Set(["config", "format", "out", "engine", "plan", "sql"]);

export function addReportCommand(program: Command, io: CliIo): void {
  const command = program
    .command("report")
    .description(`run a report: ${REPORT_NAMES.join(", ")}`)
    .argument("<name>", "report name")
    .addHelpText("after", reportFlagsHelp());
  for (const spec of FLAG_SPECS) {
    const flags = spec.argument ? `${spec.cli} ${spec.argument}` : spec.cli;
    if (spec.repeatable) command.option(flags, spec.help, (value: string, list: string[] = []) => [...list, value]);
    else command.option(flags, spec.help);
  }
  command
    .option("--format <format>", OUTPUT_FORMATS.join(" | "), "table")
    .option("--out <file>", "write to a file instead of stdout")
    .option("--config <file>", "config file (default ./pipeprism.yaml)")
    .option("--engine <engine>", ENGINE_HELP)
    .option("--plan", "print the report's plan as JSON instead of running it")
    .option("--sql", "print the SQL the report would run, for DuckDB and PostgreSQL, instead of running it")
    .action(async (name: string, flags: CommandFlags) => {
      const request = parseReportRequest(name, givenReportFlags(command));
      const format = parseFormat(flags.format);
      const ws = await openWorkspace(resolveConfigPath(io, flags.config), engineOption(flags.engine));
      try {
        const plan = await planReport(ws, request);
        if (flags.plan) return await emit(io, renderPlanJson(plan), flags.out);
        if (flags.sql) return await emit(io, renderPlanSql(plan, ws), flags.out);
        const result = await runPlan(ws, plan);
        await emit(io, render(result, format), flags.out);
        emitNotes(io, result.notes);
      } finally {
        await ws.close();
      }
    });
}

/** The report flags the user typed (commander fills defaults too; those are not "given"). */
function givenReportFlags(command: Command): [FlagKey, unknown][] {
  const values = command.opts<Record<string, unknown>>();
  return FLAG_SPECS.filter((s) => !COMMAND_FLAGS.has(s.key) && command.getOptionValueSource(s.key) === "cli").map((s) => [
    s.key,
    values[s.key],
  ]);
}

function reportFlagsHelp(): string {
  const cli = new Map(FLAG_SPECS.map((s) => [s.key, s.cli]));
  const lines = REPORT_NAMES.map((r) => `  ${r.padEnd(12)} ${(REPORT_FLAGS.get(r) ?? []).map((k) => cli.get(k) ?? k).join(" ")}`);
  return `\nFlags each report takes:\n${lines.join("\n")}\n`;
}
