// Re-ingest replaces the workspace atomically: a failing ingest leaves the previous one's reports
// unchanged, and snapshots accumulate across successful ingests.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../src/model/diagnostic.js";
import { renderJson } from "../src/render/render-json.js";
import { winrate } from "../src/report/library.js";
import { openWorkspace } from "../src/workspace/workspace.js";
import { fixtureFiles, OPPORTUNITIES } from "./fixtures/metrics-fixture.js";
import { ingestProject, writeProject } from "./helpers/temp-workspace.js";

async function report(configPath: string): Promise<string> {
  const ws = await openWorkspace(configPath);
  try {
    return renderJson(await winrate(ws, { by: ["size"] }));
  } finally {
    await ws.close();
  }
}

describe("atomic re-ingest", () => {
  it("keeps the previous workspace when a second ingest fails", async () => {
    const project = await writeProject(fixtureFiles());
    await ingestProject(project);
    const before = await report(project.configPath);
    await writeFile(path.join(project.dir, "opportunities.csv"), "opportunity_id,account_id\nO1,A1\n");
    await expect(ingestProject(project)).rejects.toBeInstanceOf(UserError);
    expect(await report(project.configPath)).toBe(before);
  });

  it("replaces data on success and records one snapshot per as-of date", async () => {
    const project = await writeProject(fixtureFiles());
    await ingestProject(project, "2025-03-31");
    // Second ingest: O5 removed.
    const withoutO5 = OPPORTUNITIES.split("\n")
      .filter((l) => !l.startsWith("O5,"))
      .join("\n");
    await writeFile(path.join(project.dir, "opportunities.csv"), withoutO5);
    await ingestProject(project);
    const ws = await openWorkspace(project.configPath);
    try {
      const snaps = await ws.engine.all(
        `SELECT CAST(as_of AS VARCHAR) AS as_of, sum(open_count) AS n, sum(open_amount) AS amount FROM snapshots WHERE dimension = '(all)' GROUP BY 1 ORDER BY 1`,
      );
      // 03-31: O4 1000, O5 2000, O7 10000, O8 0 (see metrics-fixture); 06-20 without O5: O6 500, O9 (no amount)
      expect(snaps).toEqual([
        { as_of: "2025-03-31", n: 4, amount: 13000 },
        { as_of: "2025-06-20", n: 2, amount: 500 },
      ]);
      const [count] = await ws.engine.all("SELECT count(*) AS n FROM opportunities");
      expect(count?.n).toBe(10);
    } finally {
      await ws.close();
    }
  });
});
