// The @stdlib special functions the statistics use (stats.ts, survey-stats.ts, group-tests.ts), and
// the one place they import them from. In the browser (the explorer) Framework would serve them as
// some 130 small modules; scripts/framework-offline.ts bundles these, and only these, into one file.
export {default as betainc} from "@stdlib/math-base-special-betainc";
export {default as erfc} from "@stdlib/math-base-special-erfc";
export {default as factorialln} from "@stdlib/math-base-special-factorialln";
export {default as gammainc} from "@stdlib/math-base-special-gammainc";
export {default as hypergeometricPmf} from "@stdlib/stats-base-dists-hypergeometric-pmf";
export {default as normalQuantile} from "@stdlib/stats-base-dists-normal-quantile";
export {default as tQuantile} from "@stdlib/stats-base-dists-t-quantile";
