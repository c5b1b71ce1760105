// Channel rules (SPEC §3): ordered, first match wins, unmatched values keep their raw channel.
// Patterns are RE2 (DuckDB's regex engine), so `(?i)` works as users write it.
import type { Config } from "../model/config-schema.js";
import { quoteLiteral as lit } from "./dialect.js";

export function compileChannelExpr(rules: Config["channels"], fieldRef: (field: string) => string | null, fallback: string): string {
  const whens: string[] = [];
  for (const rule of rules) {
    const conditions = Object.entries(rule.match).map(([field, pattern]) => {
      const ref = fieldRef(field);
      return ref ? `COALESCE(regexp_matches(${ref}, ${lit(pattern)}), false)` : "false";
    });
    whens.push(`WHEN ${conditions.join(" AND ")} THEN ${lit(rule.channel)}`);
  }
  return whens.length ? `(CASE ${whens.join(" ")} ELSE ${fallback} END)` : fallback;
}
