// The parts of a study page drawn from the codebook alone (src/studies/[study].md, for a study
// without a hand-written page): each public question in codebook order, drawn by its type, then
// the tables the codebook declares. Survey text (labels, answers, titles) is only ever interpolated
// into htl templates, which escape it: it is shown as text, never parsed as HTML.
import {html} from "npm:htl";
import {scrollBox} from "./a11y.js";
import {aggregateBars, sourcesTable} from "./aggregates.js";
import {distributionBars} from "./bars.js";
import {choiceBars} from "./choices.js";
import {count, denominatorText, doiUrl, number, percent, shownCount, summaryText, suppressedNoteOf} from "./format.js";
import {subgroupTable} from "./subgroups.js";
import {summaryByGroup} from "./summaries.js";

/** "Doe J, Roe R · Journal 2025 · doi:… · Belgium", from what the codebook gives. */
export function lede(study) {
  const parts = [
    study.authors,
    study.journal ? html`<i>${study.journal}</i> ${study.year}` : String(study.year),
    study.doi ? html`<a href=${doiUrl(study.doi)}>doi:${study.doi}</a>` : null,
    study.country
  ].filter((p) => p);
  return html`<p class="lede">${parts.map((p, i) => (i ? html` · ${p}` : p))}</p>`;
}

const TYPE = {
  single: "One answer each.",
  ordinal: "One answer each, in the questionnaire's order.",
  multiple: "Several answers possible: each option's share, with its 95% interval (Wilson; in a weighted study, survey's logit interval), most chosen first.",
  number: "A number.",
  text: "Free text."
};

/** What the question is, in words: its type (a rating's scale and bins), skip logic, whether the source reports it. */
function describe(q, codebook, study) {
  const scale = q.scale ? codebook.scales?.[q.scale] : undefined;
  const anchor = (v) => (scale.anchors?.[v] ? ` (${scale.anchors[v]})` : "");
  const type =
    q.type === "rating" && scale
      ? `Rated from ${scale.min}${anchor(scale.min)} to ${scale.max}${anchor(scale.max)}; shown in the codebook's groups: ${scale.bins.map((b) => b.label).join(", ")}.`
      : TYPE[q.type] ?? "";
  const asked = q.asked_if ? " Asked only of some respondents (skip logic): the others are not asked, not missing." : "";
  const published = q.published === false ? (study.data === "reconstructed" ? " Not reported in the source: the values come from the reconstruction only." : " Not reported in the source.") : "";
  return html`<p class="question-type">${type}${asked}${published}</p>`;
}

/** The numbers behind a chart, as a table (folded away under it). */
function numbersTable(rows, {interval = false} = {}) {
  return html`<details class="figure-numbers"><summary>The numbers</summary><table>
    <thead><tr><th>Answer</th><th class="num">n</th><th class="num">%</th>${interval ? html`<th class="num">95% CI</th>` : ""}</tr></thead>
    <tbody>${rows.map((r) => html`<tr><td>${r.level}</td><td class="num">${shownCount(r)}</td><td class="num">${percent(r.percent)}</td>${interval ? html`<td class="num">${r.suppressed ? "–" : `${percent(r.low)}–${percent(r.high)}`}</td>` : ""}</tr>`)}</tbody>
  </table></details>`;
}

/** A figure of a distribution or of a multiple-choice question, its denominator under it. */
function chartFigure(render, object, {unit, resize, interval = false, rows}) {
  return html`<figure>
    ${resize((width) => render(width))}
    <p class="table-note base-text">${denominatorText(object, {unit})}</p>
    ${suppressedNoteOf(rows) ? html`<p class="table-note suppressed-note">${suppressedNoteOf(rows)}</p>` : ""}
    ${numbersTable(rows, {interval})}
  </figure>`;
}

/** One public question: its label, what kind of question it is, and its answers drawn by type. */
export function questionSection(q, {tables, codebook, resize, level = 3}) {
  const unit = tables.study.unit ?? "respondents";
  const d = tables.distributions[q.id], c = tables.choices[q.id], s = tables.numbers[q.id];
  const parts = [];
  if (q.type === "multiple" && c) {
    parts.push(chartFigure((width) => choiceBars(c, {width, unit}), c, {unit, resize, interval: true, rows: c.options}));
  } else if (d && d.levels.length) {
    // single, ordinal, a rating by its bins, a banded number by its bands
    parts.push(chartFigure((width) => distributionBars(d, {width, unit}), d, {unit, resize, rows: d.levels}));
  } else if (d) {
    parts.push(html`<p class="table-note base-text">${denominatorText(d, {unit})}</p>`);
  }
  if (s) parts.push(html`<p class="summary-line">${q.type === "rating" ? "Ratings: " : ""}${summaryText(s)}</p>`);
  if (!parts.length) parts.push(html`<p class="muted">The compiled tables hold nothing for this question.</p>`);
  const title = html`${q.number !== undefined && q.number !== null ? html`<span class="muted">Question ${q.number} · </span>` : ""}${q.label}`;
  const anchor = `${tables.study.id}-${q.id}`;
  return html`<section class="question" data-question=${q.id} data-type=${q.type}>
    ${level === 3 ? html`<h3 id=${anchor}>${title}</h3>` : html`<h4 id=${anchor}>${title}</h4>`}
    ${describe(q, codebook, tables.study)}
    ${parts}
  </section>`;
}

