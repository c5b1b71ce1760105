// Every model in the registry on a world's aggregated paths, scored against the world's truth:
// total variation ½ Σ |share − truth| (the share of conversions a model puts on the wrong
// channels) and the largest error on one channel.
import { lookupModel, modelNames } from "../attribution/model-registry.js";
import type { PathRow } from "../attribution/paths.js";
import type { Config } from "../model/config-schema.js";

/** Markov runs at order 1 under its own name and at this order as `markov_order3`. */
const EXTRA_MARKOV_ORDER = 3;
const markovLabel = (order: number): string => (order === 1 ? "markov" : `markov_order${order}`);

interface ModelShares {
  /** The registry's model name, or markov_order3. */
  readonly model: string;
  /** Share of conversions per channel (in the given channel order), summing to 1 (or all 0). */
  readonly shares: readonly number[];
}

/** The model variants validate scores: every registry model, markov at orders 1 and 3. */
function scoredModels(config: Config | null): { label: string; name: string; order: number }[] {
  return modelNames(config).flatMap((name) =>
    name === "markov"
      ? [
          { label: markovLabel(1), name, order: 1 },
          { label: markovLabel(EXTRA_MARKOV_ORDER), name, order: EXTRA_MARKOV_ORDER },
        ]
      : [{ label: name, name, order: 1 }],
  );
}

export function runAllModels(rows: readonly PathRow[], channels: readonly string[], config: Config | null, seed: number): ModelShares[] {
  return scoredModels(config).map(({ label, name, order }) => {
    const results = lookupModel(name, config).runPaths(rows, { order, shapleyValue: "rate", seed });
    const byChannel = new Map(results.map((r) => [r.channel, Math.max(0, r.total_conversions)]));
    const credited = channels.map((c) => byChannel.get(c) ?? 0);
    const total = credited.reduce((s, x) => s + x, 0);
    return { model: label, shares: credited.map((x) => (total > 0 ? x / total : 0)) };
  });
}

interface Distance {
  readonly tv: number;
  readonly maxError: number;
  /** Index of the channel with the largest error. */
  readonly worstChannel: number;
}

export function distance(shares: readonly number[], truth: readonly number[]): Distance {
  let tv = 0;
  let maxError = 0;
  let worstChannel = 0;
  truth.forEach((t, i) => {
    const error = Math.abs((shares[i] ?? 0) - t);
    tv += error / 2;
    if (error > maxError) {
      maxError = error;
      worstChannel = i;
    }
  });
  return { tv, maxError, worstChannel };
}
