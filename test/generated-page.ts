// Checks of a study page generated from its codebook (src/studies/[study].md), in a browser: every
// number it shows is the one its tables.json holds. Shared by the tests that build a project with
// a study of their own (test/new-study.test.ts; later, one per export format's fixture).
import assert from "node:assert/strict";
import type {Page} from "playwright-core";
import type {StudyTables} from "../loaders/tables.ts";
import {disclosureSentences} from "../src/components/disclosure.js";

/** Framework 1.13 marks a pending cell with <observablehq-loading>. */
const LOADING = "observablehq-loading, .observablehq--loading";

// The page's formats, written out again here, so that a change to them shows up as a failure.
const count = (x: number) => x.toLocaleString("en-US");
const pct = (x: number) => `${x.toFixed(1)}%`;
const num = (x: number) => x.toLocaleString("en-US", {maximumFractionDigits: 2});

interface Counted {denominator: "answered" | "respondents"; base: number; missing?: number; baseText?: string}
/** The line under a figure: the tables' own sentence, else "n = 8 who answered" from the base. */
export function expectedBaseText(x: Counted, unit = "respondents"): string {
  if (x.baseText) return x.baseText;
  if (x.denominator === "respondents") return `n = ${count(x.base)} (all ${unit})`;
  const without = x.missing ? `; ${count(x.missing)} without an answer (not asked or left blank)` : "";
  return `n = ${count(x.base)} ${unit === "respondents" ? "who answered" : `${unit} with a value`}${without}`;
}

/**
 * A figure of counts some of which are hidden (small_cells): one bar per count shown, none for a
 * hidden one (tables.json has no number for it), and the note saying what "< 5" and "x" mean.
 */
async function checkHidden(page: Page, selector: string, items: {suppressed?: string; level?: string; group?: string}[]): Promise<void> {
  const hidden = items.filter((x) => x.suppressed);
  const note = await page.locator(`${selector} .suppressed-note`).count();
  assert.equal(note, hidden.length ? 1 : 0, `${selector}: ${hidden.length ? "a note on the hidden counts" : "no note, nothing being hidden"}`);
  if (!hidden.length) return;
  const bars = await page.$$eval(`${selector} svg [data-mark="bar"] rect`, (rects) => rects.length);
  const drawn = items.filter((x) => !x.suppressed || !x.suppressed.startsWith("<") && x.group !== undefined).length;
  assert.equal(bars, drawn, `${selector}: ${drawn} bars, none for a count below k (${hidden.map((x) => x.level ?? x.group).join(", ")})`);
}

/** The page once every cell has run and every figure in it is drawn. */
export async function settled(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForFunction((loading) => !document.querySelector(loading) && document.querySelector("h1")?.textContent?.trim(), LOADING, {timeout});
  await page.waitForFunction(() => [...document.querySelectorAll("figure")].every((f) => f.querySelector("svg, table")), null, {timeout});
}

/** All of an element's text, the SVG labels and the folded numbers tables included. */
const textOf = (page: Page, selector: string) => page.$eval(selector, (e) => (e.textContent ?? "").replace(/\s+/g, " "));

/**
 * Checks a generated study page against the tables it was drawn from: title, data notice before
 * the first figure, n, then for each question its counts and percentages (multiple choice with
 * their Wilson intervals), the line under each figure saying what the shares are of, each number's
 * summary, every subgroup table's cells, summaries and correlations; for a study known by its
 * published figures, every figure as printed. Survey text must show as text, not as markup.
 */
