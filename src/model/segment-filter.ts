// `--where dim=value[,value]`: keep only the opportunities whose segment `dim` takes one of the
// values; several filters must all hold. Parsed here from CLI text (one string per --where), a URL
// query (the same strings) or a library value ({ size: ["Enterprise"] } or the strings); whether
// the dimension and values exist is checked against the workspace (report/plan/scope.ts).
import { UserError } from "./diagnostic.js";

export interface SegmentFilter {
  readonly dimension: string;
  /** Kept in the order given, without duplicates. */
  readonly values: readonly string[];
}

const bad = (message: string) => new UserError(`--where: ${message}`, "bad_flag_value");

function parseOne(text: string): SegmentFilter {
  const at = text.indexOf("=");
  if (at <= 0) throw bad(`"${text}" is not dim=value[,value] (e.g. size=Enterprise or region=EMEA,NA)`);
  const dimension = text.slice(0, at).trim();
  const values = [
    ...new Set(
      text
        .slice(at + 1)
        .split(",")
        .map((v) => v.trim()),
    ),
  ];
  if (values.some((v) => v === "")) throw bad(`"${text}" has an empty value (values are comma-separated)`);
  if ([...text].some((ch) => ch.charCodeAt(0) < 0x20)) throw bad(`"${text}" holds a control character`);
  return { dimension, values };
}

function fromObject(raw: Record<string, unknown>): SegmentFilter[] {
  return Object.entries(raw).map(([dimension, values]) => {
    const list = typeof values === "string" ? [values] : values;
    if (!Array.isArray(list) || list.some((v) => typeof v !== "string" || v === ""))
      throw bad(`${dimension}: expected a value or a list of values, got ${JSON.stringify(values)}`);
    return { dimension, values: [...new Set(list as string[])] };
  });
}

export function parseSegmentFilters(raw: unknown): readonly SegmentFilter[] {
  let filters: SegmentFilter[];
  if (typeof raw === "string") filters = [parseOne(raw)];
  else if (Array.isArray(raw) && raw.every((r) => typeof r === "string")) filters = raw.map((r: string) => parseOne(r));
  else if (typeof raw === "object" && raw !== null && !Array.isArray(raw)) filters = fromObject(raw as Record<string, unknown>);
  else throw bad(`expected dim=value[,value], got ${JSON.stringify(raw)}`);
  const seen = new Set<string>();
  for (const f of filters) {
    if (seen.has(f.dimension)) throw bad(`${f.dimension} is filtered twice: list its values once (${f.dimension}=a,b)`);
    seen.add(f.dimension);
  }
  return filters;
}
