// Names of the tables and columns ingest stages data in before the canonical table exists. One
// place spells them so the statements that write a staging table and those that read it agree.
import { quoteIdent as q } from "../dialect.js";

/** The file read as text, one VARCHAR column per header name. */
export const rawTable = (name: string): string => q(`raw_${name}`);
/** Records DuckDB's reader rejected (unquoted: DuckDB takes the name as a string option). */
export const rejectsName = (name: string): string => `rejects_${name}`;
export const rejectsTable = (name: string): string => q(rejectsName(name));
/** An export format's object with each record's line and raw text. */
export const linedTable = (key: string): string => q(`lined_${key}`);
/** A column's trimmed source text, and its typed value, while the row is checked. */
export const v = (name: string): string => q(`v_${name}`);
export const t = (name: string): string => q(`t_${name}`);
/** A kept extra column (a header outside the canonical ones) while the row is checked. */
export const x = (name: string): string => q(`x_${name}`);
