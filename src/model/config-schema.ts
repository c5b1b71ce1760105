// The pipeprism.yaml schema (SPEC §3). Defaults live here so every other module sees a complete,
// validated config and never re-checks user input.
import { z } from "zod";
import { CANONICAL_TABLES, type CanonicalTable } from "../contract/tables.js";
import type { Condition } from "../segments/rule-segments.js";

export { CANONICAL_TABLES, type CanonicalTable };

const nonEmpty = z.string().trim().min(1, "expected a non-empty string");
/** PostgreSQL keeps the first 63 bytes of a name; a dimension or model name becomes a result column name. */
const MAX_NAME_LENGTH = 63;
const identifier = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, "expected a lower-case name of letters, digits and _ (e.g. size)")
  .max(MAX_NAME_LENGTH, `expected at most ${MAX_NAME_LENGTH} characters (the name becomes a column name, and PostgreSQL keeps 63)`);

const bandSchema = z.strictObject({ name: nonEmpty, max: z.number().optional() });

const CONDITION_HINT = "a value, a list of values or { min, max }";

/** One condition of a rule: checked by hand so each mistake gets its own path and words. */
const conditionSchema = z
  .custom<Condition>(() => true)
  .superRefine((value, ctx) => {
    if (Array.isArray(value)) {
      if (value.length === 0) ctx.addIssue({ code: "custom", message: "expected at least one value" });
      value.forEach((item: unknown, i) => checkConditionValue(item, ctx, [i]));
    } else if (typeof value === "object" && value !== null) checkRange(value as Record<string, unknown>, ctx);
    else checkConditionValue(value, ctx, []);
  });

function checkConditionValue(value: unknown, ctx: z.RefinementCtx, path: (string | number)[]): void {
  const problem =
    typeof value === "string"
      ? value.trim() === "" && "expected a non-empty string"
      : typeof value === "number"
        ? !Number.isFinite(value) && `expected a finite number, got ${value}`
        : typeof value !== "boolean" &&
          `expected ${path.length ? "a value (text or a number)" : CONDITION_HINT}, got ${Array.isArray(value) ? "a list" : value === null || value === undefined ? "nothing" : "a mapping"}`;
  if (problem) ctx.addIssue({ code: "custom", path, message: problem });
}

function checkRange(range: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const unknown = Object.keys(range).filter((k) => k !== "min" && k !== "max");
  if (unknown.length) ctx.addIssue({ code: "unrecognized_keys", keys: unknown, message: "" });
  const bounds = (["min", "max"] as const).filter((k) => range[k] !== undefined);
  if (bounds.length === 0) ctx.addIssue({ code: "custom", message: "expected min, max or both (inclusive), e.g. { min: 200 }" });
  for (const k of bounds) {
    const v = range[k];
    if (typeof v !== "number" || !Number.isFinite(v))
      ctx.addIssue({
        code: "custom",
        path: [k],
        message: `expected a number, got ${typeof v === "string" ? JSON.stringify(v) : String(v)}`,
      });
  }
  if (typeof range.min === "number" && typeof range.max === "number" && range.min > range.max)
    ctx.addIssue({ code: "custom", path: ["max"], message: `expected a number at least min (${range.min}), got ${range.max}` });
}

const ruleSchema = z.strictObject({ name: nonEmpty, when: z.record(nonEmpty, conditionSchema).optional() }).superRefine((rule, ctx) => {
  if (rule.when === undefined || Object.keys(rule.when).length === 0) {
    ctx.addIssue({
      code: "custom",
      path: ["when"],
      message: "expected at least one condition (field or segment: value), e.g. when: { employees: { min: 1000 } }",
    });
  }
});

/** A segment is a field (raw, banded, mapped or a preset) or rules (first match wins). */
const segmentSchema = z
  .strictObject({
    field: nonEmpty.optional(),
    bands: z.array(bandSchema).min(1).optional(),
    map: z.record(z.string(), z.string()).optional(),
    preset: z.enum(["regions"]).optional(),
    rules: z.array(ruleSchema).min(1).optional(),
    else: nonEmpty.optional(),
  })
  .superRefine((seg, ctx) => {
    if (seg.bands && seg.preset) {
      ctx.addIssue({ code: "custom", path: ["preset"], message: "bands and preset cannot be combined" });
    }
    checkBands(seg.bands ?? [], ctx);
    checkKind(seg, ctx);
  });

