// Markov attribution computed exactly (§6): removal effect RE_c = 1 − P(conv | c removed) /
// P(conv), where removing c sends every transition into a state containing c to null. Channel
// shares are RE_c / Σ RE. Value attribution follows ChannelAttribution: a conversion leaving
// state s is worth the mean value of the observed conversions that left s, and the value removal
// effect is the same ratio on expected value. (ChannelAttribution estimates both by simulating
// journeys and counting visits among converting ones, which estimates exactly these quantities.)

import { absorptionAtStart } from "./absorption.js";
import { channelResults, type ChannelResult } from "./channel-result.js";
import { at } from "./checked-at.js";
import { buildMarkovChain, type MarkovChain } from "./markov-chain.js";
import { channelUniverse, totalConversions, totalValue, type PathRow } from "./paths.js";

export interface MarkovFit {
  readonly order: number;
  /** Transient states of the chain, start excluded. */
  readonly stateCount: number;
  /** P(conversion) of a journey entering the chain. */
  readonly conversionProbability: number;
  /** Expected conversion value of a journey entering the chain. */
  readonly expectedValue: number;
  readonly removalEffects: ReadonlyMap<string, number>;
  readonly valueRemovalEffects: ReadonlyMap<string, number>;
}

export function fitMarkov(rows: readonly PathRow[], order = 1): MarkovFit {
  return fitMarkovChain(buildMarkovChain(rows, order), order);
}

/** Removal effects of every channel of a built chain (from paths, or from counts SQL made). */
export function fitMarkovChain(chain: MarkovChain, order: number): MarkovFit {
  const { conversion, value } = absorbed(chain, new Uint8Array(chain.stateChannels.length));
  const removalEffects = new Map<string, number>();
  const valueRemovalEffects = new Map<string, number>();
  chain.channels.forEach((channel, id) => {
    const without = absorbed(chain, statesWith(chain, id));
    removalEffects.set(channel, removalEffect(conversion, without.conversion));
    valueRemovalEffects.set(channel, removalEffect(value, without.value));
  });
  return {
    order,
    stateCount: chain.stateChannels.length - 1,
    conversionProbability: conversion,
    expectedValue: value,
    removalEffects,
    valueRemovalEffects,
  };
}

/** Channel totals: shares RE_c / Σ RE of all conversions and, with value removal effects, of all value. */
export function runMarkov(rows: readonly PathRow[], order = 1): ChannelResult[] {
  const fit = fitMarkov(rows, order);
  const conversions = shareOut(fit.removalEffects, totalConversions(rows));
  const value = shareOut(fit.valueRemovalEffects, totalValue(rows));
  return channelResults(channelUniverse(rows), conversions, value).map((r) => ({
    ...r,
    removal_effect: fit.removalEffects.get(r.channel) ?? 0,
    removal_effect_value: fit.valueRemovalEffects.get(r.channel) ?? 0,
  }));
}

function shareOut(effects: ReadonlyMap<string, number>, total: number): Map<string, number> {
  const sum = [...effects.values()].reduce((a, b) => a + b, 0);
  return new Map([...effects].map(([channel, re]) => [channel, sum > 0 ? (re / sum) * total : 0]));
}

/** P(conversion) and expected value at the start, with the `removed` states sending to null. */
function absorbed(chain: MarkovChain, removed: Uint8Array): { conversion: number; value: number } {
  const atStart = absorptionAtStart(chain, [chain.toConversion, chain.toValue], removed);
  return { conversion: at(atStart, 0), value: at(atStart, 1) };
}

function statesWith(chain: MarkovChain, channelId: number): Uint8Array {
  return Uint8Array.from(chain.stateChannels, (ids) => (ids.includes(channelId) ? 1 : 0));
}

/** Removing a channel can only lose conversions; clamp the rounding noise that could say otherwise. */
function removalEffect(base: number, without: number): number {
  return base > 0 ? Math.max(0, 1 - without / base) : 0;
}
