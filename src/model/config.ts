// Loading pipeprism.yaml: YAML syntax errors, schema violations and semantic problems all become
// diagnostics that name the file's line:column, the path in the config and what was expected,
// collected in one pass and thrown together as one UserError.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseDocument, LineCounter } from "yaml";
import type { z } from "zod";
import { configSchema, type Config } from "./config-schema.js";
import { checkConfig, type ConfigProblem } from "./config-checks.js";
import { UserError, type Diagnostic, type SourceLocation } from "./diagnostic.js";
import { locateInYaml } from "./yaml-locate.js";

export interface LoadedConfig {
  readonly config: Config;
  /** Absolute path of the config file; sources resolve relative to its folder. */
  readonly file: string;
  readonly baseDir: string;
}

/**
 * The reporting currency every money figure is in: `currencies.reporting` when set (ingest converts
 * amounts into it), else `currency`, else USD. config-checks refuses the two naming different codes.
 */
export function reportingCurrency(config: Pick<Config, "currency" | "currencies">): string {
  return config.currencies?.reporting ?? config.currency ?? "USD";
}

/** A key too long to print whole (a 10,000-character name) is shortened; line:column still finds it. */
const MAX_SHOWN_KEY = 40;

function formatPath(segments: readonly PropertyKey[]): string {
  let out = "";
  for (const s of segments) {
    const key = String(s);
    const shown = key.length > MAX_SHOWN_KEY ? `${key.slice(0, MAX_SHOWN_KEY)}…(${key.length} characters)` : key;
    if (typeof s === "number") out += `[${s}]`;
    else out += out ? `.${shown}` : shown;
  }
  return out || "(root)";
}

function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  if (typeof value === "object") return "a mapping";
  return String(value);
}

/** What to write when a required top-level key is missing, rather than "expected a mapping, got nothing". */
const MISSING_KEY_HINTS: Readonly<Record<string, string>> = {
  stages:
    "missing: name your pipeline's open stages in funnel order and its won and lost stages, as the data spells them, e.g. `stages: { order: [Prospecting, Qualification, Proposal, Negotiation], won: [Closed Won], lost: [Closed Lost] }`",
  sources: "missing: name the files to read, e.g. `sources: { accounts: data/accounts.csv, opportunities: data/opportunities.csv }`",
};

function issueMessage(issue: z.core.$ZodIssue & { input?: unknown }): string {
  const missing = issue.input === undefined && issue.path.length === 1 ? MISSING_KEY_HINTS[String(issue.path[0])] : undefined;
  if (missing) return missing;
  if (issue.code === "invalid_type") {
    return `expected ${article(issue.expected)}, got ${describeValue(issue.input)}`;
  }
  if (issue.code === "invalid_value") {
    return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${describeValue(issue.input)}`;
  }
  if (issue.code === "too_big" || issue.code === "too_small") {
    const op = issue.code === "too_big" ? (issue.inclusive ? "at most" : "below") : issue.inclusive ? "at least" : "above";
    const what =
      issue.origin === "array"
        ? `a list of ${op} ${issue.code === "too_big" ? issue.maximum : issue.minimum} items`
        : `a number ${op} ${issue.code === "too_big" ? issue.maximum : issue.minimum}`;
    return `expected ${what}, got ${describeValue(issue.input)}`;
  }
  if (issue.code === "invalid_key") {
    const inner = issue.issues[0]?.message ?? "invalid key";
    return `invalid name: ${inner}`;
  }
  return issue.message;
}

const EXPECTED_WORDS: ReadonlyMap<string, string> = new Map([
  ["number", "a number"],
  ["string", "a string"],
  ["object", "a mapping"],
  ["array", "a list"],
  ["boolean", "true or false"],
  ["int", "a whole number"],
]);

function article(expected: string): string {
  return EXPECTED_WORDS.get(expected) ?? expected;
}

/** A problem on the plain value, before it is placed in the file; `label` names it if not `path`. */
type PathProblem = ConfigProblem & { readonly label?: readonly PropertyKey[] };

function schemaProblems(issues: readonly z.core.$ZodIssue[]): PathProblem[] {
  return issues.flatMap((issue): PathProblem[] => {
    if (issue.code === "unrecognized_keys") {
      // One diagnostic per key, each pointing at its own key in the file.
      return issue.keys.map((key) => ({
        code: "config_invalid",
        path: [...issue.path, key],
        message: `unknown key ${JSON.stringify(key)}`,
        pointAt: "key",
        label: issue.path,
      }));
    }
    const pointAt = issue.code === "invalid_key" ? "key" : "value";
    return [{ code: "config_invalid", path: issue.path, message: issueMessage(issue), pointAt }];
  });
}

/** Validates an already-parsed YAML value; returns the config or every problem found. */
export function validateConfig(raw: unknown, file = "pipeprism.yaml"): { config?: Config; diagnostics: Diagnostic[] } {
  return validate(raw, () => ({ file }));
}

/** Schema and semantic problems (names, cross-references, regexes) in one pass, each placed by `place`. */
function validate(raw: unknown, place: (problem: PathProblem) => SourceLocation): { config?: Config; diagnostics: Diagnostic[] } {
  const result = configSchema.safeParse(raw ?? {}, { reportInput: true });
  const problems: PathProblem[] = [...(result.success ? [] : schemaProblems(result.error.issues)), ...checkConfig(raw)];
  const diagnostics = sortByPlace(
    problems.map((p) => ({ code: p.code, message: `${formatPath(p.label ?? p.path)}: ${p.message}`, at: place(p) })),
  );
  return result.success && diagnostics.length === 0 ? { config: result.data, diagnostics } : { diagnostics };
}

/** Top to bottom through the file, so the list reads like the file; unplaced ones last (sort is stable). */
function sortByPlace(diagnostics: Diagnostic[]): Diagnostic[] {
  const line = (d: Diagnostic) => d.at?.line ?? Number.MAX_SAFE_INTEGER;
  const column = (d: Diagnostic) => d.at?.column ?? Number.MAX_SAFE_INTEGER;
  return [...diagnostics].sort((a, b) => line(a) - line(b) || column(a) - column(b));
}

export function parseConfigText(text: string, file = "pipeprism.yaml"): { config?: Config; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    return {
      diagnostics: doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return { code: "config_yaml", message: `YAML syntax: ${e.message.split("\n")[0]}`, at: { file, line: pos.line, column: pos.col } };
      }),
    };
  }
  return validate(doc.toJS(), (p) => ({ file, ...locateInYaml(doc, lineCounter, p.path, p.pointAt) }));
}

export async function loadConfig(configPath = "pipeprism.yaml"): Promise<LoadedConfig> {
  const file = path.resolve(configPath);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new UserError(
      `${configPath}: config file not found (run \`pipeprism init\` to write a template, or pass --config FILE)`,
      "config_missing",
    );
  }
  const { config, diagnostics } = parseConfigText(text, configPath);
  if (!config) throw new UserError(diagnostics);
  return { config, file, baseDir: path.dirname(file) };
}
