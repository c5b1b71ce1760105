// Column picks shared by several views.
import type { ColumnPick } from "../table.js";

export const winRatePick: ColumnPick = { key: "win_rate", interval: ["win_rate_low", "win_rate_high"] };