function checkKind(seg: { field?: string; rules?: unknown; else?: string } & Record<string, unknown>, ctx: z.RefinementCtx): void {
  if (seg.rules) {
    for (const key of ["field", "bands", "map", "preset"].filter((k) => seg[k] !== undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [key],
        message: `${key} does not apply to a segment with rules (each condition names its own field)`,
      });
    }
    return;
  }
  if (seg.else !== undefined) ctx.addIssue({ code: "custom", path: ["else"], message: "else applies only to a segment with rules" });
  if (seg.field === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["field"],
      message: "missing: name a column (field: employees) or give rules (rules: [{ name: Tier 1, when: { employees: { min: 1000 } } }])",
    });
  }
}

function checkBands(bands: readonly { name: string; max?: number | undefined }[], ctx: z.RefinementCtx): void {
  let previous = -Infinity;
  bands.forEach((band, i) => {
    const last = i === bands.length - 1;
    if (band.max === undefined && !last) {
      ctx.addIssue({ code: "custom", path: ["bands", i, "max"], message: "only the last band may be open-ended (no max)" });
    }
    if (band.max !== undefined && band.max <= previous) {
      ctx.addIssue({ code: "custom", path: ["bands", i, "max"], message: `expected a number above the previous band's max (${previous})` });
    }
    if (band.max !== undefined) previous = band.max;
  });
}

const channelRuleSchema = z.strictObject({
  match: z.record(z.string(), z.string()).refine((m) => Object.keys(m).length > 0, "expected at least one field: regex"),
  channel: nonEmpty,
});

const customModelSchema = z.strictObject({
  roles: z.partialRecord(z.enum(["first", "last", "lead_creation", "opp_creation", "close"]), z.number().min(0)),
  rest: z.number().min(0).default(0),
});

const sourcesSchema = z
  .looseObject({
    format: z.enum(["canonical", "salesforce", "hubspot", "marketo-measure"]).default("canonical"),
    delimiter: z.string().length(1).default(","),
    /** How dates without a year-first layout are written: 03/04/2025 is March 4 (MM/DD) or April 3 (DD/MM). */
    date_format: z.enum(["YYYY-MM-DD", "MM/DD/YYYY", "DD/MM/YYYY"]).default("YYYY-MM-DD"),
    decimal_separator: z.enum([".", ","]).default("."),
    encoding: z.enum(["auto", "utf-8", "windows-1252"]).default("auto"),
    /** Salesforce: the Opportunity field holding the loss reason (e.g. Loss_Reason__c). */
    loss_reason_field: nonEmpty.optional(),
    /** Salesforce: count only campaign members who responded (HasResponded) as touches. */
    responded_only: z.boolean().default(true),
    /** Ingest fails when accounts or opportunities keep fewer than this share of their records. */
    min_kept_share: z.number().min(0).max(1).default(0.5),
    accounts: nonEmpty.optional(),
    opportunities: nonEmpty.optional(),
    stage_history: nonEmpty.optional(),
    touchpoints: nonEmpty.optional(),
    spend: nonEmpty.optional(),
    targets: nonEmpty.optional(),
    /** Lifecycle status history of leads: lead_id, account_id, status, entered_at (report leads). */
    lead_history: nonEmpty.optional(),
  })
  .superRefine((s, ctx) => {
    if (s.format !== "canonical") return;
    for (const key of ["accounts", "opportunities"] as const) {
      if (!s[key]) ctx.addIssue({ code: "custom", path: [key], message: "expected a file path (required for format canonical)" });
    }
  });

const currencyCode = z.string().regex(/^[A-Z]{3}$/, "expected an ISO currency code such as USD");

/** A segment value a sales-cost entry is for, or a list of them. */
const isFilterValue = (v: unknown): v is string | string[] =>
  (typeof v === "string" && v.trim() !== "") ||
  (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "string" && x.trim() !== ""));

