// Calls to the JSON API. Each report gets only the parameters it uses, so CSV and HTML links are
// the same query a CLI user would type. Failures become messages, never exceptions in a view.
import type { ReportJson } from "./report-json.js";
import type { State } from "./state.js";

type Param = "by" | "period" | "model" | "stage";

const REPORT_PARAMS: Readonly<Record<string, readonly Param[]>> = {
  attribution: ["by", "period", "model", "stage"],
  cost: ["by", "period", "model", "stage"],
  insights: ["by", "period", "model", "stage"],
  models: ["by", "period", "stage"],
  ltv: ["by", "period", "model"],
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function reportQuery(name: string, state: State, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const query: Record<string, string> = {};
  for (const param of REPORT_PARAMS[name] ?? ["by", "period"]) {
    const value = param === "by" ? state.by.join(",") : state[param];
    if (value) query[param] = value;
  }
  return { ...query, ...extra };
}

export function reportUrl(name: string, query: Readonly<Record<string, string>>, format?: "csv" | "html"): string {
  const search = new URLSearchParams(query).toString();
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

export const fetchReport = (name: string, query: Readonly<Record<string, string>>, signal?: AbortSignal): Promise<ReportJson> => getJson<ReportJson>(reportUrl(name, query), signal);
