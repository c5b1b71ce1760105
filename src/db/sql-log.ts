// PIPEPRISM_LOG_SQL=1 prints every statement with its wall time to stderr: how a slow report is
// profiled without a debugger, on either engine.
import { performance } from "node:perf_hooks";

const sqlLogEnabled = (): boolean => Boolean(process.env.PIPEPRISM_LOG_SQL);

export async function logged<T>(engineName: string, sql: string, run: () => Promise<T>): Promise<T> {
  if (!sqlLogEnabled()) return run();
  const started = performance.now();
  try {
    return await run();
  } finally {
    const seconds = ((performance.now() - started) / 1000).toFixed(3);
    process.stderr.write(`-- [${engineName}] ${seconds} s\n${sql.trim()};\n`);
  }
}
