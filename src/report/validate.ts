// `pipeprism validate`: how far each attribution model is from the truth on journeys shaped like
// the user's (src/validate/). The shape comes from the workspace (or the built-in demo's), the
// scores are persisted beside the workspace for `report models`, and the result is a ReportResult
// with one row per (world, model) and plain-sentence notes.
import { column, type ColumnDef, type ReportResult } from "../contract/report-result.js";
import type { Row } from "../contract/row.js";
import { UserError } from "../model/diagnostic.js";
import { DEMO_SHAPE, DEMO_SHAPE_SOURCE } from "../validate/demo-shape.js";
import { DEFAULT_JOURNEYS, DEFAULT_SEED, runValidation } from "../validate/run-validate.js";
import { workspaceFingerprint, writeValidateScores } from "../validate/scores-file.js";
import type { ValidateScore, ValidateScores, WorldSummary } from "../validate/scores.js";
import { readShape, shapeDimension } from "../validate/workspace-shape.js";
import type { Workspace } from "../workspace/workspace.js";

export interface ValidateFlags {
  readonly seed?: number;
  readonly journeys?: number;
  readonly by?: string;
}

/** Fewer simulated journeys than this make the scores mostly noise. */
export const MIN_JOURNEYS = 1000;
export const MAX_JOURNEYS = 5_000_000;

const VALIDATE_COLUMNS: readonly ColumnDef[] = [
  { ...column("world", "world", "text"), role: "dimension" },
  column("model", "model", "text"),
  column("tv_distance", "TV distance", "number"),
  column("max_channel_error", "max channel error", "number"),
  column("worst_channel", "worst channel", "text"),
  column("rank", "rank", "count"),
  { key: "best", label: "best", format: "text", type: "boolean" },
];

function settings(flags: ValidateFlags): { seed: number; journeys: number } {
  const journeys = flags.journeys ?? DEFAULT_JOURNEYS;
  if (!Number.isInteger(journeys) || journeys < MIN_JOURNEYS || journeys > MAX_JOURNEYS) {
    throw new UserError(`--journeys: expected a whole number from ${MIN_JOURNEYS} to ${MAX_JOURNEYS}, got ${journeys}`, "bad_flag_value");
  }
  const seed = flags.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new UserError(`--seed: expected a whole number from 0 to ${0xffffffff}, got ${seed}`, "bad_flag_value");
  }
  return { seed, journeys };
}

/** On the built-in demo's recorded shape: no project needed, nothing written. */
export function validateDemo(flags: ValidateFlags = {}): ReportResult {
  if (flags.by !== undefined && flags.by !== DEMO_SHAPE.dimension) {
    throw new UserError(
      `--by ${flags.by}: the built-in demo shape is by ${DEMO_SHAPE.dimension}; for another dimension run \`pipeprism demo\` and validate its workspace`,
      "bad_dimension",
    );
  }
  const scores = runValidation(DEMO_SHAPE, { ...settings(flags), config: null, source: "demo", dataAsOf: null, fingerprint: null });
  return validateResult(scores);
}

/** On the workspace's shape; writes validate.json beside it and returns the result and the file. */
export async function validateWorkspace(ws: Workspace, flags: ValidateFlags = {}): Promise<{ result: ReportResult; file: string }> {
  const options = settings(flags);
  const dimension = shapeDimension(ws, flags.by);
  const shape = await readShape(ws, dimension);
  const scores = runValidation(shape, {
    ...options,
    config: ws.config,
    source: "workspace",
    dataAsOf: ws.dataAsOf,
    fingerprint: await workspaceFingerprint(ws),
  });
  const file = await writeValidateScores(ws, scores);
  return { result: validateResult(scores), file };
}

