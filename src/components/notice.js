import {html} from "npm:htl";

const KINDS = {
  reconstructed: (study) =>
    html`<div class="note data-notice" role="note"><b>Reconstructed data.</b> The authors did not publish their respondents' answers. Every figure and table on this page is computed from a <i>reconstructed</i> response file, generated to reproduce the aggregates the paper prints (see <code>data/${study.id}/RECONSTRUCTION.md</code>). These are not the authors' responses; items the paper does not report are marked as not published.</div>`,
  aggregates: () =>
    html`<div class="note data-notice" role="note"><b>Published aggregates.</b> The source reports only aggregate figures; they are shown as published, with their citation, and no respondents are simulated.</div>`,
  original: () =>
    html`<div class="note data-notice" role="note"><b>Original data.</b> Figures are computed from the authors' response-level data.</div>`
};

/**
 * The plain statement of what kind of data a page shows, placed above its first figure; for a
 * weighted study (tables.json `weight`), also that every estimate is weighted, and by what.
 */
export function dataNotice(study, {weight = null} = {}) {
  const notice = KINDS[study.data];
  if (!notice) throw new Error(`unknown data kind "${study.data}"`);
  if (!weight) return notice(study);
  return html`${notice(study)}${weightNotice(weight)}`;
}

/** What weighting changes on the page, in words. */
export function weightNotice(weight) {
  return html`<div class="note data-notice weight-notice" role="note"><b>Weighted estimates.</b> Every share, mean and test on this page is weighted by <i>${weight.label}</i> (the column <code>${weight.id}</code>). The counts (n) are of respondents, unweighted. Intervals on shares are survey-weighted logit intervals (as R's <code>svyciprop</code>) and subgroup tests are Rao–Scott adjusted χ² tests (as <code>svychisq</code>); medians and quartiles are of the answers, unweighted.</div>`;
}
