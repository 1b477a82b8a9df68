// What raw-file.ts accepts: the same answers written as platforms and editors write them — a BOM,
// CRLF line ends, a line break inside a quoted cell, a legacy encoding the codebook declares, a
// respondent id column — give the same tables as the plain UTF-8 export. (What it refuses is the
// bad-input catalogue's, test/bad-inputs/.)
import assert from "node:assert/strict";
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {after, describe, test} from "node:test";
import {fileURLToPath} from "node:url";
import iconv from "iconv-lite";
import {type Codebook, parseCodebook} from "./codebook.ts";
import {readResponses, withStudyDatabase} from "./database.ts";
import {studyTables} from "./tables.ts";

const FIXTURE = fileURLToPath(new URL("../test/formats/google-forms-csv/", import.meta.url));
const QUALTRICS = fileURLToPath(new URL("../test/formats/qualtrics-text/", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "raw-file-"));
const codebookOf = (folder: string, edit = (t: string) => t): Codebook => parseCodebook(edit(readFileSync(join(folder, "codebook.yaml"), "utf8")));
const original = readFileSync(join(FIXTURE, "responses.csv"), "utf8");
// A comment with letters beyond ASCII, so that the encoding matters.
const text = original.replace("Useful for journal clubs.", '"Très utile, café — ça aide."');

/** tables.json of a file written as `bytes`, without its study block. */
async function tablesOf(bytes: Buffer | string, codebook = codebookOf(FIXTURE), name = "responses.csv"): Promise<string> {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const {study: _, ...tables} = await withStudyDatabase({codebook, path}, studyTables);
  return JSON.stringify(tables);
}

describe("raw files as platforms write them", () => {
  after(() => rmSync(dir, {recursive: true, force: true}));
  let reference = "";

  test("a UTF-8 export (the reference)", async () => {
    reference = await tablesOf(text);
    assert.equal(JSON.parse(reference).respondents.total, 12);
  });

  test("with a byte-order mark and CRLF line ends (Excel's CSV UTF-8)", async () => {
    assert.equal(await tablesOf(`\uFEFF${text.replace(/\n/g, "\r\n")}`), reference);
  });

  test("with a line break inside a quoted cell", async () => {
    const broken = text.replace('"Très utile, café — ça aide."', '"Très utile,\ncafé — ça aide."');
    assert.notEqual(broken, text);
    assert.equal(await tablesOf(broken), reference);
  });

  for (const encoding of ["windows-1252", "utf-16le"]) {
    test(`in ${encoding}, declared as responses.encoding: decoded to the same answers`, async () => {
      const codebook = codebookOf(FIXTURE, (t) => t.replace("  format: google-forms\n", `  format: google-forms\n  encoding: ${encoding}\n`));
      const bytes = encoding === "utf-16le" ? Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, encoding)]) : iconv.encode(text, encoding);
      assert.equal(await tablesOf(bytes, codebook), reference);
      // The private comment, read by the same path, has its accents.
      writeFileSync(join(dir, "responses.csv"), bytes);
      const rows = await readResponses({codebook, path: join(dir, "responses.csv")});
      assert.equal(rows[0].answers.comments, "Très utile, café — ça aide.");
    });
  }

  test("a Qualtrics export checked for repeated ResponseIds (none): the same tables as without the check", async () => {
    const plain = readFileSync(join(QUALTRICS, "export.csv"));
    const without = await tablesOf(plain, codebookOf(QUALTRICS), "export.csv");
    const checked = await tablesOf(plain, codebookOf(QUALTRICS, (t) => t.replace("  timestamp: RecordedDate\n", "  timestamp: RecordedDate\n  respondent_id: ResponseId\n")), "export.csv");
    assert.equal(checked, without);
    assert.equal(JSON.parse(checked).respondents.total, 12);
  });

  test("a multiple-choice question nobody answered compiles: its options have n 0 and no share (null), not a crash", async () => {
    const lines = text.split("\n");
    // Column C (the platforms) emptied in every row.
    const cleared = [lines[0], ...lines.slice(1).map((l) => l.replace(/^([^,]*,[^,]*,)("[^"]*"|[^,]*)/, "$1"))].join("\n");
    const t = JSON.parse(await tablesOf(cleared));
    assert.equal(t.choices.platforms.base, 0);
    assert.deepEqual(t.choices.platforms.options.map((o: {n: number; percent: number | null; low: number | null}) => [o.n, o.percent, o.low]), Array(5).fill([0, null, null]));
  });

  test("identical rows are allowed where the codebook says so (responses.duplicates: allowed), and counted twice", async () => {
    const lines = text.split("\n");
    const doubled = [...lines.slice(0, 3), lines[2], ...lines.slice(3)].join("\n");
    await assert.rejects(tablesOf(doubled), /every cell of row 4 is the same as in row 3/);
    const allowed = codebookOf(FIXTURE, (t) => t.replace("  format: google-forms\n", "  format: google-forms\n  duplicates: allowed\n"));
    assert.equal(JSON.parse(await tablesOf(doubled, allowed)).respondents.total, 13);
  });

  test("every repeat is named with the first row it repeats: a row three times and another twice", async () => {
    const lines = text.split("\n");
    // Rows (1 = header) 2, 3, 4 are lines[1..3]: lines[1] again at rows 5 and 7, lines[3] again at row 6.
    const repeated = [...lines.slice(0, 4), lines[1], lines[3], lines[1], ...lines.slice(4)].join("\n");
    const error = await tablesOf(repeated).then(() => null, (e: Error) => e);
    assert.ok(error, "the build stops");
    const named = [...error.message.matchAll(/every cell of row (\d+) is the same as in row (\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    assert.deepEqual(named.sort((a, b) => a[0] - b[0]), [[5, 2], [6, 4], [7, 2]]);
  });
});
