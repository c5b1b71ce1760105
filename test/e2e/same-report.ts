// Report bodies compared as the API promises them: the same JSON (or CSV) text up to the last
// bits of floating-point sums, which DuckDB's parallel aggregation does not fix from run to run.
import { expect } from "vitest";

const TOLERANCE = 1e-9;

function close(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Replaces each number in `actual` by the expected one when they agree within tolerance. */
function align(actual: unknown, expected: unknown): unknown {
  if (typeof actual === "number" && typeof expected === "number") return close(actual, expected) ? expected : actual;
  if (Array.isArray(actual) && Array.isArray(expected)) return actual.map((v, i) => align(v, expected[i]));
  if (actual && expected && typeof actual === "object" && typeof expected === "object") {
    const e = expected as Record<string, unknown>;
    return Object.fromEntries(Object.entries(actual as Record<string, unknown>).map(([k, v]) => [k, align(v, e[k])]));
  }
  return actual;
}

/** Same keys in the same order, same strings, numbers equal to 1e-9 relative. */
export function expectSameJson(actualText: string, expectedText: string, label?: string): void {
  const actual = JSON.parse(actualText) as unknown;
  const expected = JSON.parse(expectedText) as unknown;
  expect(JSON.stringify(align(actual, expected), null, 2), label).toBe(JSON.stringify(expected, null, 2));
  expect(actualText.endsWith("\n")).toBe(expectedText.endsWith("\n"));
}

/** A CSV download (its byte order mark set aside) against the CSV renderer's text. */
export function expectSameCsv(actualText: string, expectedText: string, label?: string): void {
  const cells = (text: string) =>
    text
      .replace(/^\uFEFF/, "")
      .split("\n")
      .map((line) => line.split(","));
  const expected = cells(expectedText);
  const aligned = cells(actualText).map((row, i) =>
    row.map((cell, j) => {
      const want = expected[i]?.[j] ?? "";
      const [a, b] = [Number(cell), Number(want)];
      return cell !== "" && want !== "" && Number.isFinite(a) && Number.isFinite(b) && close(a, b) ? want : cell;
    }),
  );
  expect(aligned.map((r) => r.join(",")).join("\n"), label).toBe(expectedText);
}
