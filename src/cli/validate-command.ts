// `pipeprism validate`: every attribution model scored against known truths on journeys shaped
// like the workspace's (or the built-in demo's), rendered like any report.
import type { Command } from "commander";
import { UserError } from "../model/diagnostic.js";
import { OUTPUT_FORMATS, parseFormat, render } from "../render/render.js";
import { MAX_JOURNEYS, MIN_JOURNEYS, validateDemo, validateWorkspace, type ValidateFlags } from "../report/validate.js";
import { DEFAULT_JOURNEYS, DEFAULT_SEED } from "../validate/run-validate.js";
import { WORLD_NAMES } from "../validate/worlds.js";
import { openWorkspace } from "../workspace/workspace.js";
import { resolveConfigPath } from "./config-path.js";
import { ENGINE_HELP, engineOption } from "./ingest-command.js";
import { emit, emitNotes, stderrLine, type CliIo } from "./io.js";
import { addOutputOptions, tableOptions } from "./output-options.js";

interface CommandFlags {
  readonly config?: string;
  readonly demo?: boolean;
  readonly seed?: string;
  readonly journeys?: string;
  readonly by?: string;
  readonly engine?: string;
  readonly format: string;
  readonly out?: string;
  readonly wide?: boolean;
}

const HELP_AFTER = `
Simulates journeys with your data's shape (channel reach, touches per journey, conversion rate
and the segment mix of --by, else the first configured dimension) in five worlds whose true
channel effects are known — ${WORLD_NAMES.join(", ")} — runs every attribution model
(Markov at orders 1 and 3) on each and reports how far its channel shares are from the truth:
TV distance = ½ Σ |share − truth| (0 = exact, 1 = all credit on the wrong channels) and the
largest error on one channel. Notes name the model to trust per world and overall, and which
experiment measures what no model can. The scores are saved to validate.json beside the
workspace for \`report models\` (not with --demo). Same seed, same output.
See docs/validate.md.

Examples:
  pipeprism validate --demo
  pipeprism validate --by size --format md --out validate.md
`;

export function addValidateCommand(program: Command, io: CliIo): void {
  const command = program
    .command("validate")
    .description("score every attribution model against known truths on simulated journeys shaped like your data")
    .option("--config <file>", "config file (default ./pipeprism.yaml)")
    .option("--demo", "use the built-in demo company's shape (no project needed)")
    .option("--seed <n>", `random seed (default ${DEFAULT_SEED})`)
    .option("--journeys <n>", `simulated journeys per world, ${MIN_JOURNEYS} to ${MAX_JOURNEYS} (default ${DEFAULT_JOURNEYS})`)
    .option("--by <dim>", "the segment dimension whose mix is simulated (default: the first configured)")
    .option("--engine <engine>", ENGINE_HELP);
  addOutputOptions(command, OUTPUT_FORMATS)
    .addHelpText("after", HELP_AFTER)
    .action(async (flags: CommandFlags) => {
      const format = parseFormat(flags.format);
      const request: ValidateFlags = {
        ...(flags.seed !== undefined ? { seed: wholeNumber("--seed", flags.seed) } : {}),
        ...(flags.journeys !== undefined ? { journeys: wholeNumber("--journeys", flags.journeys) } : {}),
        ...(flags.by !== undefined ? { by: flags.by } : {}),
      };
      if (flags.demo) {
        const refused = (["config", "engine"] as const).filter((f) => flags[f] !== undefined);
        if (refused.length) throw new UserError(`--demo does not read a workspace: drop --${refused.join(", --")}`, "unknown_flag");
        const result = validateDemo(request);
        await emit(io, render(result, format, tableOptions(io, flags)), flags.out);
        emitNotes(io, result.notes);
        return;
      }
      const ws = await openWorkspace(resolveConfigPath(io, flags.config), engineOption(flags.engine));
      try {
        const { result, file } = await validateWorkspace(ws, request);
        await emit(io, render(result, format, tableOptions(io, flags)), flags.out);
        emitNotes(io, result.notes);
        stderrLine(io, "note", `scores saved to ${file} for report models`);
      } finally {
        await ws.close();
      }
    });
}

function wholeNumber(flag: string, raw: string): number {
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isInteger(n)) throw new UserError(`${flag}: expected a whole number, got "${raw}"`, "bad_flag_value");
  return n;
}
