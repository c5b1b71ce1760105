// The contract floor: plain types and pure helpers every layer (and the dashboard in web/) may
// import. Nothing here imports anything outside src/contract.
export type { Row, SqlValue } from "./row.js";
export * from "./report-result.js";
export * from "./format-value.js";
export type { Meta } from "./meta.js";
export * from "./attribution.js";
export * from "./tables.js";
export * from "./result-names.js";