export async function checkGeneratedPage(page: Page, tables: StudyTables | (Pick<StudyTables, "study"> & {aggregates: {printed: string; unit: string; measure: string}[]})): Promise<void> {
  await settled(page);
  const study = tables.study;
  assert.equal((await page.$eval("h1", (h) => h.textContent ?? "")).trim(), study.title, "the page's title is the study's");
  assert.equal(await page.title().then((t) => t.split(" | ")[0]), study.title, "the window title names the study");
  assert.ok((await textOf(page, ".lede")).includes(String(study.year)), "the citation line gives the year");
  assert.ok((await textOf(page, "main")).includes(study.citation.replace(/\s+/g, " ")), "the citation is printed");
  const noticeFirst = await page.evaluate(() => {
    const notice = document.querySelector(".data-notice"), figure = document.querySelector("figure");
    return !!notice && !!figure && !!(notice.compareDocumentPosition(figure) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  assert.ok(noticeFirst, "the data notice comes before the first figure");
  assert.equal(await page.locator(".observablehq--error").count(), 0, "no cell shows an error");
  // What was done so that no one can be recognised in the rows: the sentences of the report the page read.
  const disclosure = "disclosure" in tables ? tables.disclosure : undefined;
  const expected = `Who could be recognised. ${disclosureSentences(disclosure, {unit: study.unit ?? "respondents"}).join(" ")}`;
  assert.equal((await textOf(page, ".disclosure")).replace(/\s+/g, " ").trim(), expected.replace(/\s+/g, " "));

  if ("aggregates" in tables) {
    const text = await textOf(page, "main");
    for (const a of tables.aggregates) assert.ok(text.includes(`${a.printed}${a.unit}`), `the published figure "${a.measure}" (${a.printed}${a.unit}) is shown`);
    return;
  }
  const unit = study.unit ?? "respondents";
  const scope = `[data-dataset="${study.id}"]`;
  const section = (id: string) => `${scope} [data-question="${id}"]`;
  const respondents = await textOf(page, `.respondents[data-n="${tables.respondents.total}"]`);
  assert.ok(respondents.includes(`n = ${count(tables.respondents.total)}`), `n respondents: "${respondents}"`);

  // Questions in the codebook's order (the tables number them as the questionnaire does).
  const order = await page.$$eval(`${scope} > section.question`, (ss) => ss.map((s) => (s as HTMLElement).dataset.question!));
  const numbers = order.map((id) => tables.distributions[id]?.number ?? tables.choices[id]?.number).filter((n): n is number => n !== undefined);
  assert.deepEqual(numbers, [...numbers].sort((a, b) => a - b), `questions in the codebook's order: ${order.join(", ")}`);

  for (const d of Object.values(tables.distributions)) {
    const text = await textOf(page, section(d.id));
    for (const l of d.levels) {
      assert.ok(text.includes(l.level), `${d.id}: the answer "${l.level}" is shown as text`);
      const shown = l.suppressed ?? `${count(l.n)} (${pct(l.percent)})`;
      assert.ok(text.includes(shown), `${d.id}: "${l.level}" shows ${shown}`);
    }
    await checkHidden(page, section(d.id), d.levels);
    assert.ok(text.includes(expectedBaseText(d, unit)), `${d.id}: under its figure, "${expectedBaseText(d, unit)}"`);
  }
  for (const c of Object.values(tables.choices)) {
    const text = await textOf(page, section(c.id));
    // Most chosen first, as the tables list them.
    const shown = await page.$$eval(`${section(c.id)} .figure-numbers tbody tr td:first-child`, (tds) => tds.map((td) => td.textContent));
    assert.deepEqual(shown, c.options.map((o) => o.level), `${c.id}: options sorted by n`);
    await checkHidden(page, section(c.id), c.options);
    for (const o of c.options) {
      if (o.suppressed) {
        assert.ok(text.includes(`${o.level}: ${o.suppressed}`), `${c.id}: "${o.level}" shows ${o.suppressed}, and no interval`);
        continue;
      }
      assert.ok(text.includes(`${count(o.n)} (${pct(o.percent)})`), `${c.id}: "${o.level}" shows ${count(o.n)} (${pct(o.percent)})`);
      assert.ok(text.includes(`${pct(o.low)}–${pct(o.high)}`), `${c.id}: "${o.level}" shows its 95% interval ${pct(o.low)}–${pct(o.high)}`);
    }
    assert.ok(text.includes(expectedBaseText(c, unit)), `${c.id}: under its figure, "${expectedBaseText(c, unit)}"`);
  }
  for (const s of Object.values(tables.numbers)) {
    const text = await textOf(page, `${section(s.id)} .summary-line`);
    if (s.suppressed) {
      assert.match(text, new RegExp(`n = ${count(s.n)} · not summarised: fewer than \\d+ answers`), `${s.id}: a summary of too few answers is not shown`);
      continue;
    }
    for (const part of [`n = ${count(s.n)}`, `mean ${s.mean.toFixed(1)}`, `(SD ${s.sd.toFixed(1)})`, `median ${num(s.median)}`, `(IQR ${num(s.q1)}–${num(s.q3)})`, `range ${num(s.min)}–${num(s.max)}`])
      assert.ok(text.includes(part), `${s.id}: its summary "${text}" gives ${part}`);
  }
  for (const t of Object.values(tables.subgroups)) {
    const text = await textOf(page, `${scope} [data-table="${t.id}"]`);
    // Compared without white space: a group's "N = …" is on a line of its own (a <br>, no space in the text).
    const squeezed = text.replace(/\s+/g, "");
    for (const cell of [...t.layout!.header, ...t.layout!.rows.flat()].filter((c) => c !== "")) assert.ok(squeezed.includes(cell.replace(/\s+/g, "")), `table "${t.id}" shows "${cell}"`);
    for (const note of t.layout!.footnotes) assert.ok(text.includes(note), `table "${t.id}": its note "${note}"`);
  }
  for (const s of Object.values(tables.summaries)) {
    const text = await textOf(page, `${scope} [data-summary="${s.id}"]`);
    for (const g of s.groups) {
      const n = !g.suppressed ? `n = ${g.n}` : g.suppressed.startsWith("<") ? `n ${g.suppressed}` : `n = ${g.suppressed}`;
      assert.ok(text.includes(n), `summary "${s.id}", group ${g.group}: ${n}`);
      if (Number.isFinite(g.median)) assert.ok(text.includes(`${num(g.median)} (${num(g.q1)}–${num(g.q3)})`), `summary "${s.id}", group ${g.group}: median (IQR)`);
      else assert.ok(g.suppressed?.startsWith("<"), `summary "${s.id}", group ${g.group}: no median only when hidden`);
    }
    await checkHidden(page, `${scope} [data-summary="${s.id}"]`, s.groups);
  }
  for (const r of Object.values(tables.correlations)) {
    const text = await textOf(page, `${scope} [data-correlation="${r.id}"]`);
    assert.ok(text.includes(r.r.toFixed(2)) && text.includes(`t(${r.df})`) && text.includes(r.pText), `correlation "${r.id}": r, t and p in "${text}"`);
  }
  // Survey text that looks like markup is shown as text (checked above): no element was made from it.
  for (const d of Object.values(tables.distributions))
    for (const [, tag] of d.levels.flatMap((l) => [...l.level.matchAll(/<([a-z][a-z0-9-]*)/gi)]))
      assert.equal(await page.locator(`${section(d.id)} ${tag}`).count(), 0, `${d.id}: "<${tag}" in an answer label made no <${tag}> element`);
}
