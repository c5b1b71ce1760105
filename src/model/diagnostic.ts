// Problems found in user input are values, not exceptions: validation collects all of them
// and the CLI prints each with its place, so the user fixes everything in one pass.
import { codeInfo, type DiagnosticCode } from "./diagnostic-codes.js";

export type { DiagnosticCode } from "./diagnostic-codes.js";

export interface SourceLocation {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly at?: SourceLocation;
  readonly hint?: string;
}

function formatLocation(at: SourceLocation | undefined): string {
  if (!at) return "";
  const parts = [at.file, at.line, at.column].filter((p) => p !== undefined);
  return parts.join(":");
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = formatLocation(d.at);
  return `${where ? `${where} ` : ""}${messageWithHint(d)}`;
}

function messageWithHint(d: Diagnostic): string {
  return d.hint ? `${d.message} (${d.hint})` : d.message;
}

/** Raised for input the user must fix; carries every diagnostic found. */
export class UserError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[] | string, code: DiagnosticCode = "user_error") {
    const list = typeof diagnostics === "string" ? [{ code, message: diagnostics }] : diagnostics;
    super(list.map(formatDiagnostic).join("\n"));
    this.name = "UserError";
    this.diagnostics = list;
  }
}

/** 2 when every diagnostic is a usage error (fix the command line), else 1 (fix the input). */
export function exitCodeOf(error: unknown): 1 | 2 {
  if (!(error instanceof UserError) || error.diagnostics.length === 0) return 1;
  return error.diagnostics.every((d) => codeInfo(d.code)?.kind === "usage") ? 2 : 1;
}

export interface DiagnosticJson {
  readonly error: {
    readonly code: DiagnosticCode;
    readonly message: string;
    readonly at: { readonly file: string; readonly line: number | null; readonly column: number | null } | null;
  };
}

/** The `--format json` shape of one diagnostic: the place is data in `at`, not part of the message. */
export function diagnosticJson(d: Diagnostic): DiagnosticJson {
  const at = d.at ? { file: d.at.file, line: d.at.line ?? null, column: d.at.column ?? null } : null;
  return { error: { code: d.code, message: messageWithHint(d), at } };
}
