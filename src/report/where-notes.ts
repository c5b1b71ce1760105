// What a --where filter changes beyond the rows it keeps, said in the report itself: figures
// relative to a population are relative to the filtered one; a dimension only opportunities carry
// leaves out the non-converting journeys a fitted model contrasts with; and validate's scores were
// measured on the whole workspace's shape.
import { DATA_DRIVEN_MODEL_NAMES } from "../contract/attribution.js";
import type { ReportResult } from "../contract/report-result.js";
import type { SegmentFilter } from "../model/segment-filter.js";
import type { Workspace } from "../workspace/workspace.js";

/** Columns whose value depends on the population the report covers (and how). */
const POPULATION_RELATIVE: Readonly<Record<string, string>> = {
  win_rate_shrunk: "shrunk win rates pull thin segments toward the filtered opportunities' win rate",
  share_of_channel: "% of chan divides by the channel's filtered pipeline",
};

const FITTED = DATA_DRIVEN_MODEL_NAMES as readonly string[];

export function whereLabel(where: readonly SegmentFilter[]): string {
  return where.map((f) => `${f.dimension}=${f.values.join(",")}`).join(" ");
}

export function whereNotes(ws: Workspace, result: ReportResult, where: readonly SegmentFilter[]): string[] {
  if (where.length === 0) return [];
  const label = `--where ${whereLabel(where)}`;
  return [relativeNote(result, label), ...withoutNullsNotes(ws, result, where), validateNote(result, label)].filter(
    (n): n is string => n !== null,
  );
}

function relativeNote(result: ReportResult, label: string): string | null {
  const keys = new Set(result.columns.map((c) => c.key));
  const parts = Object.entries(POPULATION_RELATIVE)
    .filter(([key]) => keys.has(key))
    .map(([, text]) => text);
  if (fittedModels(result).includes("lift")) parts.push("lift's per-segment fits pool toward a fit on the filtered journeys");
  if (parts.length === 0) return null;
  return `${label}: ${parts.join("; ")} — not the whole workspace's, so they can differ from the same segment's row in an unfiltered report.`;
}

/**
 * At pipeline stage a fitted model contrasts converting journeys with null journeys (accounts with
 * touches and no opportunity). A null journey has no opportunity, so it can only be placed in a
 * segment whose field is on accounts; filtering on an opportunity-only field drops them all.
 */
function withoutNullsNotes(ws: Workspace, result: ReportResult, where: readonly SegmentFilter[]): string[] {
  const models = fittedModels(result);
  if (models.length === 0 || result.params.stage === "revenue") return [];
  const accountFields = ws.columns.get("accounts") ?? new Set<string>();
  return where
    .filter((f) => !accountFields.has(ws.config.segments[f.dimension]?.field ?? ""))
    .map(
      (f) =>
        `--where ${f.dimension}: ${f.dimension} is a field of opportunities only, so accounts with touches and no opportunity (the non-converting journeys) cannot be placed in it and are left out — ${models.join(", ")} ${models.length > 1 ? "are" : "is"} fitted on converting journeys alone here; filter on an account field, or use --by ${f.dimension} without --where, to keep them.`,
    );
}

function validateNote(result: ReportResult, label: string): string | null {
  const validate = result.params.validate as { status?: unknown } | undefined;
  if (validate?.status !== "current") return null;
  return `${label}: the validate scores above were measured on journeys shaped like the whole workspace, not this filtered part of it.`;
}

/** The fitted models whose numbers the report shows (insights ranks channels under one of them). */
function fittedModels(result: ReportResult): string[] {
  if (result.report === "models") {
    const listed = result.params.models;
    return Array.isArray(listed) ? FITTED.filter((m) => listed.includes(m)) : [...FITTED];
  }
  const model = result.params.model;
  const fitted = typeof model === "string" && FITTED.includes(model);
  if (result.report === "insights") return [fitted ? model : "lift"]; // its channel ranking falls back to lift
  return fitted ? [model] : [];
}
