// Tests for loaders/cards.ts. Run: node --import tsx --test loaders/cards.test.ts
// The cards are built from in-memory codebooks and tables (no raw file is read).
import assert from "node:assert/strict";
import {describe, test} from "node:test";
import {hasWrittenPage, shortName, studyCards} from "./cards.ts";
import {parseCodebook} from "./codebook.ts";
import type {StudyTables, TablesOf} from "./tables.ts";

const codebookText = (headline: string) => `
study:
  id: card-fixture
  title: A survey whose headline is a checkbox question
  authors: Doe J, Roe R, Poe P
  citation: "Doe J, Roe R, Poe P. A survey. 2025."
  year: 2025
  country: Belgium
  data: original
${headline}
responses:
  file: responses.csv
  format: google-forms
questions:
  - id: platforms
    column: Which platforms do you use?
    label: Platforms used
    type: multiple
    options: {Facebook: Facebook, LinkedIn: LinkedIn}
  - id: role
    column: What is your role?
    label: Role
    type: single
    options: {Physician: Physician, Nurse: Nurse}
`;

// 6 of 7 respondents ticked Facebook: 85.7%. (The bug: the card said 0.0%, the share of a
// one-answer-per-row distribution computed over a checkbox column, where no cell equals "Facebook".)
const tables = {
  study: {id: "card-fixture"},
  respondents: {total: 8, complete: 7},
  distributions: {
    role: {id: "role", label: "Role", published: true, answered: 8, missing: 0, denominator: "answered", base: 8, levels: [{level: "Physician", n: 5, percent: 62.5}, {level: "Nurse", n: 3, percent: 37.5}]}
  },
  choices: {
    platforms: {
      id: "platforms", label: "Platforms used", published: true, answered: 7, denominator: "answered", base: 7,
      options: [{level: "Facebook", n: 6, percent: (100 * 6) / 7, low: 48.7, high: 97.4}, {level: "LinkedIn", n: 2, percent: (100 * 2) / 7, low: 8.2, high: 64.1}]
    }
  },
  numbers: {},
  subgroups: {},
  correlations: {},
  summaries: {}
} as unknown as StudyTables;
const tablesOf: TablesOf = async (id) => {
  assert.equal(id, "card-fixture");
  return tables;
};

describe("a study's home-page card", () => {
  test("a headline on a multiple-choice option gives that option's share of the question's base (was 0.0%)", async () => {
    const codebook = parseCodebook(codebookText(`  headline: {label: use Facebook, variable: platforms, level: Facebook}`));
    const [card] = await studyCards(tablesOf, {codebooks: [codebook]});
    const facebook = tables.choices.platforms.options[0];
    assert.equal(card.headline?.percent, facebook.percent);
    assert.equal(card.headline?.percent.toFixed(1), "85.7");
    assert.equal(card.headline?.base, tables.choices.platforms.base);
    assert.equal(card.headline?.label, "use Facebook");
  });

  test("a headline on a single-choice level gives that level's share", async () => {
    const codebook = parseCodebook(codebookText(`  headline: {label: are physicians, variable: role, level: Physician}`));
    const [card] = await studyCards(tablesOf, {codebooks: [codebook]});
    assert.equal(card.headline?.percent, 62.5);
    assert.equal(card.n, 8);
  });

  test("tables without the headline's level (compiled from another codebook) stop, naming the study, question and level", async () => {
    const codebook = parseCodebook(codebookText(`  headline: {label: use LinkedIn, variable: platforms, level: LinkedIn}`));
    const older = structuredClone(tables);
    older.choices.platforms.options = older.choices.platforms.options.filter((o) => o.level !== "LinkedIn");
    await assert.rejects(studyCards(async () => older, {codebooks: [codebook]}), /card-fixture: the headline's "platforms" has no level "LinkedIn"/);
  });

  test("its short name for lists, and whether its page is hand-written or generated", async () => {
    const codebook = parseCodebook(codebookText(""));
    const [card] = await studyCards(tablesOf, {codebooks: [codebook]});
    assert.equal(card.name, "Doe et al. 2025 (Belgium)");
    assert.equal(card.page, "generated", "src/studies/card-fixture.md does not exist");
    assert.equal(card.headline, null);
    assert.ok(hasWrittenPage("bendayan-2024"));
  });

  test("its n is marked assumed when the rows are reconstructed and the codebook says why the sample size is what it is (sample_note)", async () => {
    const text = codebookText("");
    const [original] = await studyCards(tablesOf, {codebooks: [parseCodebook(text)]});
    assert.equal(original.nAssumed, false, "original data: the n is the data's");
    const reconstructed = text.replace("data: original", "data: reconstructed");
    const [reported] = await studyCards(tablesOf, {codebooks: [parseCodebook(reconstructed)]});
    assert.equal(reported.nAssumed, false, "reconstructed to a sample size the source reports");
    const [assumed] = await studyCards(tablesOf, {codebooks: [parseCodebook(reconstructed.replace("  data: reconstructed", "  data: reconstructed\n  sample_note: The source does not report its sample size; the reconstruction assumes 8."))]});
    assert.equal(assumed.nAssumed, true);
    assert.equal(assumed.n, 8);
  });
});

describe("shortName", () => {
  const study = (extra: object) => ({id: "x", title: "T", citation: "C", year: 2018, data: "aggregates" as const, ...extra});
  test("one author, two authors, an organisation, no country or one not stated", () => {
    assert.equal(shortName(study({authors: "Ali A", country: "Not stated (author in Pakistan)"})), "Ali 2018");
    assert.equal(shortName(study({authors: "Smith A, Anderson M", country: "United States"})), "Smith and Anderson 2018 (United States)");
    assert.equal(shortName(study({authors: "Kantar Media, Healthcare Research Client Services"})), "Kantar Media 2018", "an organisation (no initials) alone");
    assert.equal(shortName(study({journal: "Pew Research Center"})), "Pew Research Center 2018");
  });
});
