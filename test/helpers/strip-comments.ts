// TypeScript source with its comments blanked out (newlines kept, so line numbers hold) and
// everything else, strings and template literals included, left as written: what a test that
// looks for SQL in code must read. A small lexer, enough for this repository's sources.

type State = "code" | "line" | "block" | "'" | '"' | "`" | "regex";

/** A `/` starts a regular expression (not a division) after an operator, a bracket or `return`. */
const BEFORE_REGEX = /(^|[(,=:[!&|?{};+\-*%<>~^]|\breturn)$/;

export function stripComments(text: string): string {
  let out = "";
  let state: State = "code";
  let inClass = false;
  const templates: number[] = [];
  let braces = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? "";
    const next = text[i + 1] ?? "";
    if (state === "line" || state === "block") {
      const ends = state === "line" ? ch === "\n" : ch === "*" && next === "/";
      if (ends && state === "block") {
        out += "  ";
        i++;
      } else out += ch === "\n" ? ch : " ";
      if (ends) state = "code";
    } else if (state === "code") {
      if (ch === "/" && next === "/") state = "line";
      else if (ch === "/" && next === "*") state = "block";
      else if (ch === "/" && BEFORE_REGEX.test(out.trimEnd())) state = "regex";
      else if (ch === "'" || ch === '"' || ch === "`") state = ch;
      else if (ch === "{") braces++;
      else if (ch === "}" && templates.length > 0 && templates[templates.length - 1] === braces) {
        templates.pop();
        state = "`";
      } else if (ch === "}") braces--;
      out += state === "line" || state === "block" ? " " : ch;
    } else {
      out += ch;
      if (ch === "\\") {
        out += next;
        i++;
      } else if (state === "regex") {
        if (ch === "\n")
          state = "code"; // a division after all
        else if (ch === "[") inClass = true;
        else if (ch === "]") inClass = false;
        else if (ch === "/" && !inClass) state = "code";
      } else if (ch === state) state = "code";
      else if (state === "`" && ch === "$" && next === "{") {
        out += next;
        i++;
        templates.push(braces);
        state = "code";
      }
    }
  }
  return out;
}
