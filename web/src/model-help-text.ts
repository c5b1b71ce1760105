// What each attribution model means, in plain words: the one place these texts live, keyed by model
// id (the ids /api/meta lists in `models`). Definitions follow docs/attribution.md; a model this list
// does not know (a custom model from pipeprism.yaml, or one added later) gets the fallback text.
// Free of the DOM, so a test can read the same texts; model-help.ts draws them.

export const MODEL_HELP: Readonly<Record<string, string>> = {
  first_touch: "All the credit goes to the first touch: the channel that brought the account in.",
  last_touch:
    "All the credit goes to the last touch before the opportunity was created (before the close, for revenue): the channel that tipped it.",
  linear: "Every touch gets an equal share of the credit.",
  time_decay:
    "Touches closer to the end get more credit: a touch's weight halves for every half-life (7 days by default) before the latest touch.",
  u_shaped: "40% to the first touch, 40% to the last, and the remaining 20% shared by the touches in between.",
  w_shaped: "30% each to the first touch, the lead-creation touch and the last touch; the remaining 10% shared by the others.",
  j_shaped: "20% to the first touch, 60% to the last, and 20% shared by the touches in between.",
  inverse_j: "60% to the first touch, 20% to the last, and 20% shared by the touches in between.",
  full_path:
    "For revenue: 22.5% each to the first, lead-creation, opportunity-creation and closing touches, 10% to the rest. For pipeline it is W-shaped.",
  markov:
    "Data-driven: a channel's credit is how much conversion would drop if it were removed from the journeys (Markov chain removal effect).",
  shapley:
    "Data-driven: each channel gets its average contribution to the conversion rate over every combination of channels it appears with (Shapley value).",
  lift: "Data-driven: a channel is credited for how much its presence raises the odds of converting, estimated from converting and non-converting journeys alike.",
};

/** The fallback: a custom model's weights live in the config, not here. */
const UNKNOWN_MODEL_HELP =
  "A model defined in this workspace's pipeprism.yaml (attribution.custom_models): it splits each journey by the role weights written there.";

export const modelHelpText = (model: string): string => (Object.hasOwn(MODEL_HELP, model) ? (MODEL_HELP[model] ?? "") : UNKNOWN_MODEL_HELP);
