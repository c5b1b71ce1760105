// `pipeprism paths FILE`: any attribution model on a ChannelAttribution-style aggregated path
// file, so pipeprism's numbers can be compared with other tools'. Rows that cannot be read are
// listed as notes with line and column; the rest are used.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { defaultReplicates, INTERVAL_LEVEL } from "../attribution/bootstrap.js";
import { DEFAULT_MODEL, lookupModel, refuseUnusedSettings } from "../attribution/model-registry.js";
import { pathShareIntervals } from "../attribution/path-intervals.js";
import { parsePathFile } from "../attribution/path-file.js";
import type { ReportResult } from "../contract/report-result.js";
import { column } from "../contract/report-result.js";
import type { Row } from "../contract/row.js";
import type { PathRow } from "../attribution/paths.js";
import { UserError, formatDiagnostic } from "../model/diagnostic.js";
import { FLAGS, type CoalitionValue } from "./request/flags.js";
import { PATHS_COLUMNS, PATHS_INTERVAL_COLUMNS } from "./report-columns.js";

export interface PathsOptions {
  readonly model?: string;
  readonly order?: number | string;
  readonly shapleyValue?: string;
  readonly seed?: number | string;
  /** Bootstrap replicates (true: the model's default), as `report attribution --intervals`. */
  readonly intervals?: number | string | boolean;
  readonly separator?: string;
}

/** Parses a Markov/Shapley/lift setting with the report flag of the same name. */
function setting<T>(key: "order" | "shapleyValue" | "seed" | "intervals", raw: unknown, fallback: T): T {
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
  const asked = setting<number | "default" | null>("intervals", options.intervals, null);
  const replicates = asked === "default" ? defaultReplicates(model.name, order) : asked;
  const parsed = parsePathFile(text, { file: name, ...(options.separator ? { separator: options.separator } : {}) });
  if (parsed.rows.length === 0 && parsed.problems.length > 0) throw new UserError(parsed.problems.slice(0, 20));
  const run = (rows: readonly PathRow[]) => model.runPaths(rows, { order, shapleyValue, seed });
  const results = run(parsed.rows);
  const bootstrap = replicates === null ? null : pathShareIntervals(parsed.rows, run, { replicates, seed });
  const rows: Row[] = results.map((r) => {
    const interval = bootstrap?.intervals.get(r.channel);
    return bootstrap
      ? { ...r, share: bootstrap.share.get(r.channel) ?? null, share_low: interval?.low ?? null, share_high: interval?.high ?? null }
      : { ...r };
  });
  const extra =
    model.name === "markov"
      ? ["removal_effect", "removal_effect_value"]
      : model.name === "lift"
        ? ["std_error"] // lift samples orderings above 16 channels; Shapley is always exact
        : [];
  return {
    report: "paths",
    params: {
      file: name,
      model: model.name,
      ...(model.name === "markov" ? { order } : {}),
      ...(model.name === "shapley" ? { shapley_value: shapleyValue } : {}),
      ...(replicates === null ? {} : { intervals: replicates, seed }),
      paths: parsed.rows.length,
    },
    rows,
    totals: [
      {
        total_conversions: rows.reduce((s, r) => s + Number(r.total_conversions), 0),
        total_conversion_value: rows.reduce((s, r) => s + Number(r.total_conversion_value), 0),
      },
    ],
    notes: [
      ...(replicates === null ? [] : [intervalNote(model.name, order, replicates, seed)]),
      ...parsed.problems.map((p) => `skipped ${formatDiagnostic(p)}`),
    ],
    columns: [...PATHS_COLUMNS, ...extra.map((k) => column(k, k, "number")), ...(bootstrap ? PATHS_INTERVAL_COLUMNS : [])],
  };
}

function intervalNote(model: string, order: number, replicates: number, seed: number): string {
  const name = model === "markov" ? `markov (order ${order})` : model;
  return (
    `${name}: share_low–share_high are ${Math.round(INTERVAL_LEVEL * 100)} % bootstrap intervals over journeys of each channel's share of conversions, ` +
    `${replicates} replicates, seed ${seed}: each path's conversions and nulls resampled (Poisson weights), ${model} rerun on every replicate. ` +
    "They show the fit's sampling noise, not model misspecification or confounding."
  );
}
