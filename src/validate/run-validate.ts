// `pipeprism validate` without the database: from a data shape, simulate every world, compute its
// truth, run every model on its paths and score them. Pure and seeded: the same shape, seed,
// journeys and config give identical scores.
import type { Config } from "../model/config-schema.js";
import { distance, runAllModels } from "./score.js";
import { round6, SCORES_VERSION, type ValidateScore, type ValidateScores, type WorldSummary } from "./scores.js";
import { checkShape, meanTouches, overallReach, totalConversions, totalJourneys, type DataShape } from "./shape.js";
import { simulateWorld, toPathRows, worldTruth } from "./simulate.js";
import { buildWorlds, drawEffects } from "./worlds.js";

export const DEFAULT_SEED = 1;
export const DEFAULT_JOURNEYS = 30_000;

export interface ValidateOptions {
  readonly seed: number;
  readonly journeys: number;
  /** For custom models; null: built-in models only. */
  readonly config: Config | null;
  readonly source: "workspace" | "demo";
  readonly dataAsOf: string | null;
  readonly fingerprint: string | null;
}

export function runValidation(shape: DataShape, options: ValidateOptions): ValidateScores {
  checkShape(shape);
  const effects = drawEffects(shape, options.seed);
  const worlds = buildWorlds(shape, effects);
  const byName = (values: readonly number[]) => Object.fromEntries(shape.channels.map((c, i) => [c, round6(values[i] ?? 0)]));
  const summaries: WorldSummary[] = [];
  const scores: ValidateScore[] = [];
  for (const world of worlds) {
    const sim = simulateWorld(shape, world, options.journeys, options.seed);
    const truth = worldTruth(sim, shape.channels.length);
    const converted = sim.journeys.filter((j) => j.converted).length;
    summaries.push({
      world: world.name,
      description: world.description,
      conversion_rate: round6(converted / Math.max(1, sim.journeys.length)),
      truth: byName(truth),
      no_lift: shape.channels[effects.noLift] ?? "",
      targeted: world.targeted === null ? null : (shape.channels[world.targeted] ?? null),
    });
    const models = runAllModels(toPathRows(sim, shape.channels), shape.channels, options.config, options.seed);
    const scored = models.map((m) => ({ ...m, ...distance(m.shares, truth) }));
    scored.sort((a, b) => round6(a.tv) - round6(b.tv) || (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
    scored.forEach((m, i) =>
      scores.push({
        world: world.name,
        model: m.model,
        tv_distance: round6(m.tv),
        max_channel_error: round6(m.maxError),
        worst_channel: shape.channels[m.worstChannel] ?? "",
        rank: i + 1,
        best: i === 0,
        shares: byName(m.shares),
      }),
    );
  }
  return {
    version: SCORES_VERSION,
    source: options.source,
    seed: options.seed,
    journeys: options.journeys,
    dimension: shape.dimension,
    data_as_of: options.dataAsOf,
    fingerprint: options.fingerprint,
    shape: shapeSummary(shape),
    worlds: summaries,
    scores,
    recommendation: recommend(scores),
  };
}

/**
 * Each model's mean TV over every world but confounded (where no model can be right), lowest
 * first (ties by name): the score `report models` shows beside each model.
 */
export function meanDistances(scores: readonly ValidateScore[]): { model: string; mean_tv: number }[] {
  const sums = new Map<string, { sum: number; n: number }>();
  for (const s of scores) {
    if (s.world === "confounded") continue;
    const e = sums.get(s.model) ?? { sum: 0, n: 0 };
    e.sum += s.tv_distance;
    e.n++;
    sums.set(s.model, e);
  }
  const means = [...sums].map(([model, e]) => ({ model, mean_tv: round6(e.sum / e.n) }));
  return means.sort((a, b) => a.mean_tv - b.mean_tv || (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
}

/** The model with the lowest mean TV over every world but confounded. */
function recommend(scores: readonly ValidateScore[]): { model: string; mean_tv: number } {
  return meanDistances(scores)[0] ?? { model: "", mean_tv: 0 };
}

function shapeSummary(shape: DataShape): ValidateScores["shape"] {
  const journeys = totalJourneys(shape);
  const reach = overallReach(shape);
  return {
    journeys,
    conversion_rate: round6(totalConversions(shape) / journeys),
    mean_touches: round6(meanTouches(shape)),
    channels: shape.channels.map((channel, i) => ({ channel, reach: round6(reach[i] ?? 0) })),
    segments: shape.segments.map((s) => ({
      segment: s.name,
      share: round6(s.journeys / journeys),
      conversion_rate: round6(s.journeys ? s.conversions / s.journeys : 0),
    })),
  };
}
