// What `pipeprism audit` returns: what the workspace holds and what it could not use.
import type { Row } from "./row.js";

export interface AuditResult {
  readonly report: "audit";
  readonly params: { readonly data_as_of: string };
  readonly files: readonly Row[];
  readonly tables: readonly Row[];
  readonly quarantine: readonly Row[];
  readonly flags: readonly Row[];
  readonly unknown: readonly Row[];
  /** Raw channel values no channel rule matched, with their touch counts (rules configured only). */
  readonly unmatched_channels: readonly Row[];
  /** Opportunities without a pipeline journey, per reason (UNATTRIBUTED_REASONS), with their pipeline. */
  readonly unattributed: readonly Row[];
  /** Per channel, what became of its touches: in a journey, outside every window, unreachable. */
  readonly touch_fates: readonly Row[];
  readonly notes: readonly string[];
}
