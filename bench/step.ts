// Child process entry: `node --import tsx bench/step.ts <step> <args...>`. Runs one step, then
// prints one JSON line on stdout: wall time of the step's own work (node and module loading
// excluded), peak RSS of this whole process (process.resourceUsage().maxRSS, in KiB) and what it
// produced. Anything the step itself prints goes to stderr so stdout stays parseable.
import { performance } from "node:perf_hooks";

const [name, ...args] = process.argv.slice(2);
const realWrite = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: unknown, ...rest: unknown[]) =>
  (process.stderr.write as (...a: unknown[]) => boolean)(chunk, ...rest)) as typeof process.stdout.write;

const { STEP_FUNCTIONS } = await import("./steps.js");
const fn = name ? STEP_FUNCTIONS[name] : undefined;
if (!fn) {
  process.stderr.write(`unknown step "${name}" (valid: ${Object.keys(STEP_FUNCTIONS).join(", ")})\n`);
  process.exit(2);
}
const rssBeforeKb = process.resourceUsage().maxRSS;
const started = performance.now();
const info = await fn(args);
const wallMs = performance.now() - started;
const usage = process.resourceUsage();
realWrite(
  `${JSON.stringify({ step: name, args, wallMs, maxRssKb: usage.maxRSS, rssBeforeKb, userCpuMs: usage.userCPUTime / 1000, systemCpuMs: usage.systemCPUTime / 1000, info })}\n`,
);
