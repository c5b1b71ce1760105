// Finds where a path such as segments.size.bands[0].max sits in a parsed YAML document, so a
// problem found on the plain value can point at the file's line:column. A path that does not
// exist (a missing key) points at the deepest part that does: the mapping that lacks the key.
import { isAlias, isMap, isNode, isScalar, isSeq, type Document, type LineCounter } from "yaml";

export interface YamlPosition {
  readonly line: number;
  readonly column: number;
}

/** `key`: point at the mapping key the path ends in (for a name); `value`: at its value. */
export type PointAt = "key" | "value";

interface Step {
  readonly key: unknown;
  readonly value: unknown;
}

export function locateInYaml(doc: Document, lines: LineCounter, path: readonly PropertyKey[], pointAt: PointAt): YamlPosition | undefined {
  const steps = walk(doc, path);
  const last = steps.at(-1);
  const complete = steps.length === path.length;
  const node = !last
    ? doc.contents
    : complete && pointAt === "value" && startOf(last.value) !== undefined
      ? last.value
      : (last.key ?? last.value);
  const offset = startOf(node);
  if (offset === undefined) return undefined;
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

function walk(doc: Document, path: readonly PropertyKey[]): Step[] {
  const steps: Step[] = [];
  let node: unknown = doc.contents;
  for (const segment of path) {
    const step = child(doc, node, segment);
    if (!step) break;
    steps.push(step);
    node = step.value;
  }
  return steps;
}

function child(doc: Document, parent: unknown, segment: PropertyKey): Step | undefined {
  const node = isAlias(parent) ? parent.resolve(doc) : parent;
  if (isMap(node)) {
    const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : p.key) === String(segment));
    return pair ? { key: pair.key, value: pair.value } : undefined;
  }
  if (isSeq(node) && typeof segment === "number") {
    const item = node.items[segment];
    return item === undefined ? undefined : { key: undefined, value: item };
  }
  return undefined;
}

function startOf(node: unknown): number | undefined {
  return isNode(node) ? node.range?.[0] : undefined;
}
