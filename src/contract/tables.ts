// Names of the workspace's tables: the canonical tables ingest loads from files and the tables it
// derives, so SQL builders and tests name them from one list.

export const CANONICAL_TABLES = ["accounts", "opportunities", "stage_history", "touchpoints", "spend", "targets", "lead_history"] as const;
export type CanonicalTable = (typeof CANONICAL_TABLES)[number];

export const WORKSPACE_TABLES = {
  quarantine: "quarantine",
  ingestFiles: "ingest_files",
  workspaceInfo: "workspace_info",
  snapshots: "snapshots",
  regions: "ref_regions",
  channels: "journey_channels",
  journeysPipeline: "journey_touches_pipeline",
  setsPipeline: "journey_sets_pipeline",
} as const;
