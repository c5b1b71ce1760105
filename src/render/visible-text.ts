// Text from the user's CRM printed to a terminal: control characters (tab, carriage return, line
// breaks, escape sequences) and bidirectional overrides would move the cursor, recolour the screen
// or reorder what follows, so they are shown as escapes (`\t`, `\r`, `\u202e`) instead.

/** C0 and C1 controls, DEL, and the bidi marks, embeddings, overrides and isolates. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { "\t": "\\t", "\n": "\\n", "\r": "\\r" };

export function visibleText(text: string): string {
  return text.replace(INVISIBLE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

// Widths as a terminal draws them: East Asian wide characters and most emoji take two cells,
// combining marks none, everything else (accents, …, †) one. Tables pad and cut by these, not by
// UTF-16 length, so a Japanese account name does not push its row past the terminal's edge.

/** Zero-width code points: combining marks, zero-width space and joiners, variation selectors. */
const ZERO_WIDTH: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0x200b, 0x200d],
  [0x20d0, 0x20ff],
  [0xfe00, 0xfe0f],
  [0xfe20, 0xfe2f],
];

/** Wide: Hangul Jamo, CJK, Hangul syllables, compatibility ideographs, fullwidth forms, emoji, CJK extensions. */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

const within = (ranges: readonly (readonly [number, number])[], code: number) => ranges.some(([lo, hi]) => code >= lo && code <= hi);

function charWidth(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (within(ZERO_WIDTH, code)) return 0;
  return within(WIDE, code) ? 2 : 1;
}

/** SGR escapes (colour, bold, underline) the table itself adds: they take no cells. */
// eslint-disable-next-line no-control-regex -- matching the escape character is the point
const SGR = /\u001b\[[0-9;]*m/g;

export function stripStyles(text: string): string {
  return text.replace(SGR, "");
}

/** Cells a text takes on a terminal, styles ignored. */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of stripStyles(text)) width += charWidth(char);
  return width;
}

/** The text cut to at most `width` cells, ending in … when anything was cut. */
export function cutText(text: string, width: number): string {
  if (textWidth(text) <= width) return text;
  if (width <= 0) return "";
  let out = "";
  let used = 0;
  for (const char of text) {
    const w = charWidth(char);
    if (used + w > width - 1) break;
    out += char;
    used += w;
  }
  return `${out}…`;
}
