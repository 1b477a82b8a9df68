// Tests for src/components/sql.ts. Run: node --import tsx --test src/components/sql.test.ts
// Each SQL text is run in native DuckDB, the same engine (and dialect) as DuckDB-Wasm.
import assert from "node:assert/strict";
import {after, before, describe, test} from "node:test";
import {type DuckDBConnection, DuckDBInstance} from "@duckdb/node-api";
import {answerIs, firstRowsQuery, ident, levelExpression, literal, rowCountQuery} from "./sql.ts";

let connection: DuckDBConnection;
const rows = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJS();

before(async () => {
  connection = await (await DuckDBInstance.create(":memory:")).connect();
  await connection.run(`CREATE TABLE responses AS SELECT * FROM (VALUES
    (1, 'Yes', 9, ['Facebook', 'X''s app']), (2, 'No', 3, ['Facebook']), (3, NULL, NULL, NULL), (4, 'Yes', 5, [])
  ) t(respondent, "odd ""name""", useful, platforms)`);
});
after(() => connection.closeSync());

const codebook = {
  questions: [
    {id: "useful", type: "rating", scale: "s"},
    {id: "platforms", type: "multiple"},
    {id: 'odd "name"', type: "single"}
  ],
  scales: {s: {bins: [{label: "0–4", min: 0, max: 4}, {label: "5–7", min: 5, max: 7}, {label: "8–10", min: 8, max: 10}]}}
};

describe("quoting", () => {
  test("identifiers and literals with quotes in them", async () => {
    assert.equal(ident('odd "name"'), '"odd ""name"""');
    assert.equal(literal("X's app"), "'X''s app'");
    assert.deepEqual(await rows(`SELECT ${ident('odd "name"')} AS v FROM responses WHERE respondent = 1`), [{v: "Yes"}]);
  });
});

describe("levelExpression and answerIs", () => {
  test("a rating is read by its scale's bins; other questions as they are", async () => {
    const got = await rows(`SELECT ${levelExpression(codebook, "useful")} AS bin FROM responses ORDER BY respondent`);
    assert.deepEqual(got.map((r) => r.bin), ["8–10", "0–4", null, "5–7"]);
    assert.equal(levelExpression(codebook, 'odd "name"'), '"odd ""name"""');
    assert.throws(() => levelExpression({questions: [{id: "x", type: "rating"}]}, "x"), /rating with no scale bins/);
  });
  test("answerIs: a level of a rating, an option among several", async () => {
    const where = async (condition: string) => (await rows(`SELECT respondent FROM responses WHERE ${condition} ORDER BY respondent`)).map((r) => r.respondent);
    assert.deepEqual(await where(answerIs(codebook, "useful", "8–10")), [1]);
    assert.deepEqual(await where(answerIs(codebook, "platforms", "X's app")), [1]);
    assert.deepEqual(await where(answerIs(codebook, "platforms", "Facebook")), [1, 2]);
  });
});

describe("firstRowsQuery and rowCountQuery", () => {
  const sql = "SELECT range AS i FROM range(25) ORDER BY i DESC; -- the reader's comment";
  test("the first rows, in the query's own order, despite a trailing semicolon and comment", async () => {
    assert.deepEqual((await rows(firstRowsQuery(sql, 3))).map((r) => Number(r.i)), [24, 23, 22]);
  });
  test("the number of rows", async () => {
    assert.deepEqual(await rows(rowCountQuery(sql)), [{n: 25n}]);
  });
});
