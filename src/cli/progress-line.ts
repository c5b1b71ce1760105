// Ingest's progress on a terminal's stderr: one line, redrawn in place, for the whole ingest —
// bar, percentage, the phase running ("reading opportunities.csv", 3/10), rows read per second
// and the time left. The phases and percentages come from the ingest (src/ingest/ingest-progress.ts);
// this only draws them, and only when stderr is a terminal (the caller decides).
import type { IngestProgress } from "../ingest/ingest-progress.js";
import { cutText, visibleText } from "../render/visible-text.js";
import type { CliIo } from "./io.js";

export interface ProgressLine {
  readonly update: (progress: IngestProgress) => void;
  /** Keeps the final 100 % line; an ingest that failed has its line cleared for the error. */
  readonly end: () => void;
}

const BAR = 10;
/** One cell short of the classic 80, so the line never wraps and \r returns to its start. */
const LINE_WIDTH = 79;
const CLEAR = "\r\u001b[K";

const count = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** `now` is the clock (milliseconds); tests pass their own. */
export function progressLine(io: CliIo, now: () => number = Date.now): ProgressLine {
  const started = now();
  let last = "";
  let finished = false;
  return {
    update: (p) => {
      const seconds = Math.max(now() - started, 1) / 1000;
      const text = cutText(frame(p, seconds), LINE_WIDTH);
      finished = p.percent >= 100;
      if (text === last) return;
      last = text;
      io.stderr(`${CLEAR}${text}`);
    },
    end: () => {
      if (last === "") return;
      io.stderr(finished ? "\n" : CLEAR);
    },
  };
}

function frame(p: IngestProgress, seconds: number): string {
  const percent = Math.min(100, Math.max(0, p.percent));
  const filled = Math.floor((percent / 100) * BAR);
  const bar = `[${"#".repeat(filled)}${".".repeat(BAR - filled)}]`;
  const rate = p.rows > 0 ? `  ${count.format(p.rows / seconds)} rows/s` : "";
  if (percent >= 100) return `${bar} 100%  done in ${seconds.toFixed(1)} s, ${count.format(p.rows)} rows${rate}`;
  // Time left at the pace so far: what remains of the sweep, at the seconds each percent took.
  const eta = percent > 0 ? `  ETA ${clock((seconds * (100 - percent)) / percent)}` : "";
  const head = `${bar} ${String(Math.floor(percent)).padStart(3)}%  `;
  const tail = ` (${p.step}/${p.steps})${rate}${eta}`;
  // A long file name gives way; the numbers stay.
  return `${head}${cutText(visibleText(p.phase), LINE_WIDTH - head.length - tail.length)}${tail}`;
}

/** m:ss, or h:mm:ss past an hour. */
function clock(seconds: number): string {
  const s = Math.ceil(seconds);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, "0");
  const ss = String(s % 60).padStart(2, "0");
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mm}:${ss}` : `${Math.floor(s / 60)}:${ss}`;
}
