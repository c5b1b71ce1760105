// The CRM export fixtures (test/fixtures/exports) and the config they are read with: one small
// company's stages and segments, shared by the export tests and the ingest fuzzer.
import { fileURLToPath } from "node:url";

export const EXPORT_FIXTURES = fileURLToPath(new URL("../fixtures/exports/", import.meta.url));

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
