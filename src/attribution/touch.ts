// The pure oracle's view of one opportunity's journey. Kept free of database and config types so
// the SQL implementation can be checked against it on random journeys.

import type { AttributionStage } from "../contract/attribution.js";

export type { AttributionStage };

/** One touch of a journey; journeys are passed already ordered by (occurredAt, touchpoint_id). */
export interface Touch {
  readonly channel: string;
  /** Epoch days; fractional when the source had timestamps. */
  readonly occurredAt: number;
  readonly isLeadCreation: boolean;
}

export interface CreditContext {
  readonly stage: AttributionStage;
  /** Epoch day the opportunity was created; the whole day counts as "on or before". */
  readonly createdDay: number;
  /** Epoch day it closed; null while open. */
  readonly closeDay: number | null;
  readonly halfLifeDays: number;
}
