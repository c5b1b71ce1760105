// SQL syntax that differs between engines. Query builders call these helpers and never spell a
// dialect-specific construct themselves, so one query definition serves DuckDB and PostgreSQL.
// Constructs both engines read alike (FILTER, GROUPING SETS, window clauses, VARCHAR, BIGINT,
// TIMESTAMP casts, `GROUP BY` lists) are written directly by the builders.

export interface Dialect {
  readonly name: "duckdb" | "postgres";
  quoteIdent(name: string): string;
  /** A string literal; used only for values pipeprism itself controls (labels from config). */
  literal(value: string): string;
  /** Difference b − a in whole days between two DATE expressions. */
  dayDiff(a: string, b: string): string;
  /** A constant interval of whole days, to add to or subtract from a TIMESTAMP. */
  intervalDays(days: number): string;
  /** Continuous percentile of expr within a group (a FILTER clause may follow). */
  percentile(p: number, expr: string): string;
  median(expr: string): string;
  castDouble(expr: string): string;
  /**
   * A number as a double rounded to `digits` decimals, half away from zero, computed exactly as
   * DuckDB's round(DOUBLE, n) computes it: sums of fractional credits added in another order then
   * agree to the last bit.
   */
  roundDouble(expr: string, digits: number): string;
  /**
   * A number as an exact DECIMAL(38, scale), converted as DuckDB converts a DOUBLE: x · 10^scale
   * in doubles, rounded half away from zero. Sums of such decimals do not depend on row order.
   */
  exactDecimal(expr: string, scale: number): string;
  /**
   * Written after a subquery's body so PostgreSQL computes its columns once per row (OFFSET 0 keeps
   * the planner from inlining it and repeating a long credit expression wherever a column is used),
   * without writing the rows out as a MATERIALIZED CTE would. DuckDB computes projections once anyway.
   */
  readonly fence: string;
  /**
   * A touch's credit share (a double in [0, 1]) as exact fixed-point units at `scale` places, rounded
   * as DuckDB casts a DOUBLE to DECIMAL: DuckDB keeps a 64-bit DECIMAL(18, scale), PostgreSQL a
   * BIGINT count of 10^−scale (NUMERIC arithmetic per touch costs it seconds). Sums of units, and
   * of units × an exact amount, do not depend on row order; creditValue turns them back.
   */
  creditUnits(share: string, scale: number): string;
  /**
   * A sum of creditUnits(…, unitScale), or of creditTimes(units, a DECIMAL amount of `amountScale`
   * places), as DECIMAL(38, unitScale + amountScale).
   */
  creditValue(sum: string, unitScale: number, amountScale?: number): string;
  /** creditUnits × an exact amount, computed without overflow (DuckDB widens to a 128-bit decimal first). */
  creditTimes(units: string, amount: string, scale: number): string;
  /** An exact value (integer or decimal) as DECIMAL(38, scale): no detour through a double. */
  decimal(expr: string, scale: number): string;
  /** Integer division of non-negative integers (DuckDB's `/` would return a double). */
  intDiv(num: string, den: string): string;
  /** num / den as DuckDB divides a DECIMAL or integer: both read as doubles first. */
  divideAsDouble(num: string, den: string): string;
  /** Parses text to a number, or NULL when it is not one. */
  tryNumber(expr: string): string;
  /** A DOUBLE as text, spelled as DuckDB spells it (50 → "50.0"). */
  numberText(expr: string): string;
  /** Whether a regular expression (an SQL string expression) matches somewhere in expr. */
  regexMatches(expr: string, pattern: string): string;
  /** Whether the regular expression (raw pattern text) matches the whole of expr. */
  regexFullMatch(expr: string, pattern: string): string;
  /** Text with combining accents removed (é → e), as Unicode NFD plus dropping the marks. */
  stripAccents(expr: string): string;
  /** Seconds since the epoch of a TIMESTAMP expression, as a double. */
  epochSeconds(expr: string): string;
  /** Aggregate: the value of `value` on the row with the largest `by` (later keys break ties). */
  argMax(value: string, by: readonly string[]): string;
  /** Aggregate: strings joined in order. */
  stringAgg(expr: string, separator: string, orderBy: string): string;
  /**
   * Aggregate: one-character codes joined, in the order of `position` (a positive integer, unique
   * within the group: a journey touch's pos). DuckDB's ORDER BY aggregates keep a sort buffer per
   * group and cannot spill: a million journeys run out of memory (issue #14). There the codes are
   * packed with their position into one BIGINT (position · 2^21 + code point), gathered by a
   * plain list aggregate, sorted and unpacked; PostgreSQL's ordered string_agg sorts and spills.
   */
  positionalCodeAgg(code: string, position: string): string;
  /** Aggregate: distinct values sorted (byte order) and joined. */
  sortedSetAgg(expr: string, separator: string): string;
  /** A text expression that sorts and compares in byte order, as DuckDB's text always does. */
  textSortKey(expr: string): string;
}

