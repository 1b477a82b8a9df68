// Tests for loaders/browser-files.ts. Run: node --import tsx --test loaders/browser-files.test.ts
import assert from "node:assert/strict";
import {describe, test} from "node:test";
import {browserModules, exampleQueries} from "./browser-files.ts";

const codebook = {
  study: {unit: "respondents"},
  questions: [
    {id: "followup", label: "Follow-up", type: "single", asked_if: {question: "role", in: ["Nurse"]}},
    {id: "role", label: "Role", type: "single"},
    {id: "trust", label: "Trust", type: "rating"},
    {id: "platforms", label: "Platforms used", type: "multiple"},
    {id: "hours", label: "Hours a week", type: "number"}
  ]
};

describe("the explorer's worked examples, from a public codebook", () => {
  test("a count, a count by the first single-choice question asked of all, an unnest, a number's summary", () => {
    const examples = exampleQueries(codebook);
    assert.deepEqual(examples.map(([label]) => label), ["Respondents", "Role: count by answer", "Platforms used: count by answer (several possible)", "Hours a week: summary"]);
    assert.equal(examples[0][1], "SELECT count(*) AS respondents FROM responses");
    assert.match(examples[1][1], /^SELECT "role", count\(\*\) AS n\nFROM responses\nGROUP BY "role"/);
    assert.match(examples[2][1], /unnest\("platforms"\) AS answer/);
    assert.match(examples[3][1], /avg\("hours"\)/, "a number question before a rating");
  });

  test("a rating when there is no number; the unit names the count; nothing for types the codebook lacks", () => {
    const examples = exampleQueries({study: {unit: "coded posts"}, questions: [{id: "trust", label: "Trust", type: "rating"}]});
    assert.deepEqual(examples, [
      ["Coded posts", `SELECT count(*) AS "coded posts" FROM responses`],
      ["Trust: summary", examples[1][1]]
    ]);
    assert.match(examples[1][1], /median\("trust"\)/);
  });

  test("identifiers are quoted: a question id with a quote stays one identifier", () => {
    const [, byAnswer] = exampleQueries({study: {}, questions: [{id: 'a"b', label: "A", type: "single"}]});
    assert.match(byAnswer[1], /SELECT "a""b", count/);
  });
});

describe("src/data/files.js and src/data/explore.js", () => {
  const modules = browserModules(
    new Map([["s-2025", ["tables.json", "responses.arrow", "responses.parquet"]], ["agg-2018", ["tables.json"]]]),
    new Map([["s-2025", [["Respondents", "SELECT 1"]]]])
  );
  const files = modules.get("data/files.js")!, explore = modules.get("data/explore.js")!;

  test("files.js: each JSON file as a literal FileAttachment and every file's URL, keyed by study", () => {
    assert.match(files, /^import \{FileAttachment\} from "observablehq:stdlib";$/m);
    assert.match(files, /"tables\.json": FileAttachment\("\.\/agg-2018\/tables\.json"\)\n/);
    assert.match(files, /"responses\.parquet": FileAttachment\("\.\/s-2025\/responses\.parquet"\)\.href/);
    // Only as URLs: a bare FileAttachment of Arrow or Parquet would load its reader in every page importing it.
    assert.doesNotMatch(files, /FileAttachment\("[^"]+\.(parquet|arrow)"\)(?!\.href)/);
    assert.ok(files.indexOf('"agg-2018"') < files.indexOf('"s-2025"'), "studies in order of id");
  });

  test("explore.js: the rows of each dataset that has them, and its examples", () => {
    assert.match(explore, /export const rows = \{\n {2}"s-2025": FileAttachment\("\.\/s-2025\/responses\.arrow"\)\n\};/);
    const examples = JSON.parse(explore.slice(explore.indexOf("export const examples = ") + "export const examples = ".length).replace(/;\s*$/, ""));
    assert.deepEqual(examples, {"s-2025": [["Respondents", "SELECT 1"]]});
  });
});
