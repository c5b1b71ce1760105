// Calls to the JSON API. Each report gets only the query keys it declares (meta.report_flags), so
// the server never refuses a key the dashboard sends by habit, and CSV and HTML links are the same
// query a CLI user would type. Failures become messages, never exceptions in a view.
import type { Meta, ReportResult } from "../../src/contract/index.js";
import { reportParams, type State } from "./state.js";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The keys `name` accepts; undefined from a server that does not list them (it ignores unknown keys). */
function acceptedKeys(meta: Meta, name: string): readonly string[] | undefined {
  const flags: Meta["report_flags"] | undefined = meta.report_flags;
  return flags && Object.hasOwn(flags, name) ? flags[name] : undefined;
}

/** Query keys → values; a repeatable flag (`where`) takes a list, sent as repeated keys. */
export type Query = Readonly<Record<string, string | readonly string[]>>;

/** Whether `name` accepts the query key `key`; true for a server that does not list its keys. */
export function accepts(meta: Meta, name: string, key: string): boolean {
  return acceptedKeys(meta, name)?.includes(key) ?? true;
}

/** A view's extra parameters: a value, or null to leave out one the state would send (coverage's model). */
export type QueryPatch = Readonly<Record<string, string | readonly string[] | null>>;

/** The state's parameters plus a view's extra ones, kept to the keys the report accepts. */
export function reportQuery(name: string, state: State, meta: Meta, extra: QueryPatch = {}): Query {
  const query = Object.entries({ ...reportParams(state), ...extra });
  return Object.fromEntries(
    query.filter((entry): entry is [string, string | readonly string[]] => entry[1] !== null && accepts(meta, name, entry[0])),
  );
}

export function reportUrl(name: string, query: Query, format?: "csv" | "html"): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) for (const v of typeof value === "string" ? [value] : value) params.append(key, v);
  const search = params.toString();
  return `/api/report/${encodeURIComponent(name)}${format ? `.${format}` : ""}${search ? `?${search}` : ""}`;
}

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, signal ? { signal } : {});
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiError(0, "The pipeprism server did not answer. Is `pipeprism serve` still running?");
  }
  const body = (await response.json().catch(() => null)) as (T & { error?: string }) | null;
  if (!response.ok || body === null) throw new ApiError(response.status, body?.error ?? `HTTP ${response.status}`);
  return body;
}

export const fetchReport = (name: string, query: Query, signal?: AbortSignal): Promise<ReportResult> =>
  getJson<ReportResult>(reportUrl(name, query), signal);
