// Period windows, including fiscal years that do not start in January.
import { describe, expect, it } from "vitest";
import { parsePeriod, periodLabelOf, resolveWindow } from "../src/model/period.js";

describe("periods", () => {
  it("parses calendar periods", () => {
    expect(parsePeriod("2025", 1)).toEqual({ from: "2025-01-01", to: "2025-12-31", label: "2025" });
    expect(parsePeriod("2025-Q3", 1)).toEqual({ from: "2025-07-01", to: "2025-09-30", label: "2025-Q3" });
    expect(parsePeriod("2024-02", 1)).toEqual({ from: "2024-02-01", to: "2024-02-29", label: "2024-02" });
  });

  it("shifts fiscal years and quarters, named by the starting year", () => {
    expect(parsePeriod("2025", 2)).toMatchObject({ from: "2025-02-01", to: "2026-01-31" });
    expect(parsePeriod("2025-Q4", 2)).toMatchObject({ from: "2025-11-01", to: "2026-01-31" });
    expect(parsePeriod("2025-q1", 11)).toMatchObject({ from: "2025-11-01", to: "2026-01-31" });
    expect(parsePeriod("2025-07", 2)).toMatchObject({ from: "2025-07-01", to: "2025-07-31" });
  });

  it("labels dates by fiscal period", () => {
    expect(periodLabelOf("2026-01-15", "quarter", 2)).toBe("2025-Q4");
    expect(periodLabelOf("2026-02-01", "quarter", 2)).toBe("2026-Q1");
    expect(periodLabelOf("2026-01-15", "year", 2)).toBe("2025");
    expect(periodLabelOf("2026-01-15", "quarter", 1)).toBe("2026-Q1");
  });

  it("rejects malformed input with the flag's name", () => {
    expect(() => parsePeriod("2025-Q5", 1)).toThrow('--period: "2025-Q5" is not a period (expected 2025, 2025-Q3 or 2025-07)');
    expect(() => resolveWindow({ from: "2025-02-30" }, 1)).toThrow('--from: "2025-02-30" is not a date (expected YYYY-MM-DD)');
    expect(() => resolveWindow({ from: "2025-03-01", to: "2025-02-01" }, 1)).toThrow("--from 2025-03-01 is after --to 2025-02-01");
    expect(() => resolveWindow({ period: "2025", to: "2025-02-01" }, 1)).toThrow("--period cannot be combined with --from/--to");
  });
});
