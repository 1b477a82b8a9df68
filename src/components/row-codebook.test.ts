// Tests for src/components/row-codebook.ts, on the public codebook the pages read (codebook.json).
// Run: node --import tsx --test src/components/row-codebook.test.ts
import assert from "node:assert/strict";
import {test} from "node:test";
import {loadCodebook} from "../../loaders/codebook.ts";
import {publicCodebook} from "../../loaders/responses.ts";
import {rowCodebook} from "./row-codebook.ts";

test("bendayan-2024's rows: the dropped questions are gone, their derived groupings stay", () => {
  const codebook = publicCodebook(loadCodebook("bendayan-2024"));
  const rows = rowCodebook(codebook);
  const dropped = Object.entries(codebook.publicRows).filter(([, how]) => how === "drop").map(([id]) => id);
  assert.ok(dropped.length > 0);
  for (const id of dropped) assert.ok(!rows.questions.some((q) => q.id === id), id);
  assert.equal(rows.questions.length, codebook.questions.length - dropped.length);
  assert.deepEqual(rows.derived.map((d) => d.id), codebook.derived.map((d) => d.id));
  assert.equal(codebook.questions.length, rowCodebook({...codebook, publicRows: {}}).questions.length, "nothing dropped without public_rows");
});

test("a number published in its bands becomes a single-choice question of them", () => {
  const codebook = {
    questions: [{id: "age", type: "number", bands: [{label: "< 40", max: 39}, {label: "40+", min: 40}]}, {id: "hours", type: "number"}],
    derived: [{id: "older", from: "age"}],
    publicRows: {age: "bands" as const, hours: {top_code: 40}}
  };
  const rows = rowCodebook(codebook);
  assert.deepEqual(rows.questions[0], {id: "age", type: "single", levels: ["< 40", "40+"], bands: undefined});
  assert.deepEqual(rows.questions[1], {id: "hours", type: "number"}, "a top-coded number stays a number");
});