/**
 * The one way an identifier reaches SQL text, on both engines: table and column names, including
 * CSV header names (hostile input: quotes, semicolons, keywords), are always quoted and escaped.
 */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The one way a string value reaches SQL text as a literal. */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

const whole = (n: number): number => {
  if (!Number.isInteger(n)) throw new Error(`${n}: expected a whole number`);
  return n;
};

/** Unicode code points fit below 2^21: positionalCodeAgg packs a position above them. */
const CODE_POINTS = 2 ** 21;

export const duckdbDialect: Dialect = {
  name: "duckdb",
  quoteIdent,
  literal: quoteLiteral,
  dayDiff: (a, b) => `date_diff('day', ${a}, ${b})`,
  intervalDays: (days) => `INTERVAL ${whole(days)} DAY`,
  percentile: (p, expr) => `quantile_cont(${expr}, ${p})`,
  median: (expr) => `quantile_cont(${expr}, 0.5)`,
  castDouble: (expr) => `CAST(${expr} AS DOUBLE)`,
  roundDouble: (expr, digits) => `round(CAST(${expr} AS DOUBLE), ${whole(digits)})`,
  exactDecimal: (expr, scale) => `CAST(${expr} AS DECIMAL(38,${whole(scale)}))`,
  fence: "",
  intDiv: (num, den) => `((${num}) // (${den}))`,
  creditUnits: (share, scale) => `CAST(${share} AS DECIMAL(18,${whole(scale)}))`,
  creditValue: (sum, unitScale, amountScale = 0) => `CAST(${sum} AS DECIMAL(38,${whole(unitScale) + whole(amountScale)}))`,
  creditTimes: (units, amount, scale) => `CAST(${units} AS DECIMAL(38,${whole(scale)})) * ${amount}`,
  decimal: (expr, scale) => `CAST(${expr} AS DECIMAL(38,${whole(scale)}))`,
  divideAsDouble: (num, den) => `(${num}) / ${den}`,
  tryNumber: (expr) => `TRY_CAST(${expr} AS DOUBLE)`,
  numberText: (expr) => `CAST(${expr} AS VARCHAR)`,
  regexMatches: (expr, pattern) => `regexp_matches(${expr}, ${pattern})`,
  regexFullMatch: (expr, pattern) => `regexp_full_match(${expr}, ${quoteLiteral(pattern)})`,
  stripAccents: (expr) => `strip_accents(${expr})`,
  epochSeconds: (expr) => `epoch(${expr})`,
  argMax: (value, by) => `arg_max(${value}, ${by.length === 1 ? by[0] : `(${by.join(", ")})`})`,
  stringAgg: (expr, separator, orderBy) => `string_agg(${expr}, ${separator} ORDER BY ${orderBy})`,
  positionalCodeAgg: (code, position) =>
    `array_to_string(list_transform(list_sort(list(${position} * ${CODE_POINTS} + unicode(${code})), 'ASC'), x -> chr(CAST(x % ${CODE_POINTS} AS INTEGER))), '')`,
  sortedSetAgg: (expr, separator) => `string_agg(DISTINCT ${expr}, ${separator} ORDER BY ${expr})`,
  textSortKey: (expr) => expr,
};

/** Text DuckDB's TRY_CAST(… AS DOUBLE) accepts: spaces, sign, digits with single `_` between, exponent. */
const DIGITS = "[0-9]+(_[0-9]+)*";
const NUMBER_PATTERN = `^\\s*[-+]?(${DIGITS}(\\.(${DIGITS})?)?|\\.${DIGITS})([eE][-+]?[0-9]{1,3})?\\s*$`;
const SPECIAL_PATTERN = "^\\s*[-+]?(inf|infinity|nan)\\s*$";

/** C's round() of a double (half away from zero); PostgreSQL's own round(float8) is half-even. */
const roundHalfAway = (y: string) => `(trunc(${y}) + CASE WHEN abs(${y} - trunc(${y})) >= 0.5 THEN sign(${y}) ELSE 0 END)`;

/** round(x * 10^n) / 10^n in doubles, as DuckDB's round(DOUBLE, n). */
function postgresRoundDouble(expr: string, digits: number): string {
  const x = `CAST(${expr} AS DOUBLE PRECISION)`;
  const scale = `1e${whole(digits)}`;
  return `(CASE WHEN abs(${x}) > 1e290 THEN ${x} ELSE ${roundHalfAway(`(${x} * ${scale})`)} / ${scale} END)`;
}

/**
 * round(x · 10^scale) as a whole double, made NUMERIC exactly (in two 32-bit halves: a plain cast
 * keeps only 15 digits), then scaled back: DuckDB's DOUBLE → DECIMAL conversion.
 */
function postgresExactDecimal(expr: string, scale: number): string {
  const units = roundHalfAway(`(CAST(${expr} AS DOUBLE PRECISION) * 1e${whole(scale)})`);
  const high = `floor(${units} / 4294967296.0)`;
  const low = `(${units} - ${high} * 4294967296.0)`;
  const exact = `(CAST(CAST(${high} AS BIGINT) AS NUMERIC) * 4294967296 + CAST(CAST(${low} AS BIGINT) AS NUMERIC))`;
  return `CAST(${exact} / 1${"0".repeat(scale)} AS NUMERIC(38,${scale}))`;
}

