// The letter of a multi-panel figure's panel, the one place it is decided: the study page prints it
// beside each panel's title and the manuscript files draw it at each panel's top-left corner
// (loaders/manuscript/render.ts), so "Fig 1B" names the same chart in the text, the page and the file.

/**
 * Panel i (from 0) → "A", "B", … "Z", then "AA", "AB"… (capitals, as BMC and PLOS print them).
 * @param {number} i
 */
export function panelLetter(i) {
  if (!Number.isInteger(i) || i < 0) throw new Error(`panelLetter: expected an index ≥ 0, got ${i}`);
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
