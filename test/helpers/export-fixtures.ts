// The CRM export fixtures (test/fixtures/exports) and the config they are read with: one small
// company's stages and segments, shared by the export tests and the ingest fuzzer.
import { fileURLToPath } from "node:url";

export const EXPORT_FIXTURES = fileURLToPath(new URL("../fixtures/exports/", import.meta.url));

/** The `sources` block over the fixtures' canonical CSVs (a YAML block ending in a line break). */
export const CANONICAL_SOURCES = `sources:
  accounts: canonical/accounts.csv
  opportunities: canonical/opportunities.csv
  stage_history: canonical/stage_history.csv
  touchpoints: canonical/touchpoints.csv
  spend: canonical/spend.csv
`;

export interface FixtureConfigOptions {
  /** More entries under `segments:`, indented by two spaces, one a line. */
  readonly segments?: string;
  /** More top-level YAML after the segments (channel rules, currencies, …). */
  readonly extra?: string;
}

/** A config over the fixtures: `sources` (the YAML block, ending in a line break), then stages and segments. */
export function fixtureConfig(sources: string, options: FixtureConfigOptions = {}): string {
  return `${sources}stages:
  order: [Prospecting, Proposal]
  won: [Closed Won]
  lost: [Closed Lost]
  probability: { Prospecting: 10, Proposal: 50 }
segments:
  size: { field: employees, bands: [{ name: SMB, max: 199 }, { name: Enterprise }] }
  region: { field: country, preset: regions }
${options.segments ?? ""}${options.extra ?? ""}`;
}