/** Units of 10^−scale as a BIGINT: for |x| < 9000 at 12 places they fit, and a double casts exactly. */
function postgresCreditUnits(share: string, scale: number): string {
  return `CAST(${roundHalfAway(`(CAST(${share} AS DOUBLE PRECISION) * 1e${whole(scale)})`)} AS BIGINT)`;
}

/** Units are whole numbers of 10^−unitScale (times an amount of amountScale places): scaled back exactly. */
function postgresCreditValue(sum: string, unitScale: number, amountScale = 0): string {
  return `CAST(${sum} * 0.${"0".repeat(whole(unitScale) - 1)}1 AS NUMERIC(38,${whole(unitScale) + whole(amountScale)}))`;
}

/** PostgreSQL twin of TRY_CAST(text AS DOUBLE): NULL for non-numbers, ±Infinity beyond range. */
function postgresTryNumber(text: string): string {
  const exact = `CAST(replace(${text}, '_', '') AS NUMERIC)`;
  return `(CASE WHEN ${text} ~* ${quoteLiteral(SPECIAL_PATTERN)} THEN CAST(${text} AS DOUBLE PRECISION)
    WHEN ${text} ~ ${quoteLiteral(NUMBER_PATTERN)} THEN (CASE WHEN abs(${exact}) > 1.7976931348623157e308
      THEN sign(${exact}) * CAST('Infinity' AS DOUBLE PRECISION) ELSE CAST(${exact} AS DOUBLE PRECISION) END) END)`;
}
/** Unicode combining-mark blocks: what NFD splits off Latin, Greek and Cyrillic letters. */
const COMBINING_MARKS = "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]";

/**
 * PostgreSQL 13 or later, no extension needed. Text compares in the database's collation except
 * where a builder asks for byte order (textSortKey); case mapping follows the database's LC_CTYPE.
 */
export const postgresDialect: Dialect = {
  name: "postgres",
  quoteIdent,
  literal: quoteLiteral,
  dayDiff: (a, b) => `(CAST(${b} AS DATE) - CAST(${a} AS DATE))`,
  intervalDays: (days) => `INTERVAL '${whole(days)} days'`,
  percentile: (p, expr) => `percentile_cont(${p}) WITHIN GROUP (ORDER BY ${expr})`,
  median: (expr) => `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${expr})`,
  castDouble: (expr) => `CAST(${expr} AS DOUBLE PRECISION)`,
  roundDouble: postgresRoundDouble,
  exactDecimal: postgresExactDecimal,
  fence: " OFFSET 0",
  intDiv: (num, den) => `((${num}) / (${den}))`,
  creditUnits: postgresCreditUnits,
  creditValue: postgresCreditValue,
  creditTimes: (units, amount) => `${units} * ${amount}`,
  decimal: (expr, scale) => `CAST(${expr} AS NUMERIC(38,${whole(scale)}))`,
  divideAsDouble: (num, den) => `(CAST(${num} AS DOUBLE PRECISION) / ${den})`,
  tryNumber: postgresTryNumber,
  numberText: (expr) => `(CASE WHEN ${expr} = 0 THEN CAST(${expr} AS VARCHAR) || '.0'
    WHEN ${expr} = trunc(${expr}) AND abs(${expr}) < 1e16 THEN CAST(CAST(${expr} AS BIGINT) AS VARCHAR) || '.0' ELSE CAST(${expr} AS VARCHAR) END)`,
  regexMatches: (expr, pattern) => `(${expr} ~ ${pattern})`,
  regexFullMatch: (expr, pattern) => `(${expr} ~ ${quoteLiteral(`^(?:${pattern})$`)})`,
  stripAccents: (expr) => `regexp_replace(normalize(${expr}, NFD), '${COMBINING_MARKS}', '', 'g')`,
  epochSeconds: (expr) => `CAST(extract(epoch FROM ${expr}) AS DOUBLE PRECISION)`,
  argMax: (value, by) => `(array_agg(${value} ORDER BY ${by.map((b) => `${b} DESC NULLS LAST`).join(", ")}))[1]`,
  stringAgg: (expr, separator, orderBy) => `string_agg(${expr}, ${separator} ORDER BY ${orderBy})`,
  positionalCodeAgg: (code, position) => `string_agg(${code}, '' ORDER BY ${position})`,
  sortedSetAgg: (expr, separator) => `string_agg(DISTINCT ${expr} COLLATE "C", ${separator} ORDER BY ${expr} COLLATE "C")`,
  textSortKey: (expr) => `(${expr}) COLLATE "C"`,
};

export const DIALECTS: Readonly<Record<Dialect["name"], Dialect>> = { duckdb: duckdbDialect, postgres: postgresDialect };
