// Saved views: a named report definition in pipeprism.yaml runs exactly as the same report with
// the same flags typed out; flags typed beside --view override the view's; a bad view is reported
// at its line and column; the dashboard's meta lists every view with its query. The demo config's
// views all run.
import type { AddressInfo } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import type { Meta, ReportResult } from "../src/contract/index.js";
import { DEMO_CONFIG_YAML } from "../src/demo/demo-config.js";
import { loadConfig } from "../src/model/config.js";
import { checkViews } from "../src/report/views.js";
import { createServer, type PipeprismServer } from "../src/server/create-server.js";
import { openWorkspace, type Workspace } from "../src/workspace/workspace.js";
import { GOLDEN_AS_OF, goldenFixtureFiles } from "./golden/golden-fixture.js";
import { run } from "./helpers/run-cli.js";
import { ingestProject, writeProject, type TempProject } from "./helpers/temp-workspace.js";

const VIEWS = `views:
  smb-sources:
    report: attribution
    by: [size]
    where: { size: [SMB, Mid-Market] }
    model: linear
  by-region:
    report: winrate
    by: size,region
    as_of: "${GOLDEN_AS_OF}"
  broken:
    report: winrate
    model: markov
  typo:
    report: pipeline
    group_by: size
`;

let project: TempProject;
beforeAll(async () => {
  project = await writeProject(goldenFixtureFiles(VIEWS));
  await ingestProject(project, GOLDEN_AS_OF);
}, 60_000);

describe("saved views", () => {
  it("run as the same report with the same flags", async () => {
    const view = await run(project.dir, "report", "--view", "smb-sources", "--format", "json");
    const typed = await run(
      project.dir,
      "report",
      "attribution",
      "--by",
      "size",
      "--where",
      "size=SMB,Mid-Market",
      "--model",
      "linear",
      "--format",
      "json",
    );
    expect(view.code, view.err).toBe(0);
    expect(view.out).toBe(typed.out);
    const named = await run(project.dir, "report", "attribution", "--view", "smb-sources", "--format", "json");
    expect(named.out).toBe(typed.out);
  });

  it("take flags typed beside --view over their own", async () => {
    const view = await run(project.dir, "report", "--view", "by-region", "--by", "region", "--format", "json");
    const typed = await run(project.dir, "report", "winrate", "--by", "region", "--as-of", GOLDEN_AS_OF, "--format", "json");
    expect(view.out).toBe(typed.out);
  });

  it("report a bad view at its line, an unknown view with the names there are, and a report mismatch", async () => {
    const broken = await run(project.dir, "report", "--view", "broken");
    expect(broken.code).toBe(1);
    // line 12 of the config's views block is `    model: markov`; the fixture config ends with VIEWS
    expect(broken.err).toMatch(/pipeprism\.yaml:\d+:12 views\.broken\.model: report winrate does not take --model/);
    const typo = await run(project.dir, "report", "--view", "typo");
    expect(typo.err).toMatch(/pipeprism\.yaml:\d+:\d+ views\.typo\.group_by: unknown key "group_by"/);
    const missing = await run(project.dir, "report", "--view", "nope");
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no view "nope"');
    expect(missing.err).toContain("views: smb-sources, by-region, broken, typo");
    const mismatch = await run(project.dir, "report", "pipeline", "--view", "smb-sources");
    expect(mismatch.err).toContain("--view smb-sources runs report attribution, not pipeline");
    expect((await run(project.dir, "report")).code).toBe(2);
  });

  it("are listed in the dashboard's meta with their query and problems", async () => {
    const ws: Workspace = await openWorkspace(project.configPath);
    const server: PipeprismServer = createServer(ws, { log: () => undefined });
    try {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const { port } = server.address() as AddressInfo;
      const meta = (await (await fetch(`http://127.0.0.1:${port}/api/meta`)).json()) as Meta;
      expect(meta.views.map((v) => v.name)).toEqual(["smb-sources", "by-region", "broken", "typo"]);
      const smb = meta.views[0];
      expect(smb).toMatchObject({ report: "attribution", query: "by=size&where=size%3DSMB%2CMid-Market&model=linear", error: null });
      // The listed query gives the view's report through the HTTP API.
      const api = (await (await fetch(`http://127.0.0.1:${port}/api/report/attribution?${smb?.query ?? ""}`)).json()) as ReportResult;
      const cli = JSON.parse((await run(project.dir, "report", "--view", "smb-sources", "--format", "json")).out);
      expect(api.rows).toEqual(cli.rows);
      expect(meta.views[2]?.error).toContain("views.broken.model: report winrate does not take --model");
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ws.close();
    }
  });

  it("in the demo config all run", async () => {
    const demo = await writeProject({ "pipeprism.yaml": DEMO_CONFIG_YAML });
    const loaded = await loadConfig(demo.configPath);
    expect(Object.keys(loaded.config.views).length).toBeGreaterThan(0);
    expect(await checkViews(loaded)).toEqual([]);
  });
});
