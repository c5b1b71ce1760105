// What opening a workspace reads about it, on either engine: the columns each table has (reports
// adapt to the optional columns a source carried) and the facts ingest recorded.
/** Rows of table_name, column_name for the connection's current schema, in column order. */
export const LIST_COLUMNS = `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`;

/** Rows of key, value: data_as_of, schema_version, journeys_lookback_days. */
export const READ_WORKSPACE_INFO = "SELECT key, value FROM workspace_info";
