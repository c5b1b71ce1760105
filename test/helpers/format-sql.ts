// Formats compiled SQL one clause per line, so a golden SQL file's diff shows which clause changed.
// Deterministic and deliberately small: whitespace between tokens becomes one space, then a line
// breaks before SELECT, FROM, WHERE, GROUP BY, HAVING, WINDOW, ORDER BY, the JOINs and UNION, and
// after each CTE's comma — but only at the top level or directly inside a subquery's parentheses,
// never inside expressions (FILTER (WHERE …), OVER (ORDER BY …), extract(epoch FROM …)). A line is
// indented two spaces per open parenthesis. String literals, quoted identifiers and comments are
// copied byte for byte. The result is the same SQL: only whitespace changes.

type TokenKind = "literal" | "comment" | "space" | "open" | "close" | "comma" | "word" | "other";

interface Token {
  readonly kind: TokenKind;
  readonly text: string;
}

const TOKEN = /'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\s+|\(|\)|,|[A-Za-z_][A-Za-z0-9_$]*|./gsy;

function kindOf(text: string): TokenKind {
  if (text.startsWith("'") || text.startsWith('"')) return "literal";
  if (text.startsWith("--")) return "comment";
  if (/^\s/.test(text)) return "space";
  if (text === "(") return "open";
  if (text === ")") return "close";
  if (text === ",") return "comma";
  return /^[A-Za-z_]/.test(text) ? "word" : "other";
}

export function tokenizeSql(sql: string): Token[] {
  return [...sql.matchAll(TOKEN)].map((m) => ({ kind: kindOf(m[0]), text: m[0] }));
}

/** A parenthesis level: whether it holds a query (its first word is SELECT or WITH) and is in its WITH list. */
interface Level {
  readonly query: boolean;
  inWith: boolean;
}

const CLAUSES = new Set(["SELECT", "FROM", "WHERE", "HAVING", "WINDOW", "UNION"]);
const BY_CLAUSES = new Set(["GROUP", "ORDER"]);
const JOIN_KINDS = new Set(["LEFT", "RIGHT", "INNER", "FULL", "CROSS"]);

export function formatSql(sql: string): string {
  const tokens = tokenizeSql(sql).filter((t, i, all) => t.kind !== "space" || (i > 0 && i < all.length - 1));
  const words = tokens.map((t) => (t.kind === "word" ? t.text.toUpperCase() : null));
  const significant = (from: number, step: 1 | -1): number => {
    let i = from + step;
    while (tokens[i]?.kind === "space") i += step;
    return i;
  };
  const levels: Level[] = [{ query: true, inWith: words[significant(-1, 1)] === "WITH" }];
  const lines: string[] = [];
  let line = "";
  let lineHasText = false;
  const newline = () => {
    lines.push(line.trimEnd());
    line = "  ".repeat(levels.length - 1);
    lineHasText = false;
  };
  tokens.forEach((token, i) => {
    const level = levels[levels.length - 1] as Level;
    if (token.kind === "space") {
      if (lineHasText) line += " ";
      return;
    }
    if (token.kind === "word" && level.query && breaksBefore(i, words, significant)) {
      if (words[i] === "SELECT") level.inWith = false;
      if (lineHasText && tokens[significant(i, -1)]?.kind !== "open") newline();
    }
    if (token.kind === "close") levels.pop();
    line += token.text;
    lineHasText = true;
    if (token.kind === "open") {
      const first = words[significant(i, 1)];
      levels.push({ query: first === "SELECT" || first === "WITH", inWith: first === "WITH" });
    }
    if (token.kind === "comment" || (token.kind === "comma" && level.query && level.inWith)) newline();
  });
  lines.push(line.trimEnd());
  return lines.join("\n").trim();
}

function breaksBefore(i: number, words: readonly (string | null)[], significant: (from: number, step: 1 | -1) => number): boolean {
  const word = words[i] ?? "";
  const previous = words[significant(i, -1)];
  const next = words[significant(i, 1)];
  if (word === "FROM") return previous !== "DISTINCT"; // `a IS DISTINCT FROM b` is not a clause
  if (CLAUSES.has(word)) return true;
  if (BY_CLAUSES.has(word)) return next === "BY";
  if (JOIN_KINDS.has(word)) return next === "JOIN" || next === "OUTER";
  if (word === "JOIN") return !JOIN_KINDS.has(previous ?? "") && previous !== "OUTER";
  return false;
}
