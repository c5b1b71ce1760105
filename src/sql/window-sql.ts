// Whether a report's window holds any data at all: opportunities created or closed in it, and the
// span of dates the data covers, so an empty window is said to be empty instead of printing zeros.
import { dateLit } from "./report-sql.js";

export function compileWindowActivity(window: { readonly from: string; readonly to: string }): string {
  const from = dateLit(window.from);
  const to = dateLit(window.to);
  return `SELECT count(*) FILTER (WHERE created_date BETWEEN ${from} AND ${to} OR close_date BETWEEN ${from} AND ${to}) AS in_window,
  min(created_date) AS first_date, max(created_date) AS last_date FROM opportunities`;
}
