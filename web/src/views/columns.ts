// Table columns shared by several views.
import type { Column } from "../table.js";

export const dimColumns = (dims: readonly string[]): Column[] => dims.map((d) => ({ key: d, label: d, format: "text" }));

export const winRateColumn: Column = { key: "win_rate", label: "win rate", format: "rate", interval: ["win_rate_low", "win_rate_high"] };
export const sampleColumn: Column = { key: "sample", label: "sample", format: "text" };
