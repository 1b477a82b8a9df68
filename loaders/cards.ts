// One card per study for the home page: what it is, how many, what kind of data, and its headline
// figure, computed from the data like everything else.
import {existsSync} from "node:fs";
import {join} from "node:path";
import {readAggregates} from "./aggregates.ts";
import {type Codebook, ROOT, loadCodebook, studies} from "./codebook.ts";
import {type TablesOf, computeTables} from "./tables.ts";

export interface StudyCard {
  id: string;
  title: string;
  /** A short name for lists of studies (the sidebar, the explorer): "Bendayan et al. 2024 (France)". */
  name: string;
  /** Its page: hand-written (src/studies/<id>.md, which takes precedence) or generated from the codebook (src/studies/[study].md). */
  page: "written" | "generated";
  authors?: string;
  year: number;
  country?: string;
  journal?: string;
  data: Codebook["study"]["data"];
  /** Rows of response-level data (respondents, or posts…), or the largest n the aggregates give. */
  n: number | null;
  /** The n is the reconstruction's assumption, not the source's (see sampleSizeAssumed). */
  nAssumed: boolean;
  unit: string;
  /** Datasets that belong to this study (study.part_of), with their sizes. */
  parts: {id: string; n: number; nAssumed: boolean; unit: string}[];
  headline: {label: string; percent: number; printed?: string; base?: number} | null;
}

async function responseCard(cb: Codebook, tablesOf: TablesOf): Promise<{n: number; headline: StudyCard["headline"]}> {
  const tables = await tablesOf(cb.study.id);
  const n = tables.respondents.total;
  const h = cb.study.headline;
  if (!h?.variable) return {n, headline: null};
  // The headline may be a level of a single-choice question or grouping, or an option of a multiple-choice one.
  const distribution = tables.distributions[h.variable];
  const choice = tables.choices[h.variable];
  const level = (distribution?.levels ?? choice?.options ?? []).find((l) => l.level === h.level);
  if (!level) throw new Error(`${cb.study.id}: the headline's "${h.variable}" has no level "${h.level}" in the tables`);
  // A count the tables hide (small_cells) is no headline: the card shows none rather than a hidden share.
  if (level.suppressed) return {n, headline: null};
  return {n, headline: {label: h.label, percent: level.percent, base: (distribution ?? choice).base}};
}

/**
 * "Bendayan et al. 2024 (France)": the first author's surname ("and" the second when there are two,
 * "et al." for more; an organisation, written without initials, alone), the year, and the country
 * unless the codebook says it is not stated.
 */
export function shortName(study: Codebook["study"]): string {
  const authors = (study.authors ?? "").split(",").map((a) => a.trim()).filter(Boolean);
  const initials = /\s+[A-Z]{1,3}$/;
  const surname = (a: string) => a.replace(initials, "");
  const who =
    authors.length === 0 ? (study.journal ?? study.title)
    : authors.length === 1 || !initials.test(authors[0]) ? surname(authors[0])
    : authors.length === 2 ? `${surname(authors[0])} and ${surname(authors[1])}`
    : `${surname(authors[0])} et al.`;
  const where = study.country && !/^not stated/i.test(study.country) ? ` (${study.country})` : "";
  return `${who} ${study.year}${where}`;
}

/**
 * Whether a dataset's n is assumed: reconstructed rows whose codebook has a `sample_note`, which
 * says why the sample size is what it is when the source does not report it (docs/codebook.md). The
 * source's n is then unknown, and the reconstruction's is a choice.
 */
export const sampleSizeAssumed = (study: Codebook["study"]) => study.data === "reconstructed" && Boolean(study.sample_note);

/** Whether a study has a hand-written page; if not, Framework generates one from src/studies/[study].md. */
export const hasWrittenPage = (id: string) => existsSync(join(ROOT, "src", "studies", `${id}.md`));

/**
 * One card per study; the build passes its compiled tables, by default they are computed from the
 * raw files. `codebooks` defaults to every study under data/ (a test passes its own).
 */
export async function studyCards(tablesOf: TablesOf = computeTables, {codebooks = studies().map(loadCodebook)}: {codebooks?: Codebook[]} = {}): Promise<StudyCard[]> {
  const cards: StudyCard[] = [];
  for (const cb of codebooks.filter((cb) => !cb.study.part_of)) {
    const {study} = cb;
    let n: number | null, headline: StudyCard["headline"];
    if (study.data === "aggregates") {
      const {aggregates} = readAggregates(study.id);
      const sizes = aggregates.map((a) => a.n).filter((x): x is number => x !== null);
      n = sizes.length ? Math.max(...sizes) : null;
      const row = study.headline?.aggregate ? aggregates.find((a) => a.id === study.headline!.aggregate) : undefined;
      if (study.headline?.aggregate && !row) throw new Error(`${study.id}: headline names aggregate "${study.headline.aggregate}", which aggregates.csv does not have`);
      headline = row ? {label: study.headline!.label, percent: row.value, printed: row.printed} : null;
    } else {
      ({n, headline} = await responseCard(cb, tablesOf));
    }
    const parts = [];
    for (const part of codebooks.filter((p) => p.study.part_of === study.id)) {
      parts.push({id: part.study.id, n: (await tablesOf(part.study.id)).respondents.total, nAssumed: sampleSizeAssumed(part.study), unit: part.study.unit ?? "rows"});
    }
    cards.push({id: study.id, title: study.title, name: shortName(study), page: hasWrittenPage(study.id) ? "written" : "generated", authors: study.authors, year: study.year, country: study.country, journal: study.journal, data: study.data, n, nAssumed: sampleSizeAssumed(study), unit: study.unit ?? "respondents", parts, headline});
  }
  return cards.sort((a, b) => b.year - a.year || a.id.localeCompare(b.id));
}
