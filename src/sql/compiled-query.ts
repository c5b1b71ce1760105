// What a compiler returns for the engine to run: SQL text, the values bound to its placeholders,
// a label saying what the statement is for (shown by `--sql`) and notes about the data the
// compiler had to explain (e.g. a missing segment field).
//
// The values a request brings into report SQL are dates (--period, --from/--to, --as-of and the
// dates derived from them). Builders write them with `dateLit`; `compiledQuery` then binds every
// one as a numbered parameter (`CAST($n AS DATE)`, one number per distinct date), so the text of a
// report's SQL does not change with its dates and no request value is spliced into it. Strings
// from config (stage names, segment maps) stay quoted literals: they shape the query itself.
import type { SqlValue } from "../contract/row.js";

export interface CompiledQuery {
  readonly label: string;
  readonly sql: string;
  readonly params: readonly SqlValue[];
  readonly notes: readonly string[];
}

/** A string or quoted identifier (skipped), or a date literal as dateLit writes it (bound). */
const TOKENS = /'(?:[^']|'')*'|"(?:[^"]|"")*"|DATE '(\d{4}-\d{2}-\d{2})'/g;

function bindDates(sql: string): { sql: string; params: string[] } {
  const params: string[] = [];
  const bound = sql.replace(TOKENS, (token, date: string | undefined) => {
    if (date === undefined) return token;
    let index = params.indexOf(date);
    if (index < 0) index = params.push(date) - 1;
    return `CAST($${index + 1} AS DATE)`;
  });
  return { sql: bound, params };
}

export function compiledQuery(label: string, sql: string, notes: readonly string[] = [], params: readonly SqlValue[] = []): CompiledQuery {
  if (params.length > 0) return { label, sql, params, notes };
  const bound = bindDates(sql);
  return { label, sql: bound.sql, params: bound.params, notes };
}
