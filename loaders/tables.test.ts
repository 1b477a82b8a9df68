import assert from "node:assert/strict";
import {after, before, describe, test} from "node:test";
import {csvFormatRows} from "d3-dsv";
import {stringify} from "yaml";
import {parseCodebook} from "./codebook.ts";
import {type StudyDatabase, openStudyDatabase} from "./database.ts";
import {type StudyTables, studyTables} from "./tables.ts";

// A small study: 15 respondents answer x and y (the vectors R's cor.test was run on in
// stats.test.ts); 10 use social media and only they are asked why.
const x = [1, 2, 3, 4, 5, 2, 3, 4, 5, 5, 1, 2, 4, 3, 5];
const y = [2, 2, 3, 5, 5, 1, 3, 4, 4, 5, 2, 2, 5, 3, 4];
const codebook = parseCodebook(
  stringify({
    study: {id: "demo-2025", title: "Demo", citation: "Demo et al.", year: 2025, data: "reconstructed"},
    // A few columns of hand-made answers: rows repeat, and each is a respondent of its own.
    responses: {file: "responses.csv", format: "csv", duplicates: "allowed"},
    scales: {five: {min: 1, max: 5, bins: [{label: "1–3", min: 1, max: 3}, {label: "4–5", min: 4, max: 5}]}},
    questions: [
      {id: "uses", column: "uses", label: "Uses social media", type: "single", options: {yes: "Yes", no: "No"}, denominator: "respondents"},
      {id: "why", column: "why", label: "Why", type: "multiple", options: {learn: "To learn", talk: "To talk"}, asked_if: {question: "uses", in: ["yes"]}},
      {id: "why_all", column: "why_all", label: "Why (of all)", type: "multiple", options: {learn: "To learn", talk: "To talk"}, asked_if: {question: "uses", in: ["yes"]}, denominator: "respondents"},
      {id: "x", column: "x", label: "Engagement", type: "rating", scale: "five"},
      {id: "y", column: "y", label: "Growth", type: "rating", scale: "five"}
    ],
    correlations: {engagement_growth: {x: "x", y: "y", label: "Engagement and growth"}},
    summaries: {x_by_use: {variable: "x", by: "uses", label: "Engagement by use"}}
  })
);
const rows = x.map((xi, i) => {
  const uses = i < 10 ? "yes" : "no";
  const why = i >= 10 ? "" : i < 7 ? "learn;talk" : "talk";
  return [uses, why, why, String(xi), String(y[i])];
});

describe("studyTables on a hand-made study", () => {
  let db: StudyDatabase;
  let t: StudyTables;
  before(async () => {
    db = await openStudyDatabase({codebook, text: csvFormatRows([["uses", "why", "why_all", "x", "y"], ...rows])});
    t = await studyTables(db);
  });
  after(() => db.close());

  test("shares of those who answered, or of every respondent, as the codebook says", () => {
    assert.deepEqual(t.distributions.uses.levels.map((l) => [l.level, l.n, l.percent]), [["Yes", 10, (100 * 10) / 15], ["No", 5, (100 * 5) / 15]]);
    assert.equal(t.distributions.uses.denominator, "respondents");
    const learn = (c: StudyTables["choices"][string]) => c.options.find((o) => o.level === "To learn")!;
    assert.equal(t.choices.why.base, 10);
    assert.equal(learn(t.choices.why).percent, 70);
    assert.equal(t.choices.why_all.base, 15);
    assert.equal(learn(t.choices.why_all).percent, (100 * 7) / 15);
  });

  test("choices carry Wilson intervals and are sorted by count", () => {
    assert.deepEqual(t.choices.why.options.map((o) => [o.level, o.n]), [["To talk", 10], ["To learn", 7]]);
    const learn = t.choices.why.options[1];
    assert.ok(learn.low < 70 && learn.high > 70 && learn.low > 0 && learn.high < 100);
  });

  test("ratings are binned by their scale", () => {
    assert.deepEqual(t.distributions.x.levels.map((l) => l.n), [x.filter((v) => v <= 3).length, x.filter((v) => v >= 4).length]);
  });

  // R 4.2.2: for (v in list(c(1,2,3,4,5,2,3,4,5,5), c(1,2,4,3,5))) c(length(v), mean(v), sd(v), quantile(v))
  test("ratings are summarised, overall and within groups, with R's (type 7) quartiles", () => {
    assert.equal(t.numbers.x.n, 15);
    const [yes, no] = t.summaries.x_by_use.groups;
    assert.deepEqual(
      [yes.group, yes.n, yes.min, yes.q1, yes.median, yes.q3, yes.max],
      ["Yes", 10, 1, 2.25, 3.5, 4.75, 5]
    );
    assert.ok(Math.abs(yes.sd - 1.429840705968481) < 1e-12, `sd = ${yes.sd}`);
    assert.deepEqual([no.group, no.n, no.mean, no.q1, no.median, no.q3], ["No", 5, 3, 2, 3, 4]);
  });

  test("correlations equal R's cor.test (r 0.874161529593083, p 2.03468436804148e-05)", () => {
    const c = t.correlations.engagement_growth;
    assert.equal(c.n, 15);
    assert.ok(Math.abs(c.r - 0.87416152959308335) < 1e-12, `r = ${c.r}`);
    assert.ok(Math.abs(c.p - 2.0346843680414849e-05) / 2.0346843680414849e-05 < 1e-9, `p = ${c.p}`);
    assert.equal(c.pText, "<0.001");
  });
});
