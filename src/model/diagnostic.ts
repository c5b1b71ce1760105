// Problems found in user input are values, not exceptions: validation collects all of them
// and the CLI prints each with its place, so the user fixes everything in one pass.

export interface SourceLocation {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

export interface Diagnostic {
  readonly code: string;
  readonly message: string;
  readonly at?: SourceLocation;
  readonly hint?: string;
}

export function formatLocation(at: SourceLocation | undefined): string {
  if (!at) return "";
  const parts = [at.file, at.line, at.column].filter((p) => p !== undefined);
  return parts.join(":");
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = formatLocation(d.at);
  const hint = d.hint ? ` (${d.hint})` : "";
  return `${where ? `${where} ` : ""}${d.message}${hint}`;
}

/** Raised for input the user must fix; carries every diagnostic found. */
export class UserError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[] | string, code = "user_error") {
    const list = typeof diagnostics === "string" ? [{ code, message: diagnostics }] : diagnostics;
    super(list.map(formatDiagnostic).join("\n"));
    this.name = "UserError";
    this.diagnostics = list;
  }
}
