/** Statistics used by every report: intervals, tests, multiple-testing control and shrinkage. */

export { normalCdf, normalQuantile } from "./normal.js";
export { Z_95, wilsonInterval } from "./wilson.js";
export { twoProportionZTest } from "./proportion-test.js";
export { benjaminiHochberg } from "./benjamini-hochberg.js";
export { estimateBetweenVariance, posteriorMean, shrinkRates } from "./shrinkage.js";
