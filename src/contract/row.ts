// A result row as every layer above the database sees it: plain JSON values, no bigint, no Date.
// The bottom of the contract: imports nothing.

export type SqlValue = string | number | boolean | null | readonly SqlValue[];
export type Row = Record<string, SqlValue>;
