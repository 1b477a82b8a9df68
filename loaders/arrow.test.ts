// Tests for loaders/arrow.ts. Run: node --import tsx --test loaders/arrow.test.ts
import assert from "node:assert/strict";
import {test} from "node:test";
import {DuckDBInstance} from "@duckdb/node-api";
import {Dictionary, Type, tableFromIPC} from "apache-arrow";
import type {StudyDatabase} from "./database.ts";
import {toArrow} from "./arrow.ts";

async function database(sql: string): Promise<StudyDatabase> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  await connection.run(sql);
  return {connection, codebook: undefined as never, close: () => connection.closeSync()};
}

test("a query's rows round-trip through Arrow IPC with their types, nulls and lists", async () => {
  const db = await database(`CREATE TABLE responses AS SELECT * FROM (VALUES
    (1, 'Yes', 7, 1.5::DOUBLE, ['a', 'b'], true),
    (2, NULL, NULL, NULL, NULL, false),
    (3, 'No', 10, 2.25, ['b'], NULL)
  ) t(respondent, answer, rating, amount, platforms, complete)`);
  try {
    const table = tableFromIPC(await toArrow(db, "SELECT * FROM responses ORDER BY respondent"));
    assert.deepEqual(table.schema.fields.map((f) => [f.name, Type[f.typeId]]), [
      ["respondent", "Int"], ["answer", "Dictionary"], ["rating", "Int"], ["amount", "Float"], ["platforms", "List"], ["complete", "Bool"]
    ]);
    const rows = table.toArray().map((r) => ({...r.toJSON(), platforms: r.platforms?.toArray() ?? null}));
    assert.deepEqual(rows, [
      {respondent: 1, answer: "Yes", rating: 7, amount: 1.5, platforms: ["a", "b"], complete: true},
      {respondent: 2, answer: null, rating: null, amount: null, platforms: null, complete: false},
      {respondent: 3, answer: "No", rating: 10, amount: 2.25, platforms: ["b"], complete: null}
    ]);
  } finally {
    db.close();
  }
});

test("text columns are dictionaries whose index is as narrow as their distinct answers allow", async () => {
  const db = await database(`CREATE TABLE responses AS SELECT i AS respondent, 'level ' || (i % 3) AS few, 'answer ' || i AS many FROM range(40000) t(i)`);
  try {
    const bytes = await toArrow(db, "SELECT * FROM responses");
    const table = tableFromIPC(bytes);
    const few = table.schema.fields.find((f) => f.name === "few")!.type as Dictionary;
    const many = table.schema.fields.find((f) => f.name === "many")!.type as Dictionary;
    assert.equal(few.indices.bitWidth, 8);
    assert.equal(many.indices.bitWidth, 32);
    assert.equal(table.get(39999)?.few, "level 0");
    assert.equal(table.get(39999)?.many, "answer 39999");
  } finally {
    db.close();
  }
});

test("the same rows give the same bytes however many files the process wrote before (two builds are identical)", async () => {
  const db = await database(`CREATE TABLE responses AS SELECT * FROM (VALUES (1, 'Yes', ['a', 'b']), (2, 'No', ['b'])) t(respondent, answer, ticks)`);
  try {
    const first = await toArrow(db, "SELECT * FROM responses ORDER BY respondent");
    await toArrow(db, "SELECT answer FROM responses"); // dictionaries made in between
    const again = await toArrow(db, "SELECT * FROM responses ORDER BY respondent");
    assert.ok(Buffer.from(first).equals(Buffer.from(again)));
  } finally {
    db.close();
  }
});