/**
 * One period's cost of the sales team (salaries, commissions, tools), for fully loaded CAC. Any
 * other key is a segment filter: `size: Enterprise` or `region: [NA, EMEA]` (config-checks.ts
 * checks the dimension exists); they come out as `segments: { size: ["Enterprise"] }`. YAML reads
 * `period: 2026` as a number: it is taken as text.
 */
const salesCostSchema = z
  .object({
    period: z.preprocess(
      (v) => (typeof v === "number" ? String(v) : v),
      z.string().regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, "expected a period: a year (2026), a quarter (2026-Q1) or a month (2026-03)"),
    ),
    amount: z.number().min(0),
  })
  .catchall(
    z.custom<string | string[]>(isFilterValue, {
      message: "expected a segment value or a list of them (e.g. Enterprise or [Enterprise, Mid-Market])",
    }),
  )
  .transform(({ period, amount, ...filters }) => ({
    period,
    amount,
    segments: Object.fromEntries(Object.entries(filters).map(([dim, v]) => [dim, typeof v === "string" ? [v] : v])),
  }));

export type SalesCostEntry = z.output<typeof salesCostSchema>;

export const configSchema = z.strictObject({
  sources: sourcesSchema,
  columns: z.partialRecord(z.enum(CANONICAL_TABLES), z.record(z.string(), nonEmpty)).default({}),
  stages: z.strictObject({
    order: z.array(nonEmpty).min(1),
    won: z.array(nonEmpty).min(1),
    lost: z.array(nonEmpty).min(1),
    probability: z.record(z.string(), z.number().min(0).max(100)).default({}),
  }),
  segments: z.record(identifier, segmentSchema).default({}),
  /** Which closed deals count in win rates (report/win-rate-definition.ts). */
  win_rate: z
    .strictObject({
      /** Lost deals with one of these loss reasons (case-insensitive) are left out of win rates. */
      exclude_loss_reasons: z.array(nonEmpty).default([]),
      /** Deals whose current stage is one of these are left out of win rates. */
      exclude_stages: z.array(nonEmpty).default([]),
      /** Win rate from this open stage onwards: only deals that reached it (or a later stage) count. */
      from_stage: nonEmpty.optional(),
    })
    .prefault({}),
  /** Lead lifecycle statuses in order (report leads); lead_history statuses match case-insensitively. */
  lead_stages: z.array(nonEmpty).min(2).default(["Lead", "MQL", "SQL", "Opportunity"]),
  unknown_label: nonEmpty.default("Unknown"),
  channels: z.array(channelRuleSchema).default([]),
  attribution: z
    .strictObject({
      lookback_days: z.number().int().min(0).default(180),
      half_life_days: z.number().positive().default(7),
      custom_models: z.record(identifier, customModelSchema).default({}),
    })
    .prefault({}),
  fiscal_year_start_month: z.number().int().min(1).max(12).default(1),
  min_sample: z.number().int().min(1).default(20),
  /** A cohort with more than this share still open has an immature win rate (report/maturity.ts). */
  immature_open_share: z.number().min(0).max(1).default(0.3),
  gross_margin: z.number().min(0).max(1).default(0.8),
  /** Reporting currency of every money figure (resolveCurrency: currencies.reporting wins, default USD). */
  currency: currencyCode.optional(),
  /** Sales cost per period (and segment), added to spend for fully loaded CAC (src/report/sales-cost.ts). */
  sales_cost: z.array(salesCostSchema).default([]),
  currencies: z
    .strictObject({
      reporting: currencyCode,
      /** Units of the reporting currency per one unit of each currency. */
      rates: z.record(z.string().regex(/^[A-Z]{3}$/, "expected an ISO currency code such as EUR"), z.number().positive()).default({}),
    })
    .optional(),
  /**
   * Saved views: named report definitions (`report` plus flags under their HTTP names). Each is
   * checked against the report's flags where it is used (src/report/views.ts): the flag catalogue
   * lives above this layer.
   */
  views: z
    .record(
      z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "expected a name of letters, digits, _ . - (e.g. enterprise-sources)"),
      z.looseObject({ report: nonEmpty }),
    )
    .default({}),
  workspace: nonEmpty.optional(),
  engine: nonEmpty.optional(),
});

export type Config = z.output<typeof configSchema>;
export type SegmentConfig = Config["segments"][string];
