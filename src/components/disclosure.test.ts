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
