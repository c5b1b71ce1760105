// Ingest's progress as one sweep from 0 to 100 %: the phases are planned before the first starts
// (each source file read, then its rows checked; journeys built; the workspace written), each
// weighted by the bytes it goes through, and DuckDB's per-statement percentage only moves the
// running phase forward, never back. Whoever shows it (the CLI's progress line) gets the phase's
// name, the overall percentage and the rows read so far; how to draw them is theirs.
import { open, stat } from "node:fs/promises";
import path from "node:path";

export interface IngestProgress {
  /** What runs now: "reading opportunities.csv", "checking opportunities.csv", "building journeys", "writing workspace". */
  readonly phase: string;
  /** The phase's number, from 1, of `steps`. */
  readonly step: number;
  readonly steps: number;
  /** The whole ingest, 0–100; it never goes back, and reaches 100 once, when the workspace is in place. */
  readonly percent: number;
  /** Source rows read so far (estimated from the file size while a file is being read). */
  readonly rows: number;
}

export type IngestProgressListener = (progress: IngestProgress) => void;

export interface PlannedPhase {
  readonly label: string;
  /** Its share of the work: bytes it goes through (a file read counts its size). */
  readonly weight: number;
  /** Rows it reads, for a file read: counted from the size and the first lines. */
  readonly rows?: number;
}

export const JOURNEYS_PHASE = "building journeys";
export const WRITING_PHASE = "writing workspace";
/** Phases name a file by its name alone: the line has room for little more. */
export const readingPhase = (file: string): string => `reading ${path.basename(file)}`;
export const checkingPhase = (file: string): string => `checking ${path.basename(file)}`;

/** Checking a file's rows (types, keys, duplicates, quarantine) costs about half of reading it. */
const CHECK_SHARE = 0.5;
/** Journeys go through touchpoints and opportunities again; the final write is a short checkpoint. */
const JOURNEY_SHARE = 0.6;
const WRITE_SHARE = 0.3;

export interface PlannedFile {
  readonly label: string;
  readonly path: string;
}

/** Phases for reading and checking these files, then journeys and the write. */
export async function planIngest(files: readonly PlannedFile[]): Promise<PlannedPhase[]> {
  const sized = await Promise.all(files.map(async (f) => ({ ...f, ...(await sizeOf(f.path)) })));
  const total = sized.reduce((s, f) => s + f.bytes, 0) || 1;
  return [
    ...sized.flatMap((f) => [
      { label: readingPhase(f.label), weight: f.bytes, rows: f.rows },
      { label: checkingPhase(f.label), weight: f.bytes * CHECK_SHARE },
    ]),
    { label: JOURNEYS_PHASE, weight: total * JOURNEY_SHARE },
    { label: WRITING_PHASE, weight: total * WRITE_SHARE },
  ];
}

/** How many bytes the first lines take tells roughly how many lines the whole file has. */
const SAMPLE_BYTES = 64 * 1024;

async function sizeOf(file: string): Promise<{ bytes: number; rows: number }> {
  try {
    const { size } = await stat(file);
    const handle = await open(file, "r");
    try {
      const buffer = Buffer.alloc(Math.min(size, SAMPLE_BYTES));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      const lines = buffer.subarray(0, bytesRead).filter((b) => b === 0x0a).length;
      // A sample that ends mid-line still counts the line it started; the header is no row.
      const perLine = lines > 0 ? bytesRead / lines : Math.max(bytesRead, 1);
      return { bytes: size, rows: Math.max(0, Math.round(size / perLine) - 1) };
    } finally {
      await handle.close();
    }
  } catch {
    // An unreadable file fails in its own phase, with its own message; here it only weighs nothing.
    return { bytes: 0, rows: 0 };
  }
}

/**
 * Walks the planned phases. `start` moves to the next phase of that name (a phase that turns
 * out to have nothing to do is passed over as done); `advance` takes a statement's 0–100.
 */
export class ProgressTracker {
  private index = -1;
  private within = 0;
  private rowsDone = 0;
  private ended = false;
  private readonly total: number;

  constructor(
    private readonly phases: readonly PlannedPhase[],
    private readonly listener: IngestProgressListener | undefined,
  ) {
    this.total = phases.reduce((s, p) => s + p.weight, 0) || 1;
  }

  start(label: string): void {
    const next = this.phases.findIndex((p, i) => i > this.index && p.label === label);
    if (next < 0) return;
    this.rowsDone = this.phases.slice(0, next).reduce((s, p) => s + (p.rows ?? 0), 0);
    this.index = next;
    this.within = 0;
    this.emit();
  }

  advance(percent: number): void {
    if (this.index < 0 || !(percent > this.within)) return;
    this.within = Math.min(100, percent);
    this.emit();
  }

  /** The workspace is in place: 100 %. */
  finish(): void {
    this.index = this.phases.length - 1;
    this.within = 100;
    this.ended = true;
    this.rowsDone = this.phases.reduce((s, p) => s + (p.rows ?? 0), 0);
    this.emit();
  }

  private emit(): void {
    const phase = this.phases[this.index];
    if (!this.listener || !phase) return;
    const before = this.phases.slice(0, this.index).reduce((s, p) => s + p.weight, 0);
    const done = before + (phase.weight * this.within) / 100;
    // 100 only at finish: rounding must not claim the end while the workspace is still being written.
    const percent = this.ended ? 100 : Math.min(99.9, (100 * done) / this.total);
    const rows = this.rowsDone + ((phase.rows ?? 0) * this.within) / 100;
    this.listener({ phase: phase.label, step: this.index + 1, steps: this.phases.length, percent, rows: Math.round(rows) });
  }
}

/** An export is read by its format's importer as one phase: its files are the format's to name. */
export function planExport(format: string): PlannedPhase[] {
  return [
    { label: exportPhase(format), weight: 1 },
    { label: JOURNEYS_PHASE, weight: JOURNEY_SHARE },
    { label: WRITING_PHASE, weight: WRITE_SHARE },
  ];
}

export const exportPhase = (format: string): string => `reading the ${format} export`;
