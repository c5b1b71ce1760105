// What a compiler returns for the engine to run: SQL text, the values bound to its placeholders
// (`?`, numbered by the PostgreSQL engine), a label saying what the statement is for (shown by
// `--sql`) and notes about the data the compiler had to explain (e.g. a missing segment field).
import type { SqlValue } from "../contract/row.js";

export interface CompiledQuery {
  readonly label: string;
  readonly sql: string;
  readonly params: readonly SqlValue[];
  readonly notes: readonly string[];
}

export function compiledQuery(label: string, sql: string, notes: readonly string[] = [], params: readonly SqlValue[] = []): CompiledQuery {
  return { label, sql, params, notes };
}
