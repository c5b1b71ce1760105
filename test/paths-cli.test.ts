// `pipeprism paths` end to end on ChannelAttribution's example paths: the CLI's CSV output
// against that package's and DP6's published results (tolerances from shared/data/README.md).
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { runCli } from "../src/cli/create-cli.js";
import { describeShared } from "./helpers/shared-data.js";

async function pathsCsv(dir: string, ...flags: string[]): Promise<Map<string, Record<string, number>>> {
  let out = "";
  const code = await runCli(["paths", path.join(dir, "channelattribution/Data.csv"), "--format", "csv", ...flags], {
    cwd: dir,
    stdout: (t) => void (out += t),
    stderr: () => undefined,
  });
  expect(code).toBe(0);
  return readCsv(out, "channel");
}

function readCsv(text: string, key: string): Map<string, Record<string, number>> {
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const cols = (header ?? "").split(",").map((c) => c.replaceAll('"', ""));
  const out = new Map<string, Record<string, number>>();
  for (const line of lines) {
    const cells = line.split(",").map((c) => c.replaceAll('"', ""));
    const record: Record<string, number> = {};
    cols.forEach((c, i) => (record[c] = Number(cells[i])));
    out.set(cells[cols.indexOf(key)] ?? "", record);
  }
  return out;
}

const relClose = (a: number | undefined, b: number | undefined, tol: number) =>
  Math.abs((a ?? NaN) - (b ?? NaN)) <= tol * Math.max(1, Math.abs(b ?? 0));

describeShared("pipeprism paths on ChannelAttribution's Data.csv", (dir) => {
  const reference = readCsv(
    readFileSync(path.join(dir, "channelattribution/channelattribution-2.2.4/heuristic_models.csv"), "utf8"),
    "channel_name",
  );

  for (const [model, prefix] of [
    ["first_touch", "first_touch"],
    ["last_touch", "last_touch"],
    ["linear", "linear_touch"],
  ] as const) {
    it(`${model} equals ChannelAttribution 2.2.4 to 1e-6`, async () => {
      const ours = await pathsCsv(dir, "--model", model);
      expect(ours.size).toBe(reference.size);
      for (const [channel, ref] of reference) {
        expect(relClose(ours.get(channel)?.total_conversions, ref[`${prefix}_conversions`], 1e-6)).toBe(true);
        expect(relClose(ours.get(channel)?.total_conversion_value, ref[`${prefix}_value`], 1e-6)).toBe(true);
      }
    });
  }

  it("markov order 1 equals DP6's exact solution to 1e-6", async () => {
    const dp6 = readCsv(readFileSync(path.join(dir, "channelattribution/dp6-1.0.11/dp6_markov.csv"), "utf8"), "channel");
    const ours = await pathsCsv(dir, "--model", "markov", "--order", "1");
    for (const [channel, ref] of dp6) {
      expect(relClose(ours.get(channel)?.total_conversions, ref.total_conversions, 1e-6)).toBe(true);
      expect(relClose(ours.get(channel)?.removal_effect, ref.removal_effect, 1e-6)).toBe(true);
    }
  });

  it("markov orders 2 and 3 are within 0.5 % of all conversions of the nsim=1e7 run", async () => {
    for (const order of [2, 3]) {
      const ref = readCsv(
        readFileSync(
          path.join(dir, `channelattribution/channelattribution-2.0.7-nsim1e7/channelattribution_markov_order${order}.csv`),
          "utf8",
        ),
        "channel_name",
      );
      const ours = await pathsCsv(dir, "--model", "markov", "--order", String(order));
      for (const [channel, r] of ref)
        expect(Math.abs((ours.get(channel)?.total_conversions ?? NaN) - (r.total_conversions ?? NaN))).toBeLessThan(19785 * 0.005);
    }
  });

  it("reports unreadable rows with line and column and uses the rest", async () => {
    let err = "";
    let out = "";
    const file = path.join(dir, "channelattribution/Data.csv");
    const text = readFileSync(file, "utf8").split("\n").slice(0, 4);
    const broken = [...text, "alpha > beta;x;1;2"].join("\n");
    const tmp = path.join(process.env.TMPDIR ?? "/tmp", `paths-${process.pid}.csv`);
    (await import("node:fs")).writeFileSync(tmp, broken);
    const code = await runCli(["paths", tmp, "--format", "json"], {
      cwd: dir,
      stdout: (t) => void (out += t),
      stderr: (t) => void (err += t),
    });
    expect(code).toBe(0);
    expect(err).toMatch(/skipped paths-\d+\.csv:5:2 total_conversions: "x" is not a number/);
    expect(JSON.parse(out).params.paths).toBe(3);
  });

  it("refuses a Markov or Shapley setting for a model that would ignore it, and defaults to w_shaped like report", async () => {
    let err = "";
    let out = "";
    const io = { cwd: dir, stdout: (t: string) => void (out += t), stderr: (t: string) => void (err += t) };
    const file = path.join(dir, "channelattribution/Data.csv");
    expect(await runCli(["paths", file, "--model", "linear", "--order", "2"], io)).toBe(2);
    expect(err).toBe("error: --model linear does not use --order (markov only)\n");
    expect(await runCli(["paths", file, "--format", "json"], io)).toBe(0);
    expect(JSON.parse(out).params.model).toBe("w_shaped");
  });
});
