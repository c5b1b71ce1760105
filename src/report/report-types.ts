// The typed result every report returns and every renderer accepts (SPEC §8 JSON contract plus
// column metadata that only the text renderers use).
import type { Row } from "../db/normalize.js";

export type ColumnFormat = "text" | "money" | "count" | "rate" | "number" | "days" | "credit";

export interface ColumnDef {
  readonly key: string;
  readonly label: string;
  readonly format: ColumnFormat;
}

export interface ReportResult {
  readonly report: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly rows: readonly Row[];
  readonly totals: readonly Row[];
  readonly notes: readonly string[];
  /** Columns shown by table/CSV/Markdown, in order; JSON carries every field. */
  readonly columns: readonly ColumnDef[];
}

export const dimensionColumns = (dims: readonly string[]): ColumnDef[] => dims.map((d) => ({ key: d, label: d, format: "text" }));
