// Checks of pipeprism.yaml that a schema cannot express: names that would collide with result
// columns, stages listed twice, regular expressions that do not compile, rule segments that read
// each other in a cycle or test another segment for a value it never takes. They read the raw YAML
// value defensively, so they run even when the schema fails and every problem is reported at once.
import { isResultName } from "../contract/result-names.js";
import { checkRuleSegments } from "../segments/rule-segment-checks.js";
import type { DiagnosticCode } from "./diagnostic-codes.js";
import type { PointAt } from "./yaml-locate.js";

export interface ConfigProblem {
  readonly code: DiagnosticCode;
  readonly path: readonly PropertyKey[];
  /** What is wrong, without the path (the caller prefixes it). */
  readonly message: string;
  readonly pointAt: PointAt;
}

/** Names a dimension may not take besides result columns: `report` names the report in JSON. */
const RESERVED_DIMENSIONS: ReadonlySet<string> = new Set(["report"]);
const SAME_KEY = "rows would carry both under one key";

export function checkConfig(raw: unknown): ConfigProblem[] {
  return [
    ...checkDimensionNames(raw),
    ...checkCustomModelNames(raw),
    ...checkStages(raw),
    ...checkWinRate(raw),
    ...checkChannels(raw),
    ...checkCurrency(raw),
    ...checkSalesCost(raw),
    ...checkRuleSegments(field(raw, "segments"), field(raw, "unknown_label")).map((p) => invalid([...p.path], p.message)),
  ];
}

function checkDimensionNames(raw: unknown): ConfigProblem[] {
  return keysOf(field(raw, "segments")).flatMap((name): ConfigProblem[] => {
    const path = ["segments", name];
    if (isResultName(name))
      return [reserved(path, `"${name}" is a result column name; ${SAME_KEY}. Rename the dimension (e.g. ${name}_group).`)];
    if (RESERVED_DIMENSIONS.has(name)) return [reserved(path, `"${name}" is reserved. Rename the dimension (e.g. ${name}_group).`)];
    return [];
  });
}

function checkCustomModelNames(raw: unknown): ConfigProblem[] {
  const dimensions = new Set(keysOf(field(raw, "segments")));
  return keysOf(field(field(raw, "attribution"), "custom_models")).flatMap((name): ConfigProblem[] => {
    const path = ["attribution", "custom_models", name];
    const rename = `Rename the model (e.g. ${name}_custom).`;
    if (isResultName(name)) return [reserved(path, `"${name}" is a built-in model or result column name; ${SAME_KEY}. ${rename}`)];
    if (dimensions.has(name)) return [reserved(path, `"${name}" is also a segment dimension; ${SAME_KEY}. ${rename}`)];
    return [];
  });
}

function checkStages(raw: unknown): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const seen = new Map<string, string>();
  for (const group of ["order", "won", "lost"] as const) {
    listOf(field(field(raw, "stages"), group)).forEach((stage, i) => {
      if (typeof stage !== "string") return; // the schema reports it
      const earlier = seen.get(stage.trim().toLowerCase());
      if (earlier) out.push(invalid(["stages", group, i], `stage "${stage}" is already listed in stages.${earlier}`));
      else seen.set(stage.trim().toLowerCase(), group);
    });
  }
  return out;
}

/** win_rate names stages the config lists: a typo would silently exclude nothing (or everything). */
function checkWinRate(raw: unknown): ConfigProblem[] {
  const stages = field(raw, "stages");
  const names = (group: string) => listOf(field(stages, group)).filter((s): s is string => typeof s === "string");
  const lower = (xs: readonly string[]) => new Set(xs.map((x) => x.trim().toLowerCase()));
  const open = names("order");
  const all = lower([...open, ...names("won"), ...names("lost")]);
  const winRate = field(raw, "win_rate");
  const out: ConfigProblem[] = [];
  const from = field(winRate, "from_stage");
  if (typeof from === "string" && !lower(open).has(from.trim().toLowerCase()))
    out.push(invalid(["win_rate", "from_stage"], `"${from}" is not an open stage of stages.order (${open.join(", ")})`));
  listOf(field(winRate, "exclude_stages")).forEach((stage, i) => {
    if (typeof stage === "string" && !all.has(stage.trim().toLowerCase()))
      out.push(invalid(["win_rate", "exclude_stages", i], `"${stage}" is not a stage of stages.order, won or lost`));
  });
  return out;
}

function checkChannels(raw: unknown): ConfigProblem[] {
  return listOf(field(raw, "channels")).flatMap((rule, i) =>
    keysOf(field(rule, "match")).flatMap((name): ConfigProblem[] => {
      const pattern = field(field(rule, "match"), name);
      const error = typeof pattern === "string" ? regexError(pattern) : null;
      return error ? [invalid(["channels", i, "match", name], `invalid regular expression ${JSON.stringify(pattern)}: ${error}`)] : [];
    }),
  );
}

/** `currency` and `currencies.reporting` both name the reporting currency: they must agree. */
function checkCurrency(raw: unknown): ConfigProblem[] {
  const own = field(raw, "currency");
  const reporting = field(field(raw, "currencies"), "reporting");
  if (typeof own !== "string" || typeof reporting !== "string" || own === reporting) return [];
  return [
    invalid(
      ["currency"],
      `"${own}" differs from currencies.reporting ("${reporting}"): keep one (currencies.reporting converts amounts into it)`,
    ),
  ];
}

const SALES_COST_KEYS: ReadonlySet<string> = new Set(["period", "amount"]);

/** A sales-cost entry's other keys filter segments: each must be a configured dimension. */
function checkSalesCost(raw: unknown): ConfigProblem[] {
  const dimensions = keysOf(field(raw, "segments"));
  return listOf(field(raw, "sales_cost")).flatMap((entry, i) =>
    keysOf(entry)
      .filter((k) => !SALES_COST_KEYS.has(k) && !dimensions.includes(k))
      .map((k): ConfigProblem => ({
        code: "config_invalid",
        path: ["sales_cost", i, k],
        message: `"${k}" is neither period, amount nor a segment dimension (${dimensions.join(", ") || "none configured under segments"})`,
        pointAt: "key",
      })),
  );
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

const reserved = (path: PropertyKey[], message: string): ConfigProblem => ({ code: "reserved_name", path, message, pointAt: "key" });
const invalid = (path: PropertyKey[], message: string): ConfigProblem => ({ code: "config_invalid", path, message, pointAt: "value" });

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function field(value: unknown, key: string): unknown {
  return isMapping(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

function keysOf(value: unknown): string[] {
  return isMapping(value) ? Object.keys(value) : [];
}

function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}
