// The project the golden files are made from: the hand-computed metrics fixture
// (test/fixtures/metrics-fixture.ts) plus eight touches on four deals and two target rows, so the
// golden attribution credits real channels and the golden coverage compares against a target.
// Nothing here changes a number the metrics fixture's tests check (touches and targets feed only
// attribution and coverage); what they add is worked out by hand in test/golden/README.md.
import { fixtureFiles } from "../fixtures/metrics-fixture.js";
import { csv } from "../helpers/temp-workspace.js";

/** Every touch names its deal and comes before the deal's creation, so each is in its pipeline journey. */
const GOLDEN_TOUCHPOINTS = csv([
  ["touchpoint_id", "account_id", "opportunity_id", "occurred_at", "channel"],
  ["t1", "A1", "O1", "2025-01-02", "Webinar"], // O1 SMB, 100 won: Webinar, Paid Search
  ["t2", "A1", "O1", "2025-01-06", "Paid Search"],
  ["t3", "A1", "O3", "2025-01-20", "Paid Search"], // O3 SMB, 300 won: Paid Search
  ["t4", "A2", "O4", "2025-02-15", "Events"], // O4 Mid-Market, 1000 won: Events, Webinar, Paid Search
  ["t5", "A2", "O4", "2025-02-20", "Webinar"],
  ["t6", "A2", "O4", "2025-02-25", "Paid Search"],
  ["t7", "A3", "O7", "2025-01-15", "Paid Search"], // O7 Enterprise, 10000 lost: Paid Search, Events
  ["t8", "A3", "O7", "2025-02-01", "Events"],
]);

/**
 * 2025-Q2 (the quarter of the golden as-of) per size band, 4000 in all, and a year target without a
 * band that spans beyond the quarter. The `size` column lets `report coverage --by size` run.
 */
const GOLDEN_TARGETS = csv([
  ["period", "size", "amount"],
  ["2025-Q2", "SMB", 1500],
  ["2025-Q2", "Mid-Market", 2500],
  ["2025", null, 20000],
]);

/** The as-of every golden report is run at: the metrics fixture's own latest event date. */
export const GOLDEN_AS_OF = "2025-06-20";

export function goldenFixtureFiles(extraConfig = ""): Record<string, string> {
  const files = fixtureFiles(extraConfig);
  const config = files["pipeprism.yaml"] ?? "";
  const sources = "  stage_history: stage_history.csv\n  touchpoints: touchpoints.csv\n  targets: targets.csv";
  return {
    ...files,
    "pipeprism.yaml": config.replace("  stage_history: stage_history.csv", sources),
    "touchpoints.csv": GOLDEN_TOUCHPOINTS,
    "targets.csv": GOLDEN_TARGETS,
  };
}
