// `pipeprism init` and `pipeprism demo`.
import type { Command } from "commander";
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { generateDemo } from "../demo/generate.js";
import { ingest, type IngestResult } from "../ingest/ingest.js";
import { ingestToPostgres } from "../ingest/postgres-transfer.js";
import { loadConfig } from "../model/config.js";
import { UserError } from "../model/diagnostic.js";
import { summary } from "../report/library.js";
import { renderTable } from "../render/render-table.js";
import { resolveEngine } from "../workspace/engine-choice.js";
import { openWorkspace } from "../workspace/workspace.js";
import { describeIngest, ENGINE_HELP, engineOption } from "./ingest-command.js";
import { INIT_TEMPLATE } from "./init-template.js";
import type { CliIo } from "./io.js";
import { tableOptions } from "./output-options.js";
import { progressLine } from "./progress-line.js";

export function addSetupCommands(program: Command, io: CliIo): void {
  program
    .command("init")
    .description("write a commented pipeprism.yaml template")
    .option("--config <file>", "where to write it", "pipeprism.yaml")
    .option("--force", "overwrite an existing file")
    .action(async (flags: { config: string; force?: boolean }) => {
      const file = path.resolve(io.cwd, flags.config);
      if (existsSync(file) && !flags.force) throw new UserError(`${flags.config} already exists (use --force to overwrite)`, "file_exists");
      await writeFile(file, INIT_TEMPLATE);
      io.stdout(`wrote ${file}\nEdit sources and segments, then run \`pipeprism ingest\`.\n`);
    });
  program
    .command("demo")
    .description("generate a demo B2B company into DIR, ingest it and print its summary")
    .argument("[dir]", "output directory", "pipeprism-demo")
    .option("--seed <n>", "random seed", parseInteger, 42)
    .option("--scale <x>", "size multiplier (1 = ~3,000 accounts, ~8,000 opportunities)", parseFloat, 1)
    .option("--engine <engine>", ENGINE_HELP)
    .option(
      "--no-segment-effects",
      "a null company: channels, win rates, deal sizes and journeys do not depend on the segment (see how quiet insights is with nothing to find)",
    )
    .action(async (dir: string, flags: { seed: number; scale: number; engine?: string; segmentEffects: boolean }) => {
      if (!(flags.scale > 0)) throw new UserError(`--scale: expected a number above 0, got ${flags.scale}`, "bad_flag");
      const target = path.resolve(io.cwd, dir);
      const demo = await generateDemo({ dir: target, seed: flags.seed, scale: flags.scale, segmentEffects: flags.segmentEffects });
      io.stderr(`generated ${demo.accounts} accounts, ${demo.opportunities} opportunities, ${demo.touchpoints} touchpoints in ${target}\n`);
      const loaded = await loadConfig(path.join(target, "pipeprism.yaml"));
      const engine = resolveEngine(flags.engine, loaded);
      const line = io.isTerminal ? progressLine(io) : undefined;
      const options = line ? { onProgress: line.update } : {};
      let result: IngestResult;
      try {
        result = engine.kind === "postgres" ? await ingestToPostgres(loaded, engine.url, options) : await ingest(loaded, options);
      } finally {
        line?.end();
      }
      io.stderr(describeIngest(result));
      const ws = await openWorkspace(loaded, engineOption(flags.engine));
      try {
        const overall = await summary(ws, { by: ["size"] });
        io.stdout(`Demo company summary by size (as of ${overall.params.as_of}):\n\n${renderTable(overall, tableOptions(io, {}))}\n`);
        io.stdout(`Next: cd ${path.relative(io.cwd, target) || "."} && npx pipeprism report winrate --by size,region\n`);
      } finally {
        await ws.close();
      }
    });
}

function parseInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new UserError(`expected a whole number, got "${value}"`, "bad_flag");
  return n;
}
