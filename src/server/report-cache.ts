// Reports over a read-only workspace are pure functions of their options, so the server keeps the
// last few results (as promises, so concurrent identical requests run once). Failures are not kept.
import type { ReportResult } from "../contract/report-result.js";

export class ReportCache {
  private readonly entries = new Map<string, Promise<ReportResult>>();
  constructor(private readonly capacity = 64) {}

  get(key: string, run: () => Promise<ReportResult>): Promise<ReportResult> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const pending = run();
    this.entries.set(key, pending);
    pending.catch(() => this.entries.delete(key));
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(oldest);
    }
    return pending;
  }
}
