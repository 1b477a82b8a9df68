import {html} from "npm:htl";

const KINDS = {
  reconstructed: (study) =>
    html`<div class="note data-notice" role="note"><b>Reconstructed data.</b> The authors did not publish their respondents' answers. Every figure and table on this page is computed from a <i>reconstructed</i> response file, generated to reproduce the aggregates the paper prints (see <code>data/${study.id}/RECONSTRUCTION.md</code>). These are not the authors' responses; items the paper does not report are marked as not published.</div>`,
  aggregates: () =>
    html`<div class="note data-notice" role="note"><b>Published aggregates.</b> The source reports only aggregate figures; they are shown as published, with their citation, and no respondents are simulated.</div>`,
  original: () =>
    html`<div class="note data-notice" role="note"><b>Original data.</b> Figures are computed from the authors' response-level data.</div>`
};

/** The plain statement of what kind of data a page shows, placed above its first figure. */
export function dataNotice(study) {
  const notice = KINDS[study.data];
  if (!notice) throw new Error(`unknown data kind "${study.data}"`);
  return notice(study);
}
