// Config for money: the reporting currency (currency or currencies.reporting, one resolver) and
// sales_cost entries, whose mistakes name the key and what was expected.
import { describe, expect, it } from "vitest";
import { parseConfigText, reportingCurrency } from "../src/model/config.js";

const VALID = `
sources: { accounts: a.csv, opportunities: o.csv }
stages: { order: [Open], won: [Won], lost: [Lost] }
segments: { size: { field: employees }, region: { field: country } }
`;
const messages = (extra: string) => parseConfigText(`${VALID}${extra}`).diagnostics.map((d) => d.message);
const config = (extra: string) => {
  const { config: c, diagnostics } = parseConfigText(`${VALID}${extra}`);
  expect(diagnostics).toEqual([]);
  if (!c) throw new Error("no config");
  return c;
};

describe("reporting currency", () => {
  it("is USD by default, `currency` when given, currencies.reporting when that is set", () => {
    expect(reportingCurrency(config(""))).toBe("USD");
    expect(reportingCurrency(config("currency: EUR\n"))).toBe("EUR");
    expect(reportingCurrency(config("currencies: { reporting: GBP, rates: { EUR: 0.86 } }\n"))).toBe("GBP");
    expect(reportingCurrency(config("currency: GBP\ncurrencies: { reporting: GBP }\n"))).toBe("GBP");
  });

  it("refuses a code that is not ISO, and two codes that disagree", () => {
    expect(messages("currency: usd\n")).toEqual(["currency: expected an ISO currency code such as USD"]);
    expect(messages("currency: EUR\ncurrencies: { reporting: USD }\n")).toEqual([
      'currency: "EUR" differs from currencies.reporting ("USD"): keep one (currencies.reporting converts amounts into it)',
    ]);
  });
});

describe("sales_cost", () => {
  it("takes a period (year, quarter or month), an amount and optional segment filters", () => {
    const c = config(`sales_cost:
  - { period: 2026, amount: 1200000 }
  - { period: 2026-Q1, amount: 250000, size: Enterprise }
  - { period: 2026-03, amount: 9000, region: [NA, EMEA] }
`);
    expect(c.sales_cost).toEqual([
      { period: "2026", amount: 1200000, segments: {} },
      { period: "2026-Q1", amount: 250000, segments: { size: ["Enterprise"] } },
      { period: "2026-03", amount: 9000, segments: { region: ["NA", "EMEA"] } },
    ]);
    expect(config("").sales_cost).toEqual([]);
  });

  it("names the key and what was expected for each bad entry", () => {
    expect(
      messages(`sales_cost:
  - { period: 2026-Q5, amount: 100 }
  - { period: 2026, amount: -5 }
  - { period: 2026, amount: lots }
  - { period: 2026 }
  - { period: 2026, amount: 5, sise: Enterprise }
  - { period: 2026, amount: 5, size: 7 }
  - { period: 2026, amount: 5, region: [] }
`),
    ).toEqual([
      "sales_cost[0].period: expected a period: a year (2026), a quarter (2026-Q1) or a month (2026-03)",
      "sales_cost[1].amount: expected a number at least 0, got -5",
      'sales_cost[2].amount: expected a number, got "lots"',
      "sales_cost[3].amount: expected a number, got nothing",
      'sales_cost[4].sise: "sise" is neither period, amount nor a segment dimension (size, region)',
      "sales_cost[5].size: expected a segment value or a list of them (e.g. Enterprise or [Enterprise, Mid-Market])",
      "sales_cost[6].region: expected a segment value or a list of them (e.g. Enterprise or [Enterprise, Mid-Market])",
    ]);
    expect(messages("sales_cost: { period: 2026, amount: 5 }\n")).toEqual(["sales_cost: expected a list, got a mapping"]);
  });
});
