// Entry point of the dashboard bundle (served at / by `pipeprism serve`).
import "../styles/dashboard.css";
import "./marks.css";
import type { Meta } from "../../src/contract/index.js";
import { getJson } from "./api.js";
import { App } from "./app.js";
import { h, replaceChildren } from "./dom.js";

async function start(): Promise<void> {
  const root = h("div", { class: "app" });
  document.body.append(root);
  try {
    const meta = await getJson<Meta>("/api/meta");
    new App(meta).mount(root);
  } catch (error) {
    replaceChildren(
      root,
      h(
        "div",
        { class: "problem" },
        h("h3", {}, "The dashboard could not load the workspace."),
        h("p", {}, error instanceof Error ? error.message : String(error)),
      ),
    );
  }
}

void start();
