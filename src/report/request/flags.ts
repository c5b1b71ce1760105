// Every report flag, declared once: its CLI spelling, its HTTP query key, its help text and how
// its raw value (CLI text, query text or a library value) becomes a typed value. The CLI, the
// HTTP API and the library all parse through here, so they accept and refuse the same things.
import { DEFAULT_REPLICATES } from "../../attribution/bootstrap.js";
import { BUILT_IN_MODELS, DATA_DRIVEN_MODELS, DEFAULT_MODEL } from "../../attribution/model-registry.js";
import { ATTRIBUTION_STAGES, type AttributionStage } from "../../contract/attribution.js";
import { UserError } from "../../model/diagnostic.js";
import { parseIsoDate, parsePeriod } from "../../model/period.js";
import { parseSegmentFilters, type SegmentFilter } from "../../model/segment-filter.js";

export type CoalitionValue = "rate" | "subset";
export type TrendGrain = "month" | "quarter";

/** The typed value of every flag a report request can carry. */
export interface ReportFlags {
  readonly by: readonly string[];
  readonly period: string;
  readonly from: string;
  readonly to: string;
  readonly asOf: string;
  readonly cohort: boolean;
  readonly model: string;
  readonly stage: AttributionStage;
  readonly order: number;
  readonly shapleyValue: CoalitionValue;
  readonly seed: number;
  /** Bootstrap replicates of --intervals; "default" when none was given (the model decides, defaultReplicates). */
  readonly intervals: number | "default";
  readonly trend: TrendGrain;
  readonly rolling: number;
  readonly snapshots: boolean;
  readonly where: readonly SegmentFilter[];
  readonly channel: string;
  readonly limit: number;
  /** previous | year | a period label. */
  readonly compare: string;
  readonly level: AttributionLevel;
}

export type AttributionLevel = "channel" | "campaign";

export type FlagKey = keyof ReportFlags;

export interface FlagSpec<K extends FlagKey = FlagKey> {
  readonly key: K;
  /** `--as-of`; a value flag's placeholder is in `argument`. */
  readonly cli: string;
  readonly argument?: string;
  /** The HTTP query key: the CLI flag in snake_case. */
  readonly query: string;
  readonly help: string;
  /** Given more than once (CLI) or under one query key several times: the values arrive as a list. */
  readonly repeatable?: true;
  readonly parse: (raw: unknown) => ReportFlags[K];
}

const text = (cli: string, raw: unknown): string => {
  if (typeof raw === "string") return raw;
  if (typeof raw === "number" && Number.isFinite(raw)) return String(raw);
  throw new UserError(`${cli}: expected a value, got ${JSON.stringify(raw)}`, "bad_flag_value");
};

const oneOf =
  <T extends string>(cli: string, valid: readonly T[]) =>
  (raw: unknown): T => {
    const value = text(cli, raw);
    const found = valid.find((v) => v === value);
    if (found === undefined) throw new UserError(`${cli}: "${value}" is not valid (valid: ${valid.join(", ")})`, "bad_flag_value");
    return found;
  };

const wholeNumber =
  (cli: string, min: number, max: number) =>
  (raw: unknown): number => {
    const value = text(cli, raw);
    const n = Number(value);
    if (value.trim() === "" || !Number.isInteger(n) || n < min || n > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
      throw new UserError(`${cli}: expected a whole number ${range}, got "${value}"`, "bad_flag_value");
    }
    return n;
  };

const boolean =
  (cli: string) =>
  (raw: unknown): boolean => {
    if (raw === true || raw === "" || raw === "true" || raw === "1") return true;
    if (raw === false || raw === "false" || raw === "0") return false;
    throw new UserError(`${cli}: "${String(raw)}" is not a boolean (valid: true, false)`, "bad_flag_value");
  };

function dimensionList(raw: unknown): readonly string[] {
  const list = Array.isArray(raw) ? raw.map((d) => text("--by", d)) : text("--by", raw).split(",");
  const dims = list.map((d) => d.trim()).filter((d) => d.length > 0);
  if (new Set(dims).size !== dims.length) throw new UserError(`--by: a dimension is repeated in "${dims.join(",")}"`, "bad_dimension");
  return dims;
}

function periodLabel(raw: unknown): string {
  const value = text("--period", raw);
  parsePeriod(value, 1); // the syntax does not depend on the fiscal year's start
  return value;
}

const MIN_REPLICATES = 20;
const MAX_REPLICATES = 10_000;

/** Replicates of --intervals: a bare flag (CLI `--intervals`, query `intervals=` or `true`) takes the model's default. */
function replicates(raw: unknown): number | "default" {
  if (raw === true || raw === "" || raw === "true" || raw === "default") return "default";
  return wholeNumber("--intervals", MIN_REPLICATES, MAX_REPLICATES)(raw);
}

function comparison(raw: unknown): string {
  const value = text("--compare", raw);
  if (value === "previous" || value === "year") return value;
  try {
    parsePeriod(value, 1);
  } catch {
    throw new UserError(`--compare: "${value}" is not previous, year or a period (2025, 2025-Q3, 2025-07)`, "bad_flag_value");
  }
  return value;
}

const flag = <K extends FlagKey>(spec: FlagSpec<K>): FlagSpec<K> => spec;

