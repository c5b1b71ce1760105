// Saved views (`views:` in pipeprism.yaml): a named report with its flags, run with
// `pipeprism report --view NAME`, listed in the dashboard. A view's keys are the flags' HTTP names
// (by, where, as_of, shapley_value, …) and go through the same parser as every other surface, so a
// view accepts exactly what the report accepts. A bad view is reported at its line in the file.
import { readFile } from "node:fs/promises";
import { LineCounter, parseDocument } from "yaml";
import type { LoadedConfig } from "../model/config.js";
import { UserError, type Diagnostic } from "../model/diagnostic.js";
import { locateInYaml } from "../model/yaml-locate.js";
import { FLAGS, FLAGS_BY_QUERY, type FlagKey } from "./request/flags.js";
import { parseReportRequest, type ReportRequest } from "./request/parse-request.js";

export interface ViewSummary {
  readonly name: string;
  readonly report: string;
  /** The view's flags under their HTTP names, as written. */
  readonly params: Readonly<Record<string, unknown>>;
}

export function listViews(loaded: LoadedConfig): ViewSummary[] {
  return Object.entries(loaded.config.views).map(([name, { report, ...params }]) => ({ name, report, params }));
}

/** The view's request, with `overrides` (flags typed beside --view) taking precedence over its own. */
export async function viewRequest(
  loaded: LoadedConfig,
  name: string,
  overrides: readonly (readonly [FlagKey, unknown])[] = [],
): Promise<ReportRequest> {
  const view = loaded.config.views[name];
  if (!view) {
    const names = Object.keys(loaded.config.views);
    throw new UserError(
      `--view: no view "${name}" in ${loaded.file} (views: ${names.join(", ") || "none; add them under views:"})`,
      "bad_flag_value",
    );
  }
  const problem = await viewProblem(loaded, name);
  if (problem) throw new UserError([problem]);
  const given = new Set(overrides.map(([key]) => key));
  const own = viewFlags(view).filter(([key]) => !given.has(key));
  return parseReportRequest(view.report, [...own, ...overrides]);
}

/** Every view's problems, each placed at its line in the config file. */
export async function checkViews(loaded: LoadedConfig): Promise<Diagnostic[]> {
  const problems = await Promise.all(Object.keys(loaded.config.views).map((name) => viewProblem(loaded, name)));
  return problems.filter((p): p is Diagnostic => p !== null);
}

function viewFlags(view: Readonly<Record<string, unknown>>): [FlagKey, unknown][] {
  return Object.entries(view)
    .filter(([key]) => key !== "report")
    .map(([key, value]) => {
      const spec = FLAGS_BY_QUERY.get(key);
      if (!spec) throw new ViewKeyError(key);
      return [spec.key, value];
    });
}

class ViewKeyError extends Error {
  constructor(readonly key: string) {
    super(
      `unknown key "${key}" (a view takes report and the report's flags by their HTTP names: ${[...FLAGS_BY_QUERY.keys()].join(", ")})`,
    );
  }
}

async function viewProblem(loaded: LoadedConfig, name: string): Promise<Diagnostic | null> {
  const view = loaded.config.views[name];
  if (!view) return null;
  let path: PropertyKey[] = ["views", name];
  let message: string;
  try {
    parseReportRequest(view.report, viewFlags(view));
    return null;
  } catch (error) {
    if (error instanceof ViewKeyError) {
      path = [...path, error.key];
      message = error.message;
    } else if (error instanceof UserError) {
      message = error.diagnostics.map((d) => d.message).join("; ");
      const key = flagKeyNamed(message);
      path = key ? [...path, key] : message.startsWith("unknown report") ? [...path, "report"] : path;
    } else throw error;
  }
  const at = await locate(loaded.file, path);
  return { code: "config_invalid", message: `${path.map(String).join(".")}: ${message}`, ...(at ? { at } : {}) };
}

/** The view key a flag error is about: the first flag (by its CLI spelling) the message names. */
function flagKeyNamed(message: string): string | null {
  const named = [...FLAGS.values()]
    .map((spec) => ({ spec, at: message.indexOf(spec.cli) }))
    .filter((f) => f.at >= 0)
    .sort((a, b) => a.at - b.at)[0];
  return named ? named.spec.query : null;
}

async function locate(file: string, path: readonly PropertyKey[]): Promise<Diagnostic["at"]> {
  try {
    const lines = new LineCounter();
    const doc = parseDocument(await readFile(file, "utf8"), { lineCounter: lines });
    const pos = locateInYaml(doc, lines, path, "value");
    return pos ? { file, ...pos } : { file };
  } catch {
    return { file };
  }
}
