import assert from "node:assert/strict";
import {test} from "node:test";
import {csvFormatRows} from "d3-dsv";
import {AGGREGATE_COLUMNS, parseAggregates} from "./aggregates.ts";
import {ValidationError} from "./responses.ts";

const row = ["youtube_all", "Uses YouTube", "US adults", "73", "%", "2002", "2018", "Smith A, Anderson M. Social Media Use in 2018. Pew Research Center; 2018.", "Chart: social media platforms", "Weighted"];
const csv = (...rows: string[][]) => csvFormatRows([[...AGGREGATE_COLUMNS], ...rows]);

test("a published figure keeps its printed string and its source", () => {
  const [a] = parseAggregates(csv(row));
  assert.equal(a.printed, "73");
  assert.equal(a.value, 73);
  assert.equal(a.n, 2002);
  assert.match(a.source, /Pew Research Center/);
});

test("a row without its source, or with an impossible value, stops with row and column", () => {
  const bad = [...row];
  bad[3] = "173";
  bad[7] = "";
  assert.throws(() => parseAggregates(csv(bad), "pew.csv"), (e: Error) => {
    assert.ok(e instanceof ValidationError);
    assert.match(e.message, /pew\.csv, row 2, column D "value": "173" — expected a percentage from 0 to 100/);
    assert.match(e.message, /pew\.csv, row 2, column H "source": empty — expected the citation of the source/);
    return true;
  });
});

test("ids are unique and the header is the documented one", () => {
  assert.throws(() => parseAggregates(csv(row, row)), /expected a unique id/);
  assert.throws(() => parseAggregates(csvFormatRows([["id", "value"], ["a", "1"]])), /expected the header id,measure,population/);
});

test("a figure with n gets a 95% Wilson interval; one without n gets none", () => {
  // R 4.2.2: format(prop.test(0.73 * 2002, 2002, correct = FALSE)$conf.int * 100, digits = 10)
  //   → "71.01258548" "74.89931827"
  const [a] = parseAggregates(csv(row));
  assert.ok(Math.abs(a.low! - 71.01258548) < 1e-7 && Math.abs(a.high! - 74.89931827) < 1e-7, `${a.low} – ${a.high}`);
  const noN = [...row];
  noN[5] = "";
  const [b] = parseAggregates(csv(noN));
  assert.equal(b.low, null);
  assert.equal(b.high, null);
});
