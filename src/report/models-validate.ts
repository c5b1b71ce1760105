// What `report models` says about validate: each model's distance from the truth on journeys shaped
// like this workspace's (validate.json, src/validate/scores-file.ts) and the model pipeprism
// recommends — or, when there is no current score, why not and what to run.
import { meanDistances } from "../validate/run-validate.js";
import type { ScoresLookup } from "../validate/scores-file.js";
import type { ValidateScores } from "../validate/scores.js";

export interface ModelsValidate {
  /** params.validate of the report (JSON): the status, and the scores when current. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly notes: readonly string[];
}

const RUN_VALIDATE =
  "run `pipeprism validate` to measure, on journeys simulated in the shape of this workspace, how far each model is from the truth";

export function modelsValidate(found: ScoresLookup, models: readonly string[], stage: string): ModelsValidate {
  switch (found.status) {
    case "absent":
      return {
        params: { status: "absent", file: found.file },
        notes: [`no validate scores yet: ${RUN_VALIDATE}; this report then shows each model's score and the model to use.`],
      };
    case "unreadable":
      return {
        params: { status: "unreadable", file: found.file, reason: found.reason },
        notes: [`validate scores not shown: ${found.file} cannot be read (${found.reason}); ${RUN_VALIDATE}.`],
      };
    case "stale":
      return {
        params: { status: "stale", file: found.file, data_as_of: found.scores.data_as_of },
        notes: [
          `validate scores not shown: ${found.file} was computed before the workspace or its attribution/segment config last changed (it saw data as of ${found.scores.data_as_of ?? "?"}); ${RUN_VALIDATE} again.`,
        ],
      };
    case "current":
      return currentScores(found.file, found.scores, models, stage);
  }
}

const tv = (x: number) => x.toFixed(3);

function currentScores(file: string, scores: ValidateScores, models: readonly string[], stage: string): ModelsValidate {
  const means = meanDistances(scores.scores);
  const meanOf = new Map(means.map((m) => [m.model, m.mean_tv]));
  const shown = models.filter((m) => meanOf.has(m));
  const extra = means.filter((m) => !models.includes(m.model));
  const unscored = models.filter((m) => !meanOf.has(m));
  const worlds = [...new Set(scores.scores.map((s) => s.world))].filter((w) => w !== "confounded");
  const list = [...shown.map((m) => ({ model: m, mean_tv: meanOf.get(m) ?? 0 })), ...extra]
    .sort((a, b) => a.mean_tv - b.mean_tv || (a.model < b.model ? -1 : 1))
    .map((m) => `${m.model} ${tv(m.mean_tv)}`);
  const by = scores.dimension ? `, by ${scores.dimension}` : "";
  const scoreNote =
    `distance from the truth (pipeprism validate, seed ${scores.seed}, ${scores.journeys.toLocaleString("en-US")} simulated journeys per world${by}): ` +
    `each model's mean total-variation distance over the ${worlds.join(", ")} worlds — the share of conversions it credits to the wrong channels, lower is better: ${list.join(" · ")}` +
    (unscored.length ? `; not scored by validate: ${unscored.join(", ")}.` : ".");
  const r = scores.recommendation;
  const runnerUp = means.find((m) => m.model !== r.model);
  const why =
    `pipeprism recommends ${r.model}: on journeys simulated in the shape of this workspace its shares came closest to the true shares (mean TV ${tv(r.mean_tv)}` +
    (runnerUp ? `; next ${runnerUp.model} at ${tv(runnerUp.mean_tv)})` : ")") +
    ". No model on observational data recovers the lift of a channel aimed at accounts already likely to convert (the confounded world): measure that one with a holdout." +
    (stage === "revenue"
      ? " validate simulates pipeline attribution (journeys to opportunity creation); take the ranking as a guide for --stage revenue."
      : "");
  return {
    params: {
      status: "current",
      file,
      seed: scores.seed,
      journeys: scores.journeys,
      dimension: scores.dimension,
      data_as_of: scores.data_as_of,
      mean_tv: Object.fromEntries(means.map((m) => [m.model, m.mean_tv])),
      recommended: r.model,
      recommended_mean_tv: r.mean_tv,
    },
    notes: [scoreNote, why],
  };
}
