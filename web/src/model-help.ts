// What each attribution model means, beside the model picker (the picked one) and in the models view
// (all of them); the texts are in model-help-text.ts.
import { h } from "./dom.js";
import { modelHelpText } from "./model-help-text.js";

const modelName = (model: string): string => model.replaceAll("_", " ");

/** The picked model's explanation, shown under the control bar while the view uses the model. */
export function modelHelp(model: string): HTMLElement {
  return h(
    "p",
    { class: "model-help", id: "model-help", "data-model": model, role: "note" },
    h("strong", {}, `${modelName(model)}: `),
    modelHelpText(model),
  );
}

/** Every model the server offers, each with its explanation (the models view compares them all). */
export function modelGlossary(models: readonly string[]): HTMLElement {
  return h(
    "details",
    { class: "model-glossary", id: "model-glossary" },
    h("summary", {}, "What each model means"),
    h("dl", {}, ...models.flatMap((m) => [h("dt", {}, modelName(m)), h("dd", { "data-model": m }, modelHelpText(m))])),
  );
}
