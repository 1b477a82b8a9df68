import assert from "node:assert/strict";
import {test} from "node:test";
import {stringify} from "yaml";
import {CodebookError, loadCodebook, parseCodebook, studies} from "./codebook.ts";

const minimal = () => ({
  study: {id: "demo-2024", title: "Demo", citation: "Demo et al.", year: 2024, data: "reconstructed"},
  responses: {file: "responses.csv", format: "google-forms"},
  scales: {ten: {min: 0, max: 10, bins: [{label: "0–4", min: 0, max: 4}, {label: "5–10", min: 5, max: 10}]}},
  questions: [
    {id: "sex", column: "Sexe", label: "Sex", type: "single", options: {Femme: "Female", Homme: "Male"}},
    {id: "score", column: "Note", label: "Score", type: "rating", scale: "ten", asked_if: {question: "sex", in: ["Femme"]}}
  ],
  derived: [{id: "female", from: "sex", label: "Female", groups: {Yes: ["Femme"], No: "*"}}],
  tables: {t1: {title: "T", by: ["female"], rows: [{variable: "score", level: "5–10", label: "High score"}]}}
});

function rejects(codebook: unknown, pattern: RegExp) {
  assert.throws(() => parseCodebook(stringify(codebook), "demo.yaml"), (e: Error) => {
    assert.ok(e instanceof CodebookError, `expected a CodebookError, got ${e}`);
    assert.match(e.message, pattern);
    return true;
  });
}

test("every study's codebook under data/ is valid", () => {
  assert.ok(studies().includes("bendayan-2024"));
  for (const id of studies()) assert.equal(loadCodebook(id).study.id, id);
});

test("a minimal codebook parses", () => {
  assert.equal(parseCodebook(stringify(minimal())).questions.length, 2);
});

test("schema errors name the file, the line and the allowed values", () => {
  const cb = minimal();
  (cb.questions[0] as {type: string}).type = "singel";
  rejects(cb, /demo\.yaml:\d+: \/questions\/0\/type must be equal to one of the allowed values \(one of: single, ordinal, multiple, rating, number, text\)/);
});

test("an unknown key is refused", () => {
  const cb = minimal();
  (cb.questions[0] as Record<string, unknown>).colour = "red";
  rejects(cb, /must NOT have unevaluated properties/);
});

test("a data kind outside reconstructed | original | aggregates is refused", () => {
  const cb = minimal();
  cb.study.data = "simulated";
  rejects(cb, /\/study\/data must be equal to one of the allowed values/);
});

test("duplicate question ids are refused", () => {
  const cb = minimal();
  cb.questions[1].id = "sex";
  rejects(cb, /question id "sex" is defined twice/);
});

test("a rating must name a defined scale", () => {
  const cb = minimal();
  cb.questions[1].scale = "five";
  rejects(cb, /unknown scale "five"/);
});

test("rating bins must cover the scale exactly once", () => {
  const gap = minimal();
  gap.scales.ten.bins[1].min = 6;
  rejects(gap, /no bin holds the rating 5/);
  const overlap = minimal();
  overlap.scales.ten.bins[1].min = 4;
  rejects(overlap, /4 is in bins "0–4" and "5–10"/);
});

test("skip logic must name an earlier question and one of its options", () => {
  const cb = minimal();
  cb.questions[1].asked_if = {question: "sex", in: ["Femmes"]};
  rejects(cb, /asked_if uses "Femmes", which is not an option of "sex"/);
});

test("derived groups must use the source question's raw labels", () => {
  const cb = minimal();
  cb.derived[0].groups = {Yes: ["Female"], No: "*"};
  rejects(cb, /"Female" is not an option of "sex"/);
});

test("a table row must name a level of its variable", () => {
  const cb = minimal();
  cb.tables.t1.rows[0].level = "8–10";
  rejects(cb, /"8–10" is not a level of "score" \(levels: 0–4, 5–10\)/);
});

test("invalid YAML reports its line", () => {
  assert.throws(() => parseCodebook("study:\n  id: [unclosed\n", "bad.yaml"), /bad\.yaml:\d+: invalid YAML/);
});

test("the complete example in docs/codebook.md is a valid codebook", async () => {
  const {readFileSync} = await import("node:fs");
  const {join} = await import("node:path");
  const {ROOT} = await import("./codebook.ts");
  const doc = readFileSync(join(ROOT, "docs", "codebook.md"), "utf8");
  const example = doc.match(/```yaml\n([\s\S]*?)```/)?.[1];
  assert.ok(example, "docs/codebook.md has a yaml example");
  const cb = parseCodebook(example, "docs/codebook.md");
  assert.deepEqual(cb.questions.map((q) => q.type), ["single", "ordinal", "multiple", "rating", "number", "text"]);
});

test("response-level data needs its responses file; aggregates need their table and have no questions", () => {
  const cb: Record<string, unknown> = minimal();
  delete cb.responses;
  rejects(cb, /must have required property 'responses'/);
  const aggregates = {study: {...minimal().study, data: "aggregates"}, aggregates: {file: "aggregates.csv"}};
  assert.equal(parseCodebook(stringify(aggregates)).questions.length, 0);
  rejects({...aggregates, questions: minimal().questions}, /\/questions|must NOT be valid|boolean schema is false/);
});

test("a share's denominator is 'answered' or 'respondents'", () => {
  const cb = minimal();
  (cb.questions[0] as Record<string, unknown>).denominator = "respondents";
  assert.equal(parseCodebook(stringify(cb)).questions[0].denominator, "respondents");
  (cb.questions[0] as Record<string, unknown>).denominator = "users";
  rejects(cb, /denominator must be equal to one of the allowed values \(one of: answered, respondents\)/);
});

test("a headline must name a level of a variable", () => {
  const cb = minimal() as ReturnType<typeof minimal> & {study: Record<string, unknown>};
  cb.study.headline = {label: "High score", variable: "score", level: "5–10"};
  assert.ok(parseCodebook(stringify(cb)).study.headline);
  cb.study.headline = {label: "High score", variable: "score", level: "8–10"};
  rejects(cb, /headline: "8–10" is not a level of "score"/);
});

test("a Qualtrics codebook lists 'Other' as an option instead of catching leftover text", () => {
  const cb = minimal();
  cb.responses.format = "qualtrics";
  (cb.questions as Record<string, unknown>[]).push({id: "why", column: "Q3", label: "Why", type: "multiple", options: {A: "A", Other: "Other"}, other: "Other"});
  rejects(cb, /Qualtrics exports written-in text in its own _TEXT column/);
});

test("skip logic: conditionHolds on single and multiple raw answers", async () => {
  const {conditionHolds} = await import("./codebook.ts");
  assert.equal(conditionHolds({question: "q", in: ["Oui"]}, "Oui"), true);
  assert.equal(conditionHolds({question: "q", in: ["Oui"]}, "Non"), false);
  assert.equal(conditionHolds({question: "q", not: ["Jamais"]}, "Rarement"), true);
  assert.equal(conditionHolds({question: "q", not: ["Jamais"]}, "Jamais"), false);
  assert.equal(conditionHolds({question: "q", not: ["Jamais"]}, null), false, "an unanswered question asks nothing further");
  assert.equal(conditionHolds({question: "q", in: ["Autre"]}, ["A", "Autre"]), true);
  assert.equal(conditionHolds({question: "q", in: ["Autre"]}, ["A"]), false);
});