export function validateResult(scores: ValidateScores): ReportResult {
  const rows: Row[] = scores.scores.map((s) => ({
    world: s.world,
    model: s.model,
    tv_distance: s.tv_distance,
    max_channel_error: s.max_channel_error,
    worst_channel: s.worst_channel,
    rank: s.rank,
    best: s.best,
  }));
  return {
    report: "validate",
    params: {
      source: scores.source,
      seed: scores.seed,
      journeys: scores.journeys,
      dimension: scores.dimension,
      data_as_of: scores.data_as_of,
      shape: scores.shape,
      worlds: scores.worlds.map(({ world, description, no_lift, targeted, conversion_rate, truth }) => ({
        world,
        description,
        no_lift,
        targeted,
        conversion_rate,
        truth,
      })),
      recommendation: scores.recommendation,
    },
    columns: VALIDATE_COLUMNS,
    rows,
    totals: [],
    notes: validateNotes(scores),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const tv = (x: number) => x.toFixed(3);

function validateNotes(scores: ValidateScores): string[] {
  const notes = [shapeNote(scores)];
  for (const world of scores.worlds) {
    const ranked = scores.scores.filter((s) => s.world === world.world);
    const best = ranked[0];
    const worst = ranked[ranked.length - 1];
    if (!best || !worst) continue;
    notes.push(world.world === "confounded" ? confoundedNote(world, ranked) : worldNote(world, best, worst, scores));
  }
  const r = scores.recommendation;
  notes.push(
    `recommendation: ${r.model} — the lowest mean TV over the worlds other than confounded (${tv(r.mean_tv)}). On data shaped like yours its shares are the closest to the truth; for a channel you target at accounts already likely to buy, only an experiment tells (see confounded).`,
  );
  return notes;
}

function shapeNote(scores: ValidateScores): string {
  const s = scores.shape;
  const source =
    scores.source === "demo"
      ? `the built-in demo (pipeprism demo --seed ${DEMO_SHAPE_SOURCE.seed})`
      : `the workspace (data as of ${scores.data_as_of ?? "?"})`;
  const mix = scores.dimension ? `; by ${scores.dimension}: ${s.segments.map((g) => `${g.segment} ${pct(g.share)}`).join(", ")}` : "";
  return `shape of ${source}: ${s.journeys.toLocaleString("en-US")} journeys over ${s.channels.length} channels, ${s.mean_touches.toFixed(1)} touches each on average, ${pct(s.conversion_rate)} reaching opportunity creation (pipeline attribution: a journey that did not is an account's touches with no opportunity within the lookback)${mix}; each world simulates ${scores.journeys.toLocaleString("en-US")} journeys (seed ${scores.seed}).`;
}

function worldNote(world: WorldSummary, best: ValidateScore, worst: ValidateScore, scores: ValidateScores): string {
  const channel = worst.worst_channel;
  const given = worst.shares[channel] ?? 0;
  const truth = world.truth[channel] ?? 0;
  const reach = scores.shape.channels.find((c) => c.channel === channel)?.reach ?? 0;
  const because =
    channel === world.no_lift && truth === 0 ? ` because it credits reach: ${channel}, in ${pct(reach)} of journeys, adds no lift` : "";
  return `${world.world}: trust ${best.model} (TV ${tv(best.tv_distance)}); ${worst.model} is ${tv(worst.tv_distance)} from the truth${because} — it gives ${channel} ${pct(given)} of conversions against a true ${pct(truth)}.`;
}

function confoundedNote(world: WorldSummary, ranked: readonly ValidateScore[]): string {
  const t = world.targeted ?? "";
  const given = ranked.map((s) => s.shares[t] ?? 0);
  const best = ranked[0];
  return `confounded: no model on observational data recovers lift. ${t} is sent mostly to accounts already likely to convert and has no effect by construction, yet the models give it ${pct(Math.min(...given))} to ${pct(Math.max(...given))} of conversions; even the closest, ${best?.model ?? "?"}, is ${tv(best?.tv_distance ?? 0)} from the truth. Only an experiment measures a targeted channel: an account-level holdout (withhold ${t} from a random share of the accounts it would target and compare their pipeline), a geo split, or a randomised campaign.`;
}