export const FLAG_SPECS = [
  flag({
    key: "by",
    cli: "--by",
    argument: "<dims>",
    query: "by",
    help: "segment dimensions, comma-separated (e.g. size,region)",
    parse: dimensionList,
  }),
  flag({
    key: "where",
    cli: "--where",
    argument: "<dim=values>",
    query: "where",
    help: "only opportunities in these segments, e.g. size=Enterprise or region=EMEA,NA; repeat for more dimensions (all must hold)",
    repeatable: true,
    parse: parseSegmentFilters,
  }),
  flag({
    key: "period",
    cli: "--period",
    argument: "<period>",
    query: "period",
    help: "2025 (fiscal year), 2025-Q3 (fiscal quarter) or 2025-07",
    parse: periodLabel,
  }),
  flag({
    key: "from",
    cli: "--from",
    argument: "<date>",
    query: "from",
    help: "window start, YYYY-MM-DD (inclusive)",
    parse: (raw) => parseIsoDate(text("--from", raw), "--from"),
  }),
  flag({
    key: "to",
    cli: "--to",
    argument: "<date>",
    query: "to",
    help: "window end, YYYY-MM-DD (inclusive)",
    parse: (raw) => parseIsoDate(text("--to", raw), "--to"),
  }),
  flag({
    key: "asOf",
    cli: "--as-of",
    argument: "<date>",
    query: "as_of",
    help: "evaluate as of this date (default: latest date in the data)",
    parse: (raw) => parseIsoDate(text("--as-of", raw), "--as-of"),
  }),
  flag({
    key: "cohort",
    cli: "--cohort",
    query: "cohort",
    help: "winrate: outcomes of the opportunities created in the window",
    parse: boolean("--cohort"),
  }),
  flag({
    key: "model",
    cli: "--model",
    argument: "<model>",
    query: "model",
    help: `attribution model: ${[...BUILT_IN_MODELS.keys()].join(", ")} or a custom model from config (default ${DEFAULT_MODEL})`,
    parse: (raw) => text("--model", raw),
  }),
  flag({
    key: "stage",
    cli: "--stage",
    argument: "<stage>",
    query: "stage",
    help: "pipeline (journeys end at creation) or revenue (at close)",
    parse: oneOf("--stage", ATTRIBUTION_STAGES),
  }),
  flag({
    key: "order",
    cli: "--order",
    argument: "<k>",
    query: "order",
    help: "Markov chain order, 1 to 4 (--model markov)",
    parse: wholeNumber("--order", 1, 4),
  }),
  flag({
    key: "shapleyValue",
    cli: "--shapley-value",
    argument: "<value>",
    query: "shapley_value",
    help: "Shapley coalition value: rate or subset (--model shapley)",
    parse: oneOf<CoalitionValue>("--shapley-value", ["rate", "subset"]),
  }),
  flag({
    key: "seed",
    cli: "--seed",
    argument: "<n>",
    query: "seed",
    help: "seed for Monte-Carlo Shapley and lift above 16 channels, and for --intervals' bootstrap",
    parse: wholeNumber("--seed", 0, Number.MAX_SAFE_INTEGER),
  }),
  flag({
    key: "intervals",
    cli: "--intervals",
    argument: "[B]",
    query: "intervals",
    help: `95 % bootstrap intervals over journeys on pipeline and share (--model ${DATA_DRIVEN_MODELS.join("|")}); B replicates, default ${DEFAULT_REPLICATES} (fewer for markov order 3–4)`,
    parse: replicates,
  }),
  flag({
    key: "trend",
    cli: "--trend",
    argument: "<grain>",
    query: "trend",
    help: "repeat per month or quarter with change vs the previous period",
    parse: oneOf<TrendGrain>("--trend", ["month", "quarter"]),
  }),
  flag({
    key: "rolling",
    cli: "--rolling",
    argument: "<n>",
    query: "rolling",
    help: "with --trend: smooth over the last n periods",
    parse: wholeNumber("--rolling", 2, 1000),
  }),
  flag({
    key: "snapshots",
    cli: "--snapshots",
    query: "snapshots",
    help: "pipeline: open pipeline across the snapshots of successive ingests",
    parse: boolean("--snapshots"),
  }),
  flag({
    key: "compare",
    cli: "--compare",
    argument: "<window>",
    query: "compare",
    help: "beside the previous window of the same length (previous), the same window a year earlier (year) or a period (2025-Q3): value, change, significance",
    parse: comparison,
  }),
  flag({
    key: "level",
    cli: "--level",
    argument: "<level>",
    query: "level",
    help: "channel (default) or campaign: credits per campaign within its channel",
    parse: oneOf<AttributionLevel>("--level", ["channel", "campaign"]),
  }),
  flag({
    key: "channel",
    cli: "--channel",
    argument: "<channel>",
    query: "channel",
    help: "deals: only deals credited to this channel (or Unattributed), with that credit",
    parse: (raw) => text("--channel", raw),
  }),
  flag({
    key: "limit",
    cli: "--limit",
    argument: "<n>",
    query: "limit",
    help: "deals: list the n largest (default 500; 0 lists all); totals cover every deal",
    parse: wholeNumber("--limit", 0, Number.MAX_SAFE_INTEGER),
  }),
] as const;

export const FLAGS: ReadonlyMap<FlagKey, FlagSpec> = new Map(FLAG_SPECS.map((s) => [s.key, s as FlagSpec]));
export const FLAGS_BY_QUERY: ReadonlyMap<string, FlagSpec> = new Map(FLAG_SPECS.map((s) => [s.query, s as FlagSpec]));
