// Query string → report flags, for the HTTP API. Keys are the CLI's flags in snake_case (`as_of`
// is `--as-of`); each report accepts exactly the flags it declares, parsed by the same function as
// the CLI's, so a request the CLI would refuse is a 400 with the same message.
import type { ReportRequest } from "../report/request/parse-request.js";
import { flagsFromQuery, parseReportRequest } from "../report/request/parse-request.js";

export function parseReportQuery(name: string, query: URLSearchParams): ReportRequest {
  return parseReportRequest(name, flagsFromQuery(name, query));
}

/** A stable key for caching: the parsed request with its flags in a fixed order. */
export function requestKey(request: ReportRequest): string {
  const entries = Object.entries(request.flags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([request.report, entries]);
}
