// The canonical data model of SPEC §2: every importer produces these tables, and every report
// reads only them. A column's kind decides how text from a file is checked and converted.
import type { CanonicalTable } from "./config-schema.js";

export type ColumnKind =
  "text" | "number" | "money" | "date" | "timestamp" | "bool" | "status" | "deal_type" | "lower_text" | "month" | "period";

/** What happens when a value is missing: quarantine the row, or keep it (audit reports it). */
type Presence = "required" | "optional" | "flagged";

export interface ColumnSpec {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly presence: Presence;
  /** Inclusive numeric range; values outside it quarantine the row. */
  readonly min?: number;
  readonly max?: number;
}

export interface TableSpec {
  readonly table: CanonicalTable;
  readonly columns: readonly ColumnSpec[];
  /** Unique id column: later duplicates are quarantined. */
  readonly key?: string;
  /** Whether columns outside the canonical set are kept as text attributes. */
  readonly keepExtraColumns: boolean;
}

const col = (name: string, kind: ColumnKind, presence: Presence = "optional", range: { min?: number; max?: number } = {}): ColumnSpec => ({
  name,
  kind,
  presence,
  ...range,
});

export const TABLE_SPECS: Readonly<Record<CanonicalTable, TableSpec>> = {
  accounts: {
    table: "accounts",
    key: "account_id",
    keepExtraColumns: true,
    columns: [
      col("account_id", "text", "required"),
      col("account_name", "text"),
      col("industry", "text"),
      col("employees", "number", "optional", { min: 0 }),
      col("annual_revenue", "number", "optional", { min: 0 }),
      col("country", "text"),
      col("region", "text"),
    ],
  },
  opportunities: {
    table: "opportunities",
    key: "opportunity_id",
    keepExtraColumns: true,
    columns: [
      col("opportunity_id", "text", "required"),
      col("account_id", "text", "flagged"),
      col("opportunity_name", "text"),
      col("amount", "money", "flagged", { min: 0 }),
      col("stage", "text", "required"),
      col("created_date", "date", "required"),
      col("close_date", "date"),
      col("status", "status"),
      col("type", "deal_type"),
      col("lead_source", "text"),
      col("motion", "lower_text"),
      col("product_line", "text"),
      col("owner", "text"),
      col("loss_reason", "text"),
      col("probability", "number", "optional", { min: 0, max: 100 }),
      col("currency", "text"),
    ],
  },
  stage_history: {
    table: "stage_history",
    keepExtraColumns: false,
    columns: [col("opportunity_id", "text", "required"), col("stage", "text", "required"), col("entered_at", "timestamp", "required")],
  },
  lead_history: {
    table: "lead_history",
    keepExtraColumns: false,
    // One row per lifecycle status a lead (or contact) entered: lead → MQL → SQL → opportunity.
    columns: [
      col("lead_id", "text", "required"),
      col("account_id", "text"),
      col("status", "text", "required"),
      col("entered_at", "timestamp", "required"),
    ],
  },
  touchpoints: {
    table: "touchpoints",
    key: "touchpoint_id",
    keepExtraColumns: true,
    columns: [
      col("touchpoint_id", "text"),
      col("account_id", "text"),
      col("contact_id", "text"),
      col("opportunity_id", "text"),
      col("occurred_at", "timestamp", "required"),
      col("channel", "text"),
      col("campaign", "text"),
      col("is_lead_creation", "bool"),
    ],
  },
  spend: {
    table: "spend",
    keepExtraColumns: true,
    columns: [
      col("period_start", "date"),
      col("period_end", "date"),
      col("month", "month"),
      col("channel", "text", "required"),
      col("campaign", "text"),
      col("amount", "money", "required"),
    ],
  },
  targets: {
    table: "targets",
    keepExtraColumns: true,
    columns: [col("period", "period", "required"), col("amount", "money", "required", { min: 0 })],
  },
};

/** Columns a file must have (after renames) for its table to be read at all. */
export function requiredHeaderColumns(spec: TableSpec): string[] {
  const required = spec.columns.filter((c) => c.presence !== "optional").map((c) => c.name);
  if (spec.table === "opportunities") return required;
  if (spec.table === "touchpoints") return [...required, "channel"];
  return required;
}
