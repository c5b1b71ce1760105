// Choosing PostgreSQL and living with it: one clear line, never a stack trace, when the server is
// unreachable, the schema holds no workspace or the engine value is wrong; `ingest --engine` is
// all-or-nothing and carries earlier snapshots forward; `engine:` in the config works like the flag.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "./helpers/run-cli.js";
import { openPostgres } from "../src/db/postgres.js";
import { ingestToPostgres } from "../src/ingest/postgres-transfer.js";
import { loadConfig } from "../src/model/config.js";
import { fixtureFiles } from "./fixtures/metrics-fixture.js";
import { describePostgres, freshSchema } from "./helpers/postgres.js";
import { writeProject } from "./helpers/temp-workspace.js";

const UNREACHABLE = "postgres://someone:secret@127.0.0.1:1/crm";

describe("choosing the PostgreSQL engine", () => {
  it("reports an unreachable server in one line, for report, audit and ingest", async () => {
    const { dir } = await writeProject(fixtureFiles());
    const expected = {
      code: 1,
      out: "",
      err: "error: cannot connect to PostgreSQL at 127.0.0.1:1/crm: connect ECONNREFUSED 127.0.0.1:1\n",
    };
    expect(await run(dir, "report", "winrate", "--engine", UNREACHABLE)).toEqual(expected);
    expect(await run(dir, "audit", "--engine", UNREACHABLE)).toEqual(expected);
    expect(await run(dir, "ingest", "--engine", UNREACHABLE)).toEqual(expected);
  });

  it("takes the engine from the config file when no flag is given", async () => {
    const files = fixtureFiles();
    const { dir } = await writeProject({ ...files, "pipeprism.yaml": `${files["pipeprism.yaml"]}\nengine: ${UNREACHABLE}\n` });
    expect((await run(dir, "report", "pipeline")).err).toBe(
      "error: cannot connect to PostgreSQL at 127.0.0.1:1/crm: connect ECONNREFUSED 127.0.0.1:1\n",
    );
    // --engine duckdb overrides the config.
    expect((await run(dir, "ingest", "--engine", "duckdb")).code).toBe(0);
    expect((await run(dir, "report", "pipeline", "--engine", "duckdb")).code).toBe(0);
  });

  it("names the valid engines for an unknown one, without echoing a password", async () => {
    const { dir } = await writeProject(fixtureFiles());
    expect(await run(dir, "report", "winrate", "--engine", "mysql://u:p@h/db")).toEqual({
      code: 1,
      out: "",
      err: 'error: --engine: "mysql://u:p@h/db" is not an engine (valid: duckdb, postgres://user:password@host:5432/database)\n',
    });
    const bad = await run(dir, "report", "winrate", "--engine", "postgres://u:secret@[bad");
    expect(bad.code).toBe(1);
    expect(bad.err).not.toContain("secret");
    expect(bad.err).toMatch(/^error: --engine: "postgres:\/\/u@\[bad" is not a PostgreSQL URL/);
  });
});

describePostgres("a PostgreSQL workspace", (pgUrl) => {
  it("reports a schema without a workspace in one line naming the fix", async () => {
    const { dir } = await writeProject(fixtureFiles());
    const schema = await freshSchema(pgUrl);
    try {
      const result = await run(dir, "report", "winrate", "--engine", schema.url);
      const shown = new URL(schema.url);
      shown.password = "";
      expect(result).toEqual({
        code: 1,
        out: "",
        err: `error: table "opportunities" not found in PostgreSQL schema "${schema.schema}": run \`pipeprism ingest --engine ${shown.href}\` first\n`,
      });
    } finally {
      await schema.drop();
    }
  });

  it("reports a refused login and a missing database in one line", async () => {
    const { dir } = await writeProject(fixtureFiles());
    const wrong = new URL(pgUrl);
    wrong.password = "not-the-password";
    const login = await run(dir, "report", "winrate", "--engine", wrong.href);
    expect(login.code).toBe(1);
    expect(login.err).toMatch(/^error: cannot connect to PostgreSQL at [^ ]+: password authentication failed for user "[^"]+"\n$/);
    const noDb = new URL(pgUrl);
    noDb.pathname = "/pipeprism_no_such_db";
    const missing = await run(dir, "report", "winrate", "--engine", noDb.href);
    expect(missing.err).toMatch(
      /^error: cannot connect to PostgreSQL at [^ ]+\/pipeprism_no_such_db: database "pipeprism_no_such_db" does not exist\n$/,
    );
  });

  it("ingests through the CLI, reports from the schema, and carries snapshots forward", async () => {
    const { dir } = await writeProject(fixtureFiles());
    const schema = await freshSchema(pgUrl);
    try {
      const first = await run(dir, "ingest", "--engine", schema.url, "--as-of", "2025-03-31");
      expect(first.code, first.err).toBe(0);
      expect(first.out).toContain(`(schema ${schema.schema})`);
      expect(first.out).not.toContain("pipeprism:pipeprism@");
      expect(first.out).toContain("opportunities  11 read, 11 kept, 0 quarantined");
      expect((await run(dir, "ingest", "--engine", schema.url)).code).toBe(0);
      expect((await run(dir, "ingest", "--engine", schema.url)).code).toBe(0);
      const json = JSON.parse((await run(dir, "report", "winrate", "--by", "size", "--format", "json", "--engine", schema.url)).out);
      expect(json.rows[0]).toMatchObject({ size: "SMB", won: 2, lost: 1 });
      const engine = await openPostgres(schema.url);
      try {
        const dates = await engine.all(
          `SELECT CAST(as_of AS VARCHAR) AS as_of, count(*) AS n FROM snapshots WHERE dimension = '(all)' GROUP BY 1 ORDER BY 1`,
        );
        expect(dates.map((r) => r.as_of)).toEqual(["2025-03-31", "2025-06-20"]);
      } finally {
        await engine.close();
      }
    } finally {
      await schema.drop();
    }
  });

  it("leaves the previous data intact when the copy into PostgreSQL fails", async () => {
    const project = await writeProject(fixtureFiles());
    const schema = await freshSchema(pgUrl);
    const engine = await openPostgres(schema.url);
    try {
      const loaded = await loadConfig(project.configPath);
      await ingestToPostgres(loaded, schema.url, { asOf: "2025-03-31" });
      // Something outside pipeprism depends on a workspace table: dropping it fails mid-transfer.
      await engine.run(`CREATE VIEW "${schema.schema}".touch_view AS SELECT * FROM "${schema.schema}".touchpoints`);
      await writeFile(
        path.join(project.dir, "opportunities.csv"),
        "opportunity_id,account_id,amount,stage,created_date\nX1,A1,5,Closed Won,2025-06-01\n",
      );
      await expect(ingestToPostgres(loaded, schema.url)).rejects.toThrow(
        new RegExp(
          `^ingest into PostgreSQL schema "${schema.schema}" at [^ ]+: cannot drop table touchpoints because other objects depend on it \\(rolled back: nothing was changed\\)$`,
        ),
      );
      const [opps] = await engine.all(`SELECT count(*) AS n FROM opportunities`);
      expect(opps?.n).toBe(11);
      const snapshots = await engine.all(`SELECT DISTINCT CAST(as_of AS VARCHAR) AS as_of FROM snapshots`);
      expect(snapshots).toEqual([{ as_of: "2025-03-31" }]);
    } finally {
      await engine.close();
      await schema.drop();
    }
  });
});
