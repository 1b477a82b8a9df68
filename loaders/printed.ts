// How a paper prints a number: rounded, or truncated, to the digits it shows. Issue #4 turns this
// into verdicts; the study tests use it to check reproduced values at the printed precision.

function decimals(printed: string): number {
  return printed.split(".")[1]?.length ?? 0;
}

/** Whether `value` prints as `printed` at the printed precision (rounding half away from zero). */
export function printsAs(value: number, printed: string): boolean {
  const factor = 10 ** decimals(printed);
  return (Math.sign(value) * Math.round(Math.abs(value) * factor + 1e-9)) / factor === Number(printed);
}

/** Whether `value` prints as `printed` when its extra digits are cut off (79.1666… → "79.16"). */
export function truncatesAs(value: number, printed: string): boolean {
  const factor = 10 ** decimals(printed);
  return Math.trunc(value * factor + 1e-9) / factor === Number(printed);
}
