// Every diagnostic code pipeprism emits, in one table: its severity, whether it is a usage error
// (exit 2: fix the command line or request) or an input error (exit 1: fix a file, the config or
// the environment), and a one-line summary. A code is usage only when every place raising it is
// about the command line; one also raised for a file or the config (bad_engine, bad_period) is
// input. `DiagnosticCode` is the table's key type, so a code missing here does not compile;
// look-ups go through `codeInfo` (a Map: own keys only). Quarantine codes join as
// `quarantine.<code>` warnings: a quarantined row is reported and the ingest goes on.
import { QUARANTINE_CODES, type QuarantineDiagnosticCode } from "./quarantine-codes.js";

type Severity = "error" | "warning";
/** usage → exit 2, input → exit 1 (README: 0 ok, 1 bad input, 2 usage). */
type DiagnosticKind = "usage" | "input";

export interface CodeInfo {
  readonly severity: Severity;
  readonly kind: DiagnosticKind;
  readonly summary: string;
}

const usage = (summary: string): CodeInfo => ({ severity: "error", kind: "usage", summary });
const input = (summary: string): CodeInfo => ({ severity: "error", kind: "input", summary });
/** A problem that skips one record and lets the run go on; thrown only when nothing is left. */
const skipped = (summary: string): CodeInfo => ({ severity: "warning", kind: "input", summary });

const CODES = {
  // The command line (and the server's query parameters, which mirror it).
  unknown_command: usage("a command pipeprism does not have"),
  bad_arguments: usage("a command's arguments or an option's value are missing or extra"),
  unknown_flag: usage("a flag the command or report does not take"),
  bad_flag: usage("a flag's value is out of range"),
  bad_flag_value: usage("a flag's value is not one the flag accepts"),
  bad_report: usage("a report name that does not exist"),
  bad_format: usage("an output format that does not exist"),
  unknown_model: usage("an attribution model name that is neither built in nor configured"),
  bad_dimension: usage("a --by dimension that is not configured, repeated or not supported"),
  bad_date: usage("a date that is not YYYY-MM-DD"),
  bad_port: usage("a port that is not 0 to 65535"),
  bad_query: usage("a dashboard query parameter that is too long"),
  bad_path: usage("a dashboard URL path segment that is not valid"),
  // --period/--engine, or the same value in a file (a targets period, the config's engine:)
  bad_period: input("a period that is not 2025, 2025-Q3 or 2025-07, or a window that is empty"),
  bad_engine: input("an engine that is neither duckdb nor a PostgreSQL URL"),
  // pipeprism.yaml
  config_missing: input("the config file does not exist"),
  config_yaml: input("the config file is not valid YAML"),
  config_invalid: input("the config does not match the schema or contradicts itself"),
  reserved_name: input("a segment dimension or custom model named like a result column, a built-in model or a dimension"),
  format_unsupported: input("sources.format has no importer"),
  source_glob: input("a sources glob matches no file or several files"),
  // Input files
  file_missing: input("an input file does not exist"),
  file_empty: input("an input file is empty"),
  file_exists: input("the file to write exists (use --force)"),
  file_unwritable: input("an output file cannot be written (missing folder, permission, full disk)"),
  missing_column: input("an input file lacks a required column"),
  wrong_delimiter: input("an input file uses another delimiter than configured"),
  malformed_header: input("an input file's header row has a stray or unclosed quote"),
  unreadable_file: input("DuckDB's CSV reader failed on an input file as a whole"),
  "path_file.header": input("a path file's header lacks a required column"),
  "path_file.quote": skipped("a path file row has an unterminated quote"),
  "path_file.width": skipped("a path file row has the wrong number of fields"),
  "path_file.empty_path": skipped("a path file row has an empty path"),
  "path_file.empty_channel": skipped("a path file row has an empty channel in its path"),
  "path_file.not_a_number": skipped("a path file count or value is not a number"),
  "path_file.negative": skipped("a path file count or value is negative"),
  // Workspace and engine
  workspace_missing: input("no workspace: run pipeprism ingest first"),
  table_missing: input("a workspace table is missing: run pipeprism ingest first"),
  engine_unreachable: input("the PostgreSQL server cannot be reached"),
  engine_error: input("the database refused a statement"),
  ingest_incomplete: input("a required table kept too few of its records: ingest stopped"),
  port_in_use: input("the port to serve on is taken"),
  // Fallbacks
  user_error: input("a problem in the input (no more specific code given)"),
  internal_error: input("an unexpected failure: a bug; run with --debug for the trace"),
} satisfies Record<string, CodeInfo>;

export type DiagnosticCode = keyof typeof CODES | QuarantineDiagnosticCode;

/** Every code and its entry, the quarantine ones included. */
export const DIAGNOSTIC_CODES: ReadonlyMap<string, CodeInfo> = new Map([
  ...Object.entries(CODES),
  ...Object.entries(QUARANTINE_CODES).map(([code, summary]) => [`quarantine.${code}`, skipped(summary)] as const),
]);

export function isDiagnosticCode(name: string): name is DiagnosticCode {
  return DIAGNOSTIC_CODES.has(name);
}

/** The table's entry; undefined only for a string that is not a code (never for a typed one). */
export function codeInfo(code: string): CodeInfo | undefined {
  return DIAGNOSTIC_CODES.get(code);
}
