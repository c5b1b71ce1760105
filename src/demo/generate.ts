// `pipeprism demo`: writes a seeded, fictional B2B company as canonical CSVs plus a ready-to-use
// pipeprism.yaml. Output depends only on the options (same seed => byte-identical files) and is
// streamed account by account, so scale 100 (millions of touches) runs in bounded memory.
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { createBehaviour } from "./behaviour.js";
import { AS_OF, AS_OF_DAY } from "./calendar.js";
import { createAccount, planOpportunities, type IdSequence } from "./company.js";
import { CsvFileWriter } from "./csv-writer.js";
import { DEMO_CONFIG_YAML } from "./demo-config.js";
import { DEMO_HEADERS, DEMO_TABLES, accountRow, opportunityRow, stageLine, touchLine, type DemoTable } from "./demo-rows.js";
import { writeOpportunityJourney, writeProspectJourney, type DemoTouch, type JourneyContext } from "./journeys.js";
import { accountLeads, leadLine } from "./leads.js";
import { DemoLedger } from "./ledger.js";
import { Random } from "./random.js";
import { stageHistory } from "./stages.js";

export interface DemoOptions {
  dir: string;
  /** Default 42. */
  seed?: number;
  /** Multiplies accounts, opportunities and touchpoints; may be fractional. Default 1 (about 3,000 accounts). */
  scale?: number;
  /** Plant channel x segment patterns (default true); false gives the null-effect control. */
  segmentEffects?: boolean;
  /** Mean touches in an opportunity's journey. Default 7.5. */
  touchpointsPerOpportunity?: number;
}

export interface DemoSummary {
  accounts: number;
  opportunities: number;
  stageHistory: number;
  leadHistory: number;
  touchpoints: number;
  spend: number;
  targets: number;
  asOf: string;
  /** Absolute paths by table name, plus `config`. */
  files: Record<string, string>;
}

const ACCOUNTS_AT_SCALE_1 = 3000;
type Writers = Record<DemoTable, CsvFileWriter>;

export async function generateDemo(opts: DemoOptions): Promise<DemoSummary> {
  const settings = resolveOptions(opts);
  const dataDir = resolve(opts.dir, "data");
  await mkdir(dataDir, { recursive: true });
  const writers = await openWriters(dataDir);
  try {
    await writeTables(writers, settings);
  } catch (error) {
    for (const writer of Object.values(writers)) writer.abort();
    throw error;
  }
  const configPath = resolve(opts.dir, "pipeprism.yaml");
  await writeFile(configPath, DEMO_CONFIG_YAML, "utf8");
  return summarize(writers, configPath);
}

async function writeTables(writers: Writers, settings: Settings): Promise<void> {
  const rng = new Random(settings.seed);
  const ledger = new DemoLedger();
  await writeCompany(writers, rng, ledger, settings);
  for (const row of ledger.spendRows(rng)) writers.spend.row(row);
  for (const row of ledger.targetRows()) writers.targets.row(row);
  for (const writer of Object.values(writers)) await writer.close();
}

interface Settings {
  seed: number;
  accounts: number;
  segmentEffects: boolean;
  touchesPerOpportunity: number;
}

function resolveOptions(opts: DemoOptions): Settings {
  const scale = opts.scale ?? 1;
  const touches = opts.touchpointsPerOpportunity ?? 7.5;
  if (!Number.isFinite(scale) || scale <= 0) throw new RangeError(`demo scale must be a positive number, got ${scale}`);
  if (!Number.isFinite(touches) || touches < 1) throw new RangeError(`touchpointsPerOpportunity must be at least 1, got ${touches}`);
  return {
    seed: opts.seed ?? 42,
    accounts: Math.max(1, Math.round(ACCOUNTS_AT_SCALE_1 * scale)),
    segmentEffects: opts.segmentEffects ?? true,
    touchesPerOpportunity: touches,
  };
}

async function openWriters(dataDir: string): Promise<Writers> {
  const opened: Partial<Writers> = {};
  try {
    for (const table of DEMO_TABLES) opened[table] = await CsvFileWriter.open(join(dataDir, `${table}.csv`), DEMO_HEADERS[table]);
  } catch (error) {
    for (const writer of Object.values(opened)) writer.abort();
    throw error;
  }
  return opened as Writers;
}

/** Account by account: firmographics, its deals with their stage history, then every touch. */
async function writeCompany(writers: Writers, rng: Random, ledger: DemoLedger, settings: Settings): Promise<void> {
  const behaviour = createBehaviour(settings.segmentEffects);
  const ids = sequence("OPP-", 7);
  const touchIds = sequence("TP-", 8);
  // Leads draw from their own stream: the other tables stay as they were before leads existed.
  const leadRng = new Random(settings.seed ^ 0x1ead5);
  let accountTouches: DemoTouch[] = [];
  const journeys: JourneyContext = {
    rng,
    behaviour,
    touchesPerOpportunity: settings.touchesPerOpportunity,
    emit: (touch) => {
      writers.touchpoints.line(touchLine(touchIds.next(), touch));
      ledger.countTouch(touch.channel, touch.day);
      accountTouches.push(touch);
    },
  };
  for (let number = 1; number <= settings.accounts; number++) {
    const account = createAccount(rng, number);
    writers.accounts.row(accountRow(account));
    const plans = planOpportunities(rng, account, behaviour, ids);
    for (const plan of plans) {
      const stages = stageHistory(rng, plan);
      writers.opportunities.row(opportunityRow(plan, stages[stages.length - 1]?.stage ?? ""));
      for (const entry of stages) writers.stage_history.line(stageLine(plan, entry));
      ledger.countOpportunity(plan);
      writeOpportunityJourney(journeys, plan);
    }
    if (plans.length === 0) writeProspectJourney(journeys, account);
    for (const entry of accountLeads(leadRng, account, plans, accountTouches, AS_OF_DAY)) writers.lead_history.line(leadLine(entry));
    accountTouches = [];
    for (const writer of Object.values(writers)) await writer.flushIfFull();
  }
}

function sequence(prefix: string, digits: number): IdSequence {
  let last = 0;
  return { next: () => prefix + String(++last).padStart(digits, "0") };
}

function summarize(writers: Writers, configPath: string): DemoSummary {
  const files: Record<string, string> = { config: configPath };
  for (const table of DEMO_TABLES) files[table] = writers[table].path;
  return {
    accounts: writers.accounts.rows,
    opportunities: writers.opportunities.rows,
    stageHistory: writers.stage_history.rows,
    leadHistory: writers.lead_history.rows,
    touchpoints: writers.touchpoints.rows,
    spend: writers.spend.rows,
    targets: writers.targets.rows,
    asOf: AS_OF,
    files,
  };
}
