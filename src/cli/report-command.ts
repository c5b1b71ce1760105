// `pipeprism report <name>`: parse the flags the report declares, plan, then print the plan
// (--plan), its SQL for both engines (--sql) or run and render it. The report flags come from the
// one flag catalogue (src/report/request/flags.ts); a flag the report does not take is exit 2.
import type { Command } from "commander";
import { FLAG_SPECS, type FlagKey, type FlagSpec } from "../report/request/flags.js";
import { parseReportRequest } from "../report/request/parse-request.js";
import { REPORT_FLAGS, REPORT_NAMES } from "../report/request/report-flags.js";
import { planReport, runPlan } from "../report/plan/report-plan.js";
import { OUTPUT_FORMATS, parseFormat, render } from "../render/render.js";
import { openWorkspace } from "../workspace/workspace.js";
import { viewRequest } from "../report/views.js";
import { UserError } from "../model/diagnostic.js";
import { resolveConfigPath } from "./config-path.js";
import { ENGINE_HELP, engineOption } from "./ingest-command.js";
import { emit, emitNotes, type CliIo } from "./io.js";
import { addOutputOptions, tableOptions } from "./output-options.js";
import { renderPlanJson, renderPlanSql } from "./plan-output.js";

interface CommandFlags {
  readonly config?: string;
  readonly format: string;
  readonly out?: string;
  readonly wide?: boolean;
  readonly engine?: string;
  readonly plan?: boolean;
  readonly sql?: boolean;
  readonly view?: string;
}

const COMMAND_FLAGS = new Set(["config", "format", "out", "wide", "engine", "plan", "sql", "view"]);

export function addReportCommand(program: Command, io: CliIo): void {
  const command = program
    .command("report")
    .description(`run a report: ${REPORT_NAMES.join(", ")}`)
    .argument("[name]", "report name (optional with --view)")
    .addHelpText("after", reportFlagsHelp());
  defineReportOptions(command, FLAG_SPECS);
  command.option("--view <view>", "run a saved view from the config's views: (flags given beside it override the view's)");
  command.action(async (name: string | undefined, flags: CommandFlags) => runReportCommand(io, command, name, flags));
}

/** `pipeprism deals`: `report deals` under its own name, with only the flags it takes. */
export function addDealsCommand(program: Command, io: CliIo): void {
  const takes = new Set(REPORT_FLAGS.get("deals") ?? []);
  const command = program
    .command("deals")
    .description(
      "list the deals behind a number of `report attribution`: amount, status, dates, segments, journey and credit to --channel (the credited amounts add up to the cell)",
    );
  defineReportOptions(
    command,
    FLAG_SPECS.filter((s) => takes.has(s.key)),
  );
  command.action(async (flags: CommandFlags) => runReportCommand(io, command, "deals", flags));
}

function defineReportOptions(command: Command, specs: readonly FlagSpec[]): void {
  for (const spec of specs) {
    const flags = spec.argument ? `${spec.cli} ${spec.argument}` : spec.cli;
    if (spec.repeatable) command.option(flags, spec.help, (value: string, list: string[] = []) => [...list, value]);
    else command.option(flags, spec.help);
  }
  addOutputOptions(command, OUTPUT_FORMATS)
    .option("--config <file>", "config file (default ./pipeprism.yaml)")
    .option("--engine <engine>", ENGINE_HELP)
    .option("--plan", "print the report's plan as JSON instead of running it")
    .option("--sql", "print the SQL the report would run, for DuckDB and PostgreSQL, instead of running it");
}

async function runReportCommand(io: CliIo, command: Command, name: string | undefined, flags: CommandFlags): Promise<void> {
  if (name === undefined && flags.view === undefined) throw new UserError("report: name a report or give --view NAME", "bad_report");
  // A typed request is checked before the workspace is opened: a usage error needs no data.
  const typed = flags.view === undefined ? parseReportRequest(name ?? "", givenReportFlags(command)) : null;
  const format = parseFormat(flags.format);
  const ws = await openWorkspace(resolveConfigPath(io, flags.config), engineOption(flags.engine));
  try {
    const request = typed ?? (await viewRequest(ws.loaded, flags.view ?? "", givenReportFlags(command)));
    if (name !== undefined && request.report !== name)
      throw new UserError(`--view ${flags.view ?? ""} runs report ${request.report}, not ${name}`, "bad_flag_value");
    const plan = await planReport(ws, request);
    if (flags.plan) return await emit(io, renderPlanJson(plan), flags.out);
    if (flags.sql) return await emit(io, renderPlanSql(plan, ws), flags.out);
    const result = await runPlan(ws, plan);
    await emit(io, render(result, format, tableOptions(io, flags)), flags.out);
    emitNotes(io, result.notes);
  } finally {
    await ws.close();
  }
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
