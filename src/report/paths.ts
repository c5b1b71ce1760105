// `pipeprism paths FILE`: any attribution model on a ChannelAttribution-style aggregated path
// file, so pipeprism's numbers can be compared with other tools'. Rows that cannot be read are
// listed as notes with line and column; the rest are used.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parsePathFile } from "../attribution/path-file.js";
import { runPathModel } from "../attribution/run-path-model.js";
import { UserError, formatDiagnostic } from "../model/diagnostic.js";
import type { Row } from "../contract/row.js";
import { column, type ReportResult } from "../contract/report-result.js";

export interface PathsOptions {
  readonly model?: string;
  readonly order?: number | string;
  readonly shapleyValue?: string;
  readonly seed?: number | string;
  readonly separator?: string;
}

export async function pathsReport(file: string, options: PathsOptions = {}): Promise<ReportResult> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new UserError(`${file}: file not found`, "file_missing");
  }
  const name = path.basename(file);
  const parsed = parsePathFile(text, { file: name, ...(options.separator ? { separator: options.separator } : {}) });
  if (parsed.rows.length === 0 && parsed.problems.length > 0) throw new UserError(parsed.problems.slice(0, 20));
  const model = options.model ?? "linear";
  const order = Number(options.order ?? 1);
  if (!Number.isInteger(order) || order < 1 || order > 4) throw new UserError(`--order: expected a whole number from 1 to 4, got "${options.order}"`, "bad_order");
  const shapleyValue = options.shapleyValue ?? "rate";
  if (shapleyValue !== "rate" && shapleyValue !== "subset") throw new UserError(`--shapley-value: "${shapleyValue}" is not valid (valid: rate, subset)`, "bad_shapley_value");
  const results = runPathModel(parsed.rows, { model, order, shapleyValue, seed: Number(options.seed ?? 0) });
  const rows: Row[] = results.map((r) => ({ ...r }));
  const extra = model === "markov" ? ["removal_effect", "removal_effect_value"] : model === "shapley" ? ["std_error"] : [];
  return {
    report: "paths",
    params: { file: name, model, ...(model === "markov" ? { order } : {}), ...(model === "shapley" ? { shapley_value: shapleyValue } : {}), paths: parsed.rows.length },
    rows,
    totals: [
      {
        total_conversions: rows.reduce((s, r) => s + Number(r.total_conversions), 0),
        total_conversion_value: rows.reduce((s, r) => s + Number(r.total_conversion_value), 0),
      },
    ],
    notes: parsed.problems.map((p) => `skipped ${formatDiagnostic(p)}`),
    columns: [
      column("channel", "channel", "text"),
      column("total_conversions", "total_conversions", "number"),
      column("total_conversion_value", "total_conversion_value", "number"),
      ...extra.map((k) => (column(k, k, "number"))),
    ],
  };
}