/** The codebook's groupings of answers (derived), as they are counted. */
export function groupingSection(g, {tables, resize, level = 3}) {
  const d = tables.distributions[g.id];
  const unit = tables.study.unit ?? "respondents";
  const anchor = `${tables.study.id}-${g.id}`;
  return html`<section class="question" data-question=${g.id} data-type="grouping">
    ${level === 3 ? html`<h3 id=${anchor}>${g.label}</h3>` : html`<h4 id=${anchor}>${g.label}</h4>`}
    <p class="question-type">A grouping of the answers to “${codebookLabel(tables, g.from)}”.</p>
    ${d ? chartFigure((width) => distributionBars(d, {width, unit}), d, {unit, resize, rows: d.levels}) : ""}
  </section>`;
}

const codebookLabel = (tables, id) => (tables.distributions[id] ?? tables.choices[id] ?? tables.numbers[id])?.label ?? id;

/** Every subgroup table the codebook declares, numbered, as the build laid it out. */
export function subgroupFigures(tables) {
  return Object.values(tables.subgroups).map(
    (t, i) => html`<figure class="wide" data-table=${t.id}>
      <figcaption><b>Table ${i + 1}.</b> ${t.title}.</figcaption>
      ${subgroupTable(t)}
    </figure>`
  );
}

/** Each summary of a number within groups (codebook `summaries`). */
export function summaryFigures(tables, {resize}) {
  return Object.values(tables.summaries).map(
    (s) => html`<figure data-summary=${s.id}>
      <figcaption><b>${s.label}</b> by ${s.byLabel}: median, interquartile range and range.</figcaption>
      ${resize((width) => summaryByGroup(s, {width}))}
      ${suppressedNoteOf(s.groups) ? html`<p class="table-note suppressed-note">${suppressedNoteOf(s.groups)}</p>` : ""}
      <details class="figure-numbers"><summary>The numbers</summary><table>
        <thead><tr><th>${s.byLabel}</th><th class="num">n</th><th class="num">Mean (SD)</th><th class="num">Median (IQR)</th><th class="num">Range</th></tr></thead>
        <tbody>${s.groups.map((g) => html`<tr><td>${g.group}</td><td class="num">${shownCount(g)}</td><td class="num">${Number.isFinite(g.mean) ? `${g.mean.toFixed(1)} (${g.sd.toFixed(1)})` : "–"}</td><td class="num">${number(g.median)} (${number(g.q1)}–${number(g.q3)})</td><td class="num">${number(g.min)}–${number(g.max)}</td></tr>`)}</tbody>
      </table></details>
    </figure>`
  );
}

const pValue = (pText) => (/^[<>]/.test(pText) ? `p ${pText}` : `p = ${pText}`);

/** The codebook's correlations: r, n and the t test. */
export function correlationTable(tables) {
  const rows = Object.values(tables.correlations);
  return html`<figure data-correlations="">
    ${scrollBox(html`<table class="correlations">
      <thead><tr><th>Between</th><th class="num">r</th><th class="num">n</th><th>Test</th></tr></thead>
      <tbody>${rows.map((r) => html`<tr data-correlation=${r.id}><td>${r.label} <span class="muted">(${codebookLabel(tables, r.x)} · ${codebookLabel(tables, r.y)})</span></td><td class="num">${r.r.toFixed(2)}</td><td class="num">${count(r.n)}</td><td>t(${r.df}) = ${r.statistic.toFixed(2)}, ${pValue(r.pText)}</td></tr>`)}</tbody>
    </table>`, {label: "Correlations"})}
    <p class="table-note">Pearson's r over those who answered both, with its two-sided t test (${rows[0]?.method ?? ""}).</p>
  </figure>`;
}

/**
 * A study known only by its published figures: its percentages as printed (with Wilson intervals
 * where the source gives an n), then every figure with its citation.
 */
export function aggregateFigures(tables, {resize}) {
  const rows = tables.aggregates.map((a) => ({...a, label: `${a.measure} — ${a.population}`}));
  const shares = rows.filter((a) => a.unit === "%");
  return [
    shares.length
      ? html`<figure data-aggregates="">
          <figcaption><b>Fig 1.</b> Every percentage the source publishes, as printed${shares.some((a) => Number.isFinite(a.low)) ? "; where it gives an n, the 95% Wilson interval (computed as for a simple random sample, ignoring any weighting)" : ""}.</figcaption>
          ${resize((width) => aggregateBars(shares, {width, y: "label"}))}
        </figure>`
      : "",
    html`<figure class="wide">
      <figcaption><b>Table 1.</b> Every figure on this page, as published, with its source and where it is printed.</figcaption>
      ${sourcesTable(tables.aggregates)}
      <p class="table-note">n is given only where a source gives it; “–” means none.</p>
    </figure>`
  ];
}
