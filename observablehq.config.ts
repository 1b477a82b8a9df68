// Observable Framework configuration. Offline-specific settings are marked; the rest of the
// offline glue lives in scripts/framework-offline.ts.
import {existsSync, readFileSync} from "node:fs";

interface Study {id: string; name: string; data: string; page: "written" | "generated"}
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
    {name: "Across studies", path: "/compare"},
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
  search: false,
  linkify: true
};
