// Money to the cent, so a report's money rows add up to its totals exactly (cost rounds each cell
// before summing). First to a millionth, which absorbs float noise from summation order or engine,
// then to the cent, half up: the same cell rounds alike on DuckDB and PostgreSQL.
const toCents = (x: number): number => Math.round(Math.round(x * 1e6) / 1e4);

/** The value rounded to the cent (never -0). */
export const roundMoney = (x: number): number => toCents(x) / 100 + 0;

/** The sum of values rounded to the cent each, added in whole cents: no float residue. */
export const sumMoney = (values: readonly number[]): number => values.reduce((s, x) => s + toCents(x), 0) / 100 + 0;
