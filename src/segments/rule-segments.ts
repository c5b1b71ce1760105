// Rule segments (ICP tiers, issue #15): a segment whose value is the name of the first rule whose
// conditions all hold, else its `else`. A condition's name is another segment when one has that
// name (its value is tested), else a field of the opportunity, else of its account. The config
// checks and the SQL compiler both read rules through these helpers, so they agree on a rule.
import { REGION_NAMES } from "./regions.js";

type ConditionValue = string | number | boolean;

/** Inclusive numeric bounds; at least one is set. */
interface ConditionRange {
  readonly min?: number | undefined;
  readonly max?: number | undefined;
}

/** A value, a list of values (any of them), or a numeric range. */
export type Condition = ConditionValue | readonly ConditionValue[] | ConditionRange;

export interface SegmentRule {
  readonly name: string;
  readonly when?: Readonly<Record<string, Condition>> | undefined;
}

/** The parts of a segment's config these helpers read (the validated config, or raw YAML read defensively). */
export interface SegmentDefinition {
  readonly field?: string | undefined;
  readonly bands?: readonly { readonly name: string }[] | undefined;
  readonly map?: Readonly<Record<string, string>> | undefined;
  readonly preset?: string | undefined;
  readonly rules?: readonly SegmentRule[] | undefined;
  readonly else?: string | undefined;
}

/** What a condition tests: text values (trimmed, lower-cased), numbers (equality) or an inclusive range. */
export interface ConditionTests {
  readonly texts: readonly string[];
  readonly numbers: readonly number[];
  readonly range: ConditionRange | null;
}

function isConditionRange(condition: Condition): condition is ConditionRange {
  return typeof condition === "object" && !Array.isArray(condition);
}

function conditionValues(condition: ConditionValue | readonly ConditionValue[]): readonly ConditionValue[] {
  return typeof condition === "object" ? condition : [condition];
}

export function conditionTests(condition: Condition): ConditionTests {
  if (isConditionRange(condition)) return { texts: [], numbers: [], range: condition };
  const values = conditionValues(condition);
  return {
    texts: values.filter((v) => typeof v !== "number").map((v) => String(v).trim().toLowerCase()),
    numbers: values.filter((v): v is number => typeof v === "number"),
    range: null,
  };
}

/** Whether a condition compares numbers (a range or a number value). */
export const isNumericTest = (tests: ConditionTests): boolean => tests.range !== null || tests.numbers.length > 0;

/** The rules segment's value when no rule matches. */
export const elseLabel = (seg: SegmentDefinition, unknownLabel: string): string => seg.else ?? unknownLabel;

/** The names a segment's rules test, in file order, once each. */
export function conditionNames(seg: SegmentDefinition): string[] {
  return [...new Set((seg.rules ?? []).flatMap((rule) => Object.keys(rule.when ?? {})))];
}

/** Segments this segment's rules read: names resolve to a segment first, a field otherwise. */
function segmentReferences(segments: Readonly<Record<string, SegmentDefinition>>, dim: string): string[] {
  const seg = segments[dim];
  return seg ? conditionNames(seg).filter((name) => Object.hasOwn(segments, name)) : [];
}

/** The dimensions and every segment they read, each after the segments it reads. */
export function dependencyOrder(segments: Readonly<Record<string, SegmentDefinition>>, dims: readonly string[]): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (dim: string): void => {
    if (seen.has(dim)) return; // also ends a cycle, which config validation refuses
    seen.add(dim);
    for (const ref of segmentReferences(segments, dim)) visit(ref);
    order.push(dim);
  };
  dims.forEach(visit);
  return order;
}

/**
 * Every value a segment can take, when config alone decides it (bands, the regions preset, rules);
 * null when the data does (a raw field or a value map).
 */
export function segmentValues(seg: SegmentDefinition, unknownLabel: string): string[] | null {
  if (seg.rules) return [...new Set([...seg.rules.map((r) => r.name).filter(Boolean), elseLabel(seg, unknownLabel)])];
  if (seg.bands) return [...seg.bands.map((b) => b.name), unknownLabel];
  if (seg.preset === "regions") return [...REGION_NAMES, unknownLabel];
  return null;
}
