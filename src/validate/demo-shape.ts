// The shape of the built-in demo company (`pipeprism demo`, seed 42, scale 1) by size, recorded
// once so `pipeprism validate --demo` runs without generating and ingesting it (test/validate.test.ts
// regenerates the demo and checks this copy is still what the SQL reads from it).
import type { DataShape, LengthCell } from "./shape.js";

/** [distinct, [[touches, journeys], …]] rows as LengthCells. */
function cells(rows: readonly (readonly [number, readonly (readonly [number, number])[]])[]): LengthCell[] {
  return rows.flatMap(([distinct, list]) => list.map(([touches, journeys]) => ({ distinct, touches, journeys })));
}

/** The seed and scale the recorded demo was generated with. */
export const DEMO_SHAPE_SOURCE = { seed: 42, scale: 1 } as const;

// prettier-ignore
export const DEMO_SHAPE: DataShape = {
  dimension: "size",
  channels: ["Content", "Email", "Events", "Organic Search", "Outbound SDR", "Paid Search", "Paid Social", "Partner", "Webinar"],
  segments: [
    { name: "SMB", journeys: 3557, conversions: 2981, reach: [1308, 1698, 403, 1676, 556, 2399, 2018, 334, 1261] },
    { name: "Mid-Market", journeys: 2989, conversions: 2737, reach: [2340, 1342, 1020, 1685, 1271, 1912, 1499, 850, 1837] },
    { name: "Enterprise", journeys: 2375, conversions: 2288, reach: [1802, 1599, 2143, 1445, 2147, 741, 591, 1934, 1912] },
  ],
  lengths: cells([
    [1, [[1, 152], [2, 169], [3, 85], [4, 25], [5, 9], [6, 8], [7, 2]]],
    [2, [[2, 274], [3, 339], [4, 257], [5, 181], [6, 67], [7, 23], [8, 10], [9, 5], [10, 3], [12, 3], [13, 1]]],
    [3, [[3, 222], [4, 351], [5, 350], [6, 258], [7, 166], [8, 95], [9, 35], [10, 27], [11, 14], [12, 7], [13, 7], [14, 6], [15, 1], [16, 1]]],
    [4, [[4, 117], [5, 227], [6, 286], [7, 259], [8, 175], [9, 164], [10, 120], [11, 89], [12, 41], [13, 29], [14, 21], [15, 20], [16, 8], [17, 8], [18, 4], [19, 2]]],
    [5, [[5, 54], [6, 104], [7, 137], [8, 186], [9, 185], [10, 154], [11, 136], [12, 110], [13, 78], [14, 63], [15, 46], [16, 47], [17, 30], [18, 24], [19, 20], [20, 50]]],
    [6, [[6, 8], [7, 34], [8, 54], [9, 84], [10, 88], [11, 123], [12, 120], [13, 97], [14, 105], [15, 83], [16, 72], [17, 67], [18, 55], [19, 43], [20, 173]]],
    [7, [[7, 3], [8, 2], [9, 16], [10, 31], [11, 45], [12, 47], [13, 55], [14, 66], [15, 59], [16, 70], [17, 66], [18, 57], [19, 44], [20, 406]]],
    [8, [[9, 1], [10, 3], [11, 5], [12, 5], [13, 11], [14, 14], [15, 26], [16, 25], [17, 22], [18, 23], [19, 24], [20, 328]]],
    [9, [[14, 1], [15, 1], [16, 1], [17, 1], [18, 1], [19, 2], [20, 107]]],
  ]),
};
