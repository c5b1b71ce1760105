// The §6 pooling rule, in one place: roles are placed in the model's order, a weight that cannot
// be placed (undefined role, or a touch already holding an earlier role) goes to a pool, and the
// pool is shared equally by the distinct role touches. Credits therefore always sum to the total
// weight, whatever the journey looks like.

import { at } from "./checked-at.js";
import type { RoleWeights } from "../contract/attribution.js";
import { locateRole } from "./roles.js";

export type { RoleWeights };
import type { CreditContext, Touch } from "./touch.js";

export function allocateRoles(touches: readonly Touch[], weights: RoleWeights, ctx: CreditContext): number[] {
  const credits = touches.map(() => 0);
  const held: number[] = [];
  let pool = 0;
  for (const [role, weight] of weights.roles) {
    const place = locateRole(role, touches, ctx);
    if (place === undefined || held.includes(place)) {
      pool += weight;
      continue;
    }
    held.push(place);
    credits[place] = at(credits, place) + weight;
  }
  pool += shareRest(credits, held, weights.rest);
  // Built-in models always place `first`; a custom model may place nothing, and then the pool
  // can only go to every touch (i.e. linear) if the credits are to sum to 1.
  const sharers = held.length > 0 ? held : credits.map((_, i) => i);
  for (const i of sharers) credits[i] = at(credits, i) + pool / sharers.length;
  return credits;
}

/** Gives `rest` to the role-less touches; returns what could not be given (to be pooled). */
function shareRest(credits: number[], held: readonly number[], rest: number): number {
  const others = credits.map((_, i) => i).filter((i) => !held.includes(i));
  if (others.length === 0) return rest;
  for (const i of others) credits[i] = at(credits, i) + rest / others.length;
  return 0;
}
