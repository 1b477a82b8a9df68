// Tests for src/components/csv.ts. Run: node --import tsx --test src/components/csv.test.ts
import assert from "node:assert/strict";
import {test} from "node:test";
import {csvParseRows} from "d3-dsv";
import {neutralise, spreadsheetCsv} from "./csv.ts";

test("neutralise prefixes what a spreadsheet would evaluate, and nothing else", () => {
  for (const s of ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"]) assert.equal(neutralise(s), `'${s}`);
  for (const s of ["<0.001", "−2", "0.020", "a=b", "", "'quoted", ">0.9", "660 (70%)"]) assert.equal(neutralise(s), s);
});

test("spreadsheetCsv: BOM, CRLF, quoting; text neutralised, numbers kept, lists joined, missing empty", () => {
  const text = spreadsheetCsv([
    ["answer", "n", "when", "list"],
    ["=HYPERLINK(\"x\")", -3, new Date("2024-01-02T03:04:05Z"), ["a, b", "-c"]],
    [null, 2.5, undefined, []]
  ]);
  assert.ok(text.startsWith("\uFEFF"));
  assert.ok(text.endsWith("\r\n"));
  assert.deepEqual(csvParseRows(text.slice(1).replace(/\r\n$/, "").replace(/\r\n/g, "\n")), [
    ["answer", "n", "when", "list"],
    ["'=HYPERLINK(\"x\")", "-3", "2024-01-02T03:04:05.000Z", "a, b; -c"],
    ["", "2.5", "", ""]
  ]);
});
