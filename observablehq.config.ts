// Observable Framework configuration. Offline-specific settings are marked; the rest of the
// offline glue lives in scripts/framework-offline.ts.
import {existsSync, readFileSync} from "node:fs";

interface Study {id: string; name: string; data: string; page: "written" | "generated"; parts?: {id: string}[]}
const STUDIES = new URL("./src/data/studies.json", import.meta.url);
/**
 * The compile step's list of studies. Missing (Framework run without the compile step) or holding a
 * {buildError} (`npm run dev` after a failed compile; a build stops before Framework): no study
 * pages are listed, and the home page shows the error.
 */
function readStudies(): Study[] {
  if (!existsSync(STUDIES)) return [];
  const data = JSON.parse(readFileSync(STUDIES, "utf8"));
  return Array.isArray(data) ? data : [];
}
const studies = readStudies();
const sidebarEntry = (s: Study) => ({name: s.name, path: `/studies/${s.id}`});

interface PublicQuestion {id: string; label: string; levels?: string[]}
interface Aggregate {id: string; measure: string; population: string}
const readJson = (path: string): any => {
  const url = new URL(`./src/data/${path}`, import.meta.url);
  return existsSync(url) ? JSON.parse(readFileSync(url, "utf8")) : undefined;
};
/**
 * The search index's entries beyond the pages' own text (Framework indexes only a page's static
 * Markdown, and the questions are drawn by JavaScript): every public question of every study, and
 * every published figure of a source known only by its figures, each leading to its study's page
 * (at the question's anchor on a generated page, which writes one per question). So a reader can
 * find a question, or an answer such as a platform, across studies.
 */
async function* questionEntries() {
  for (const s of studies) {
    const page = `/studies/${s.id}.html`;
    // A dataset that is part_of a study (the coded posts) is shown on the study's page.
    for (const dataset of [s.id, ...(s.parts ?? []).map((p) => p.id)]) {
      for (const q of (readJson(`${dataset}/codebook.json`)?.questions ?? []) as PublicQuestion[]) {
        yield {path: `${page}#${dataset}-${q.id}`, title: `${q.label} (${s.name})`, text: [q.label, ...(q.levels ?? [])].join(" "), keywords: `${q.id} ${dataset}`};
      }
    }
    for (const a of (readJson(`${s.id}/tables.json`)?.aggregates ?? []) as Aggregate[]) {
      yield {path: `${page}#${a.id}`, title: `${a.measure}: ${a.population} (${s.name})`, text: `${a.measure} ${a.population}`, keywords: `${a.id} ${s.id}`};
    }
  }
}

export default {
  title: "Health professionals on social media",
  root: "src",
  // SURVEY_REPORT_OUTPUT lets a test build somewhere other than dist/.
  output: process.env.SURVEY_REPORT_OUTPUT || "dist",
  // Offline: the default global stylesheet loads Google Fonts.
  globalStylesheets: [],
  style: "style.css",
  // No favicon request (the site ships none).
  head: '<link rel="icon" href="data:,">',
  // Offline: Framework would download DuckDB's json and parquet extensions at build (null drops them).
  duckdb: {extensions: {json: null, parquet: null}},
  // The sidebar lists every study the compile step found under data/, and the generated study pages
  // are listed for the build: both from src/data/studies.json (the home page's cards), which
  // `npm run build` and `npm run dev` write from data/ before Framework reads this file. Read here
  // rather than the codebooks themselves, so that the list is the cards' list (part_of datasets left
  // out, each study's name and whether it has a page of its own decided once, in loaders/cards.ts).
  pages: [
    {name: "Studies", pages: studies.filter((s) => s.data !== "aggregates").map(sidebarEntry)},
    {name: "Published figures", pages: studies.filter((s) => s.data === "aggregates").map(sidebarEntry)},
    // Only when data/compare.yaml says what to compare (the compile step writes null otherwise).
    ...(readJson("data/compare.json") === null ? [] : [{name: "Across studies", path: "/compare"}]),
    {name: "Reproduction check", path: "/reproduction"},
    {name: "Explore the data", path: "/explore"}
  ].filter((section) => section.pages?.length !== 0),
  dynamicPaths: [
    // Written at this exact path (not hashed) for machines: every printed number and its verdict.
    "/reproduction/claims.json",
    // src/studies/[study].md, for each study without a page of its own (src/studies/<id>.md wins).
    ...studies.filter((s) => s.page === "generated").map((s) => `/studies/${s.id}`)
  ],
  footer: "Built with Observable Framework from the files under data/. Reconstructed data are labelled as such on every page.",
  // Links name their files (/studies/x.html, not /studies/x), so that the site works on any static
  // server, python3 -m http.server included, and not only on hosts that add .html. (Framework 1.13's
  // cleanUrls: false, which it deprecates for this.) Framework adds .html to the links of a page's
  // static HTML and of the sidebar; links made in JavaScript name the file themselves.
  preserveExtension: true,
  // Framework's own search, in the sidebar: its index (dist/_observablehq/minisearch.<hash>.json) is
  // written at build and read from this site, so it works offline.
  search: {index: questionEntries},
  linkify: true
};
