// `pipeprism ingest` and `pipeprism audit`.
import type { Command } from "commander";
import { ingest, type IngestResult } from "../ingest/ingest.js";
import { ingestToPostgres } from "../ingest/postgres-transfer.js";
import { loadConfig } from "../model/config.js";
import { audit } from "../report/audit.js";
import { renderAuditJson, renderAuditText } from "../render/render-audit.js";
import { UserError } from "../model/diagnostic.js";
import { resolveEngine } from "../workspace/engine-choice.js";
import { openWorkspace } from "../workspace/workspace.js";
import { resolveConfigPath } from "./config-path.js";
import { emit, stderrLine, type CliIo } from "./io.js";
import { addOutputOptions, tableOptions, type OutputFlags } from "./output-options.js";
import { progressLine } from "./progress-line.js";

export function addIngestCommands(program: Command, io: CliIo): void {
  program
    .command("ingest")
    .description("load the configured CSV files into the workspace (replaces it atomically)")
    .option("--config <file>", "config file (default ./pipeprism.yaml)")
    .option("--as-of <date>", "date of the open-pipeline snapshot (default: latest date in the data)")
    .option("--engine <engine>", ENGINE_HELP)
    .option("--allow-partial", "succeed even when accounts or opportunities keep fewer than sources.min_kept_share of their records")
    .action(async (flags: { config?: string; asOf?: string; engine?: string; allowPartial?: boolean }) => {
      const loaded = await loadConfig(resolveConfigPath(io, flags.config));
      const engine = resolveEngine(flags.engine, loaded);
      const line = io.isTerminal ? progressLine(io) : undefined;
      const options = {
        ...(flags.asOf ? { asOf: flags.asOf } : {}),
        ...(line ? { onProgress: line.update } : {}),
        allowPartial: Boolean(flags.allowPartial),
      };
      let result: IngestResult;
      try {
        result = engine.kind === "postgres" ? await ingestToPostgres(loaded, engine.url, options) : await ingest(loaded, options);
      } finally {
        line?.end();
      }
      io.stdout(describeIngest(result));
      for (const warning of result.warnings) stderrLine(io, "warning", warning);
    });
  const auditCommand = program
    .command("audit")
    .description("row counts, quarantined rows with reasons, flagged rows, Unknown shares")
    .option("--config <file>", "config file (default ./pipeprism.yaml)")
    .option("--engine <engine>", ENGINE_HELP);
  addOutputOptions(auditCommand, ["table", "json"]).action(async (flags: OutputFlags & { config?: string; engine?: string }) => {
    if (flags.format !== "table" && flags.format !== "json")
      throw new UserError(`--format: "${flags.format}" is not a format for audit (valid: table, json)`, "bad_format");
    const ws = await openWorkspace(resolveConfigPath(io, flags.config), engineOption(flags.engine));
    try {
      const result = await audit(ws);
      await emit(io, flags.format === "json" ? renderAuditJson(result) : renderAuditText(result, tableOptions(io, flags)), flags.out);
    } finally {
      await ws.close();
    }
  });
}

export const ENGINE_HELP = "duckdb (default) or postgres://user:password@host:5432/database[?schema=name]";

/** `--engine` as openWorkspace options; absent, the config's `engine:` decides. */
export function engineOption(engine: string | undefined): { engine?: string } {
  return engine === undefined ? {} : { engine };
}

export function describeIngest(result: IngestResult): string {
  const lines = result.tables.map(
    (t) => `  ${t.table.padEnd(14)} ${t.rowsRead} read, ${t.rowsKept} kept, ${t.rowsQuarantined} quarantined  (${t.file})`,
  );
  const quarantined = result.tables.reduce((s, t) => s + t.rowsQuarantined, 0);
  const hint = quarantined ? `\n${quarantined} rows quarantined: run \`pipeprism audit\` to see why.\n` : "\n";
  return `Ingested into ${result.workspace} (as of ${result.asOf})\n${lines.join("\n")}\n${hint}`;
}
