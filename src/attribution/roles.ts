// Where each §6 role falls in a journey. A role that cannot be placed is `undefined`, and the
// allocator pools its weight; placing never fails.

import type { CreditContext, Touch } from "./touch.js";

import { ROLE_NAMES, type Role } from "../contract/attribution.js";

export { ROLE_NAMES, type Role };

export function isRole(name: string): name is Role {
  return (ROLE_NAMES as readonly string[]).includes(name);
}

/** Index of the touch holding `role`, or undefined when the role does not exist in this journey. */
export function locateRole(role: Role, touches: readonly Touch[], ctx: CreditContext): number | undefined {
  if (touches.length === 0) return undefined;
  switch (role) {
    case "first":
      return 0;
    case "last":
      return ctx.stage === "pipeline" ? lastOnOrBefore(touches, ctx.createdDay) : touches.length - 1;
    case "lead_creation":
      return leadCreation(touches);
    case "opp_creation":
      return lastOnOrBefore(touches, ctx.createdDay);
    case "close":
      return ctx.stage === "revenue" && ctx.closeDay !== null ? lastOnOrBefore(touches, ctx.closeDay) : undefined;
  }
}

/** "On or before day D" includes the whole of D, so a touch at 23:59 on the creation day counts. */
function lastOnOrBefore(touches: readonly Touch[], day: number): number | undefined {
  const endExclusive = Math.floor(day) + 1;
  const last = touches.findLastIndex((t) => t.occurredAt < endExclusive);
  return last >= 0 ? last : undefined;
}

/** First flagged touch; without a flag the middle touch t⌈n/2⌉, but only when n ≥ 3. */
function leadCreation(touches: readonly Touch[]): number | undefined {
  const flagged = touches.findIndex((t) => t.isLeadCreation);
  if (flagged >= 0) return flagged;
  const n = touches.length;
  return n >= 3 ? Math.ceil(n / 2) - 1 : undefined;
}
