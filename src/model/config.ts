// Loading pipeprism.yaml: YAML syntax errors and schema violations all become diagnostics that
// name the path in the file and what was expected, collected in one pass.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseDocument, LineCounter } from "yaml";
import { z } from "zod";
import { configSchema, type Config } from "./config-schema.js";
import { UserError, type Diagnostic } from "./diagnostic.js";

export interface LoadedConfig {
  readonly config: Config;
  /** Absolute path of the config file; sources resolve relative to its folder. */
  readonly file: string;
  readonly baseDir: string;
}

const RESERVED_DIMENSIONS = new Set(["channel", "period", "stage", "model", "report"]);

export function formatPath(segments: readonly PropertyKey[]): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else out += out ? `.${String(s)}` : String(s);
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

function issueMessage(issue: z.core.$ZodIssue & { input?: unknown }): string {
  if (issue.code === "invalid_type") {
    return `expected ${article(issue.expected)}, got ${describeValue(issue.input)}`;
  }
  if (issue.code === "unrecognized_keys") {
    return `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}`;
  }
  if (issue.code === "invalid_value") {
    return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${describeValue(issue.input)}`;
  }
  if (issue.code === "too_big" || issue.code === "too_small") {
    const op = issue.code === "too_big" ? (issue.inclusive ? "at most" : "below") : issue.inclusive ? "at least" : "above";
    const what = issue.origin === "array" ? `a list of ${op} ${issue.code === "too_big" ? issue.maximum : issue.minimum} items` : `a number ${op} ${issue.code === "too_big" ? issue.maximum : issue.minimum}`;
    return `expected ${what}, got ${describeValue(issue.input)}`;
  }
  if (issue.code === "invalid_key") {
    const inner = issue.issues[0]?.message ?? "invalid key";
    return `invalid name: ${inner}`;
  }
  return issue.message;
}

function article(expected: string): string {
  const words: Record<string, string> = { number: "a number", string: "a string", object: "a mapping", array: "a list", boolean: "true or false", int: "a whole number" };
  return words[expected] ?? expected;
}

/** Validates an already-parsed YAML value; returns the config or every problem found. */
export function validateConfig(raw: unknown, file = "pipeprism.yaml"): { config?: Config; diagnostics: Diagnostic[] } {
  const result = configSchema.safeParse(raw ?? {}, { reportInput: true });
  if (!result.success) {
    const diagnostics = result.error.issues.map((issue) => ({
      code: "config_invalid",
      message: `${formatPath(issue.path)}: ${issueMessage(issue)}`,
      at: { file },
    }));
    return { diagnostics };
  }
  const diagnostics = semanticChecks(result.data, file);
  return diagnostics.length ? { diagnostics } : { config: result.data, diagnostics };
}

function semanticChecks(config: Config, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const problem = (p: string, message: string) => out.push({ code: "config_invalid", message: `${p}: ${message}`, at: { file } });
  for (const name of Object.keys(config.segments)) {
    if (RESERVED_DIMENSIONS.has(name)) problem(`segments.${name}`, `"${name}" is reserved; choose another dimension name`);
  }
  const seen = new Map<string, string>();
  for (const group of ["order", "won", "lost"] as const) {
    config.stages[group].forEach((stage, i) => {
      const key = stage.toLowerCase();
      const earlier = seen.get(key);
      if (earlier) problem(`stages.${group}[${i}]`, `stage "${stage}" is already listed in stages.${earlier}`);
      else seen.set(key, group);
    });
  }
  config.channels.forEach((rule, i) => {
    for (const [field, pattern] of Object.entries(rule.match)) {
      const error = regexError(pattern);
      if (error) problem(`channels[${i}].match.${field}`, `invalid regular expression ${JSON.stringify(pattern)}: ${error}`);
    }
  });
  return out;
}

/** Rules use RE2 syntax (DuckDB); `(?i)` is the only inline flag JavaScript lacks, so strip it to check. */
function regexError(pattern: string): string | null {
  try {
    new RegExp(pattern.replace(/^\(\?i\)/, ""));
    return null;
  } catch (e) {
    return (e as Error).message;
  }
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
  return validateConfig(doc.toJS(), file);
}

export async function loadConfig(configPath = "pipeprism.yaml"): Promise<LoadedConfig> {
  const file = path.resolve(configPath);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new UserError(`${configPath}: config file not found (run \`pipeprism init\` to write a template, or pass --config FILE)`, "config_missing");
  }
  const { config, diagnostics } = parseConfigText(text, configPath);
  if (!config) throw new UserError(diagnostics);
  return { config, file, baseDir: path.dirname(file) };
}
