// Tests for src/components/disclosure.js, on the reports the study pages read (tables.json
// `disclosure`, as the compile step writes it).
// Run: node --import tsx --test src/components/disclosure.test.ts
import assert from "node:assert/strict";
import {test} from "node:test";
import {compiledStudy} from "../../loaders/compile.ts";
import {disclosureSentences} from "./disclosure.js";

const reportOf = async (study: string) => JSON.parse((await compiledStudy(study)).files.get("tables.json")!.toString()).disclosure;

test("bendayan-2024: what was left out, what the rows were checked on, and the smallest group", async () => {
  const report = await reportOf("bendayan-2024");
  const text = disclosureSentences(report).join(" ");
  assert.match(text, /^The codebook names what someone could know about a respondent from elsewhere: Sex, Age, Specialty, /);
  assert.match(text, /Left out of the row-level files \(the tables above still use them\): Sex, Age, Specialty, Type of practice, Practice setting and Years of membership\./);
  assert.match(text, new RegExp(`On what the rows keep \\(Age band, Specialty \\(grouped\\) and Practises in a medically underserved area\\), every row shares its answers with at least 4 others \\(k = 5; the smallest group has ${report.smallestGroup}\\)\\.`));
});

test("a study with no identifying column says why; posts are not respondents", async () => {
  const text = disclosureSentences(await reportOf("ali-2025-posts"), {unit: "posts"}).join(" ");
  assert.match(text, /^No column is treated as identifying: The rows are coded public social-media posts/);
});

test("an accepted risk is stated with its counts and reason; aggregates publish no rows", () => {
  const report = {k: 5, quasiIdentifiers: [{id: "role", label: "Role"}], columns: [{id: "role", label: "Role", published: "as answered"}], checked: [{id: "role", label: "Role"}], rows: 10, unique: 1, belowK: 10, smallestGroup: 1, accepted: "Made-up test data."};
  const text = disclosureSentences(report).join(" ");
  assert.match(text, /On Role, 10 of 10 rows are in groups smaller than k = 5 \(1 unique\)\. Published anyway, as the codebook accepts: Made-up test data\./);
  assert.match(disclosureSentences(undefined)[0], /^Published figures only: no row-level data/);
});

test("small counts in the tables: none below k (bendayan-2024), accepted with a reason (auanassova-2025), or no rule set", async () => {
  assert.match(disclosureSentences(await reportOf("bendayan-2024")).at(-1)!, /^In the tables and figures, a count from 1 to 4 is shown as “< 5”, and a median or mean of fewer than 5 answers is not shown; none of this study's counts is that small, so none is hidden\.$/);
  assert.match(disclosureSentences(await reportOf("auanassova-2025")).at(-1)!, /^The tables and figures show every count, small ones included, as the codebook accepts: The tables reproduce the paper's/);
  const base = {k: 5, quasiIdentifiers: [], columns: [], checked: [], rows: 10, unique: 0, belowK: 0, smallestGroup: null, note: "None."};
  assert.equal(disclosureSentences(base).at(-1), "The tables and figures show every count: the codebook sets no small-cell threshold.");
  assert.equal(
    disclosureSentences({...base, smallCells: {k: 5, primary: 12, complementary: 1}}).at(-1),
    "In the tables and figures, a count from 1 to 4 is shown as “< 5”, and a median or mean of fewer than 5 answers is not shown: 12 are hidden, and 1 larger count is hidden with them (“x”) so that none can be worked out from the totals. The p-values use every answer."
  );
});
