// The aggregated path format of ChannelAttribution: delimiter detection, quoting, optional
// columns, and bad rows reported as problems with line and column instead of thrown.

import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../src/model/diagnostic.js";
import { parsePathFile } from "../src/attribution/path-file.js";

describe("parsePathFile", () => {
  it("reads ChannelAttribution's `;` format", () => {
    const text = "path;total_conversions;total_conversion_value;total_null\neta > iota > alpha > eta;1;0.244;3\nmi;2;5.273;6\n";
    const { rows, problems } = parsePathFile(text);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { channels: ["eta", "iota", "alpha", "eta"], conversions: 1, value: 0.244, nulls: 3 },
      { channels: ["mi"], conversions: 2, value: 5.273, nulls: 6 },
    ]);
  });

  it("detects `,`, reads quoted fields, any column order, CRLF and a BOM", () => {
    const text = '\uFEFF"total_null","path","total_conversions"\r\n4,"Paid Search > Email, weekly",2\r\n\r\n';
    const { rows, problems } = parsePathFile(text);
    expect(problems).toEqual([]);
    expect(rows).toEqual([{ channels: ["Paid Search", "Email, weekly"], conversions: 2, value: 0, nulls: 4 }]);
  });

  it("treats value and null columns as optional (default 0), also when a cell is empty", () => {
    const { rows } = parsePathFile("path,total_conversions,total_conversion_value\nA > B,3,\n");
    expect(rows).toEqual([{ channels: ["A", "B"], conversions: 3, value: 0, nulls: 0 }]);
  });

  it("reports bad rows with file, line and column and keeps the good ones", () => {
    const text = [
      "path;total_conversions;total_conversion_value;total_null",
      "A > B;1;2;3",
      "A;x;2;3",
      "A;1;1,2k;3",
      "A > > B;1;2;3",
      ";1;2;3",
      "A;1;2",
      "A;-1;2;3",
      'A;"1;2;3',
      "B;;0;1",
      "C;1;2;4",
    ].join("\n");
    const { rows, problems } = parsePathFile(text, { file: "Data.csv" });
    expect(rows.map((r) => r.channels.join(">"))).toEqual(["A>B", "C"]);
    expect(problems.map(formatDiagnostic)).toEqual([
      'Data.csv:3:2 total_conversions: "x" is not a number (expected e.g. 3 or 12.5)',
      'Data.csv:4:3 total_conversion_value: "1,2k" is not a number (expected e.g. 3 or 12.5)',
      'Data.csv:5:1 path: "A > > B" has an empty channel (channels are separated by ">")',
      "Data.csv:6:1 path: is empty",
      "Data.csv:7:4 expected 4 fields, found 3",
      "Data.csv:8:2 total_conversions: -1 is negative",
      "Data.csv:9:2 unterminated quote",
      'Data.csv:10:2 total_conversions: "" is not a number (expected e.g. 3 or 12.5)',
    ]);
    expect(problems[0]).toMatchObject({ line: 3, column: 2, code: "path_file.not_a_number" });
  });

  it("a header without the required columns is one problem and no rows", () => {
    const { rows, problems } = parsePathFile("journey;conversions\nA;1\n", { file: "p.csv" });
    expect(rows).toEqual([]);
    expect(problems.map(formatDiagnostic)).toEqual([
      "p.csv:1:1 header: missing column path, total_conversions (found: journey, conversions) (expected e.g. path;total_conversions;total_conversion_value;total_null)",
    ]);
  });

  it("an empty file is a header problem, not an exception", () => {
    expect(parsePathFile("").problems).toHaveLength(1);
  });

  it("supports another channel separator", () => {
    expect(parsePathFile("path,total_conversions\nA|B,1\n", { separator: "|" }).rows.map((r) => r.channels)).toEqual([["A", "B"]]);
  });
});
