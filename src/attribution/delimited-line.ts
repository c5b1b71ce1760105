// Splits one line of a delimited file, honouring double quotes ("a;b" and "" escapes) as R's
// write.csv and spreadsheet exports produce them. Fields never span lines in path files, so a
// line-at-a-time reader is enough.

export interface SplitLine {
  readonly fields: string[];
  /** 1-based column (field number) where an unterminated quote starts, when there is one. */
  readonly openQuoteAt?: number;
}

export function splitDelimited(line: string, delimiter: string): SplitLine {
  if (!line.includes('"')) return { fields: line.split(delimiter) }; // the common case, ~20x faster
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (line[i + 1] === '"') field += line[++i];
      else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = "";
    } else field += ch;
  }
  fields.push(field);
  return quoted ? { fields, openQuoteAt: fields.length } : { fields };
}

/** The delimiter a header line uses: the most frequent of `;`, `,` and tab outside quotes. */
export function detectDelimiter(header: string): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const candidate of [";", ",", "\t"]) {
    const count = splitDelimited(header, candidate).fields.length - 1;
    if (count > bestCount) [best, bestCount] = [candidate, count];
  }
  return best;
}
