// `pipeprism paths FILE`: attribution models on an aggregated path file.
import type { Command } from "commander";
import path from "node:path";
import { DEFAULT_REPLICATES } from "../attribution/bootstrap.js";
import { DATA_DRIVEN_MODELS, DEFAULT_MODEL, modelNames } from "../attribution/model-registry.js";
import { pathsReport } from "../report/paths.js";
import { OUTPUT_FORMATS, parseFormat, render } from "../render/render.js";
import { emit, emitNotes, type CliIo } from "./io.js";
import { addOutputOptions, tableOptions } from "./output-options.js";

interface PathsFlags {
  model?: string;
  order?: string;
  shapleyValue?: string;
  seed?: string;
  intervals?: string | boolean;
  separator?: string;
  format: string;
  out?: string;
  wide?: boolean;
}

export function addPathsCommand(program: Command, io: CliIo): void {
  const command = program
    .command("paths")
    .description(
      "run an attribution model on a ChannelAttribution-style path file (path;total_conversions;total_conversion_value;total_null)",
    )
    .argument("<file>", "path file, `;` or `,` separated, paths like A > B > C")
    .option("--model <model>", `${modelNames(null).join(" | ")} (default ${DEFAULT_MODEL})`)
    .option("--order <k>", "Markov chain order, 1 to 4 (default 1)")
    .option("--shapley-value <value>", "Shapley coalition value: rate or subset (default rate)")
    .option("--seed <n>", "seed for lift's Monte-Carlo above 16 channels and for --intervals (default 0; Shapley is exact)")
    .option(
      "--intervals [B]",
      `95 % bootstrap intervals on each channel's share of conversions (--model ${DATA_DRIVEN_MODELS.join("|")}); B replicates, default ${DEFAULT_REPLICATES}`,
    )
    .option("--separator <sep>", "channel separator inside a path", ">");
  addOutputOptions(command, OUTPUT_FORMATS).action(async (file: string, flags: PathsFlags) => {
    const format = parseFormat(flags.format);
    const result = await pathsReport(path.resolve(io.cwd, file), flags);
    await emit(io, render(result, format, tableOptions(io, flags)), flags.out);
    emitNotes(io, result.notes.slice(0, 50));
    if (result.notes.length > 50) io.stderr(`note: … ${result.notes.length - 50} more skipped rows (use --format json for all)\n`);
  });
}
