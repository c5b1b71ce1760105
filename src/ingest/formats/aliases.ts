// Export headers arrive as API names (`StageName`), upper-cased API names (`STAGENAME`),
// warehouse snake_case (`stage_name`, `property_dealstage`), Marketo Measure's
// `bizible2__X__c`, or UI labels (`Stage`). All are compared after normalising away case,
// punctuation and those prefixes; each logical field lists its aliases in preference order.

function normaliseHeader(header: string): string {
  return header
    .trim()
    .replace(/^bizible2__/i, "")
    .replace(/__c$/i, "")
    .replace(/^property_/i, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

export type FieldAliases = Readonly<Record<string, readonly string[]>>;

/** Index (0-based) of the header column for a logical field, or -1. */
export function findColumn(header: readonly string[], aliases: readonly string[]): number {
  const normalised = header.map(normaliseHeader);
  for (const alias of aliases) {
    const i = normalised.indexOf(normaliseHeader(alias));
    if (i >= 0) return i;
  }
  return -1;
}

/** True when a header row names at least two of an object's fields: how titles are skipped. */
export function looksLikeHeader(fields: readonly string[], aliases: FieldAliases): boolean {
  const known = new Set(Object.values(aliases).flat().map(normaliseHeader));
  return fields.filter((f) => known.has(normaliseHeader(f))).length >= 2;
}
