// A small report's journey groups, shared by the interval and ranking tests: two segments, a null
// journey in every segment, Unattributed opportunities. Seeded, so both see the same groups.
import { mulberry32 } from "../../src/attribution/prng.js";
import type { JourneyGroup } from "../../src/attribution/bootstrap.js";

export /** A small report's journey groups: two segments, a null journey in every segment, Unattributed. */
function sampleGroups(): JourneyGroup[] {
  const random = mulberry32(3);
  const sets = [["A"], ["B"], ["A", "B"], ["A", "C"], ["B", "C"], ["A", "B", "C"]];
  const groups: JourneyGroup[] = [];
  for (const segment of ["SMB", "Enterprise"])
    for (const channels of sets) {
      const journeys = 5 + Math.floor(random() * 60);
      groups.push({
        segment: [segment],
        channels,
        journeys,
        amount: journeys * 1000,
        conversions: journeys,
        value: journeys * 1000,
        nulls: 0,
      });
      groups.push({
        segment: [segment],
        channels,
        journeys: 0,
        amount: 0,
        conversions: 0,
        value: 0,
        nulls: 20 + Math.floor(random() * 200),
      });
    }
  groups.push({ segment: [null], channels: ["C"], journeys: 0, amount: 0, conversions: 0, value: 0, nulls: 150 });
  groups.push({ segment: ["SMB"], channels: [], journeys: 4, amount: 4000, conversions: 4, value: 4000, nulls: 0 });
  return groups;
}
