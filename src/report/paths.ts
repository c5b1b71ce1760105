// `pipeprism paths FILE`: any attribution model on a ChannelAttribution-style aggregated path
// file, so pipeprism's numbers can be compared with other tools'. Rows that cannot be read are
// listed as notes with line and column; the rest are used.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { DEFAULT_MODEL, lookupModel, refuseUnusedSettings } from "../attribution/model-registry.js";
import { parsePathFile } from "../attribution/path-file.js";
import type { ReportResult } from "../contract/report-result.js";
import { column } from "../contract/report-result.js";
import type { Row } from "../contract/row.js";
import { UserError, formatDiagnostic } from "../model/diagnostic.js";
import { FLAGS, type CoalitionValue } from "./request/flags.js";
import { PATHS_COLUMNS } from "./report-columns.js";

export interface PathsOptions {
  readonly model?: string;
  readonly order?: number | string;
  readonly shapleyValue?: string;
  readonly seed?: number | string;
  readonly separator?: string;
}

/** Parses a Markov/Shapley setting with the report flag of the same name. */
function setting<T>(key: "order" | "shapleyValue" | "seed", raw: unknown, fallback: T): T {
  const spec = FLAGS.get(key);
  return raw === undefined || !spec ? fallback : (spec.parse(raw) as T);
}

export async function pathsReport(file: string, options: PathsOptions = {}): Promise<ReportResult> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new UserError(`${file}: file not found`, "file_missing");
  }
  const name = path.basename(file);
  const model = lookupModel(options.model ?? DEFAULT_MODEL, null);
  refuseUnusedSettings(model.name, options);
  const order = setting<number>("order", options.order, 1);
  const shapleyValue = setting<CoalitionValue>("shapleyValue", options.shapleyValue, "rate");
  const seed = setting<number>("seed", options.seed, 0);
  const parsed = parsePathFile(text, { file: name, ...(options.separator ? { separator: options.separator } : {}) });
  if (parsed.rows.length === 0 && parsed.problems.length > 0) throw new UserError(parsed.problems.slice(0, 20));
  const results = model.runPaths(parsed.rows, { order, shapleyValue, seed });
  const rows: Row[] = results.map((r) => ({ ...r }));
  const extra = model.name === "markov" ? ["removal_effect", "removal_effect_value"] : model.name === "shapley" ? ["std_error"] : [];
  return {
    report: "paths",
    params: {
      file: name,
      model: model.name,
      ...(model.name === "markov" ? { order } : {}),
      ...(model.name === "shapley" ? { shapley_value: shapleyValue } : {}),
      paths: parsed.rows.length,
    },
    rows,
    totals: [
      {
        total_conversions: rows.reduce((s, r) => s + Number(r.total_conversions), 0),
        total_conversion_value: rows.reduce((s, r) => s + Number(r.total_conversion_value), 0),
      },
    ],
    notes: parsed.problems.map((p) => `skipped ${formatDiagnostic(p)}`),
    columns: [...PATHS_COLUMNS, ...extra.map((k) => column(k, k, "number"))],
  };
}
