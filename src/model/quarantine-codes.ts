// Why ingest set a row aside, as a stable code beside the human sentence in `quarantine.reason`:
// tools and tests match on the code, people read the sentence. Declared once here; the SQL that
// writes quarantine rows takes its codes from this table, so a code missing here does not compile.
// Each is a warning about one record (the ingest goes on). Some names also exist as command-line
// codes in diagnostic-codes.ts (bad_date, bad_period); merged into one table they need a prefix,
// as `QuarantineDiagnosticCode` spells it.

export const QUARANTINE_CODES = {
  missing_required: "a value the row cannot do without is empty",
  bad_number: "a number or amount that cannot be read as one",
  bad_date: "a date or timestamp that cannot be read in the configured format",
  bad_bool: "a flag that is neither true nor false",
  bad_status: "a status other than won, lost or open",
  bad_month: "a month that is not YYYY-MM",
  bad_period: "a period that is not YYYY, YYYY-Qn or YYYY-MM",
  out_of_range: "a number below the column's minimum or above its maximum",
  duplicate_id: "an id an earlier row of the file already has",
  unknown_currency: "a currency with no rate under currencies.rates",
  mixed_currency: "a currency other than the file's main one, with no rates configured",
  nul_byte: "a value with a NUL byte (0x00), which text cannot hold and PostgreSQL refuses",
  report_footer: "a report's totals or footer line, not data",
  empty_line: "a line with no values",
  unparseable_record: "a record the CSV reader could not split into the header's columns",
} as const satisfies Readonly<Record<string, string>>;

export type QuarantineCode = keyof typeof QUARANTINE_CODES;

/** The code's name in a table shared with other diagnostics. */
export type QuarantineDiagnosticCode = `quarantine.${QuarantineCode}`;
