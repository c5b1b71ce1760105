// Checks of rule segments that need the whole segments section: segments whose rules read each
// other in a cycle, and conditions on another segment's value that it can never take (a band or
// rule name misspelt, a number tested against names). Raw YAML is read defensively, so these run
// even when the schema fails and every problem is reported at once (model/config-checks.ts).
import {
  conditionTests,
  isNumericTest,
  segmentValues,
  type Condition,
  type ConditionTests,
  type SegmentRule,
  type SegmentDefinition,
} from "./rule-segments.js";

export interface RuleSegmentProblem {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** A reference from one segment's rule to another segment, where the file says it. */
interface Edge {
  readonly to: string;
  readonly path: readonly PropertyKey[];
}

export function checkRuleSegments(rawSegments: unknown, rawUnknownLabel: unknown): RuleSegmentProblem[] {
  const segments = shapesOf(rawSegments);
  const unknownLabel = typeof rawUnknownLabel === "string" && rawUnknownLabel.trim() ? rawUnknownLabel.trim() : "Unknown";
  const graph = new Map(Object.keys(segments).map((name) => [name, edgesOf(segments, name)]));
  return [...cycleProblems(graph), ...valueProblems(segments, graph, unknownLabel)];
}

function edgesOf(segments: Readonly<Record<string, SegmentDefinition>>, name: string): Edge[] {
  return (segments[name]?.rules ?? []).flatMap((rule, i) =>
    Object.keys(rule.when ?? {})
      .filter((ref) => Object.hasOwn(segments, ref))
      .map((ref) => ({ to: ref, path: ["segments", name, "rules", i, "when", ref] })),
  );
}

/** One problem per cycle, at the reference that closes it (depth-first, in file order). */
function cycleProblems(graph: ReadonlyMap<string, readonly Edge[]>): RuleSegmentProblem[] {
  const problems: RuleSegmentProblem[] = [];
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (name: string): void => {
    stack.push(name);
    for (const edge of graph.get(name) ?? []) {
      const at = stack.indexOf(edge.to);
      if (at >= 0) {
        const cycle = [...stack.slice(at), edge.to].join(" → ");
        problems.push({
          path: edge.path,
          message: `segments read each other in a cycle: ${cycle} (a rule may test another segment's value, not its own)`,
        });
      } else if (!done.has(edge.to)) visit(edge.to);
    }
    stack.pop();
    done.add(name);
  };
  for (const name of graph.keys()) if (!done.has(name)) visit(name);
  return problems;
}

/** Conditions on a segment whose values config decides (bands, regions, rules) that no value meets. */
function valueProblems(
  segments: Readonly<Record<string, SegmentDefinition>>,
  graph: ReadonlyMap<string, readonly Edge[]>,
  unknownLabel: string,
): RuleSegmentProblem[] {
  return [...graph].flatMap(([name, edges]) =>
    edges.flatMap((edge): RuleSegmentProblem[] => {
      const target = segments[edge.to];
      const values = edge.to !== name && target ? segmentValues(target, unknownLabel) : null;
      const condition = ruleAt(segments, edge)?.when?.[edge.to];
      if (!values || condition === undefined || !isCondition(condition)) return [];
      return conditionProblems(edge, target ?? {}, values, conditionTests(condition), condition);
    }),
  );
}

function conditionProblems(
  edge: Edge,
  target: SegmentDefinition,
  values: readonly string[],
  tests: ConditionTests,
  condition: Condition,
): RuleSegmentProblem[] {
  const listed = `${edge.to} (${values.join(", ")})`;
  const problems: RuleSegmentProblem[] = [];
  if (isNumericTest(tests) && !values.some(isNumberText)) {
    const instead = target.field ? `test its field instead (${target.field}: { min: … })` : "list values instead";
    problems.push({ path: edge.path, message: `a number never matches segment ${listed}: its values are names; ${instead}` });
  }
  const items: readonly unknown[] = tests.range ? [] : Array.isArray(condition) ? condition : [condition];
  const known = new Set(values.map((v) => v.trim().toLowerCase()));
  items.forEach((item, i) => {
    if (typeof item === "number" || known.has(String(item).trim().toLowerCase())) return;
    const path = Array.isArray(condition) ? [...edge.path, i] : edge.path;
    problems.push({ path, message: `${JSON.stringify(String(item))} is not a value of segment ${listed}` });
  });
  return problems;
}

function ruleAt(segments: Readonly<Record<string, SegmentDefinition>>, edge: Edge): SegmentRule | undefined {
  const [, name, , index] = edge.path;
  return segments[String(name)]?.rules?.[Number(index)];
}

const isNumberText = (text: string): boolean => text.trim() !== "" && Number.isFinite(Number(text.trim()));

/** Conditions the schema accepts; anything else is the schema's to report. */
function isCondition(value: unknown): value is Condition {
  const scalar = (v: unknown) => typeof v === "string" || typeof v === "number" || typeof v === "boolean";
  if (Array.isArray(value)) return value.every(scalar);
  if (isMapping(value)) return Object.values(value).every((v) => typeof v === "number");
  return scalar(value);
}

/** The segments section as far as it is well formed; the schema reports the rest. */
function shapesOf(raw: unknown): Record<string, SegmentDefinition> {
  if (!isMapping(raw)) return {};
  return Object.fromEntries(Object.entries(raw).map(([name, seg]) => [name, shapeOf(seg)]));
}

function shapeOf(raw: unknown): SegmentDefinition {
  if (!isMapping(raw)) return {};
  const text = (v: unknown) => (typeof v === "string" ? v.trim() : undefined);
  const bands = Array.isArray(raw.bands)
    ? raw.bands.flatMap((b) => (isMapping(b) && text(b.name) ? [{ name: String(text(b.name)) }] : []))
    : undefined;
  const rules = Array.isArray(raw.rules)
    ? raw.rules.map((r) => ({
        name: (isMapping(r) && text(r.name)) || "",
        when: isMapping(r) && isMapping(r.when) ? (r.when as Record<string, Condition>) : {},
      }))
    : undefined;
  return { field: text(raw.field), bands, preset: text(raw.preset), rules, else: text(raw.else) };
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
