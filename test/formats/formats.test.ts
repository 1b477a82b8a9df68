// The same twelve respondents' answers exported by every platform (test/formats/<fixture>/, written
// by make-fixtures.ts and make-sav.R), each read with its codebook through the build's own path:
// every fixture must give byte-identical tables (tables.json without its study block).
import assert from "node:assert/strict";
import {readFileSync, readdirSync} from "node:fs";
import {join} from "node:path";
import {test} from "node:test";
import {fileURLToPath} from "node:url";
import {parseCodebook} from "../../loaders/codebook.ts";
import {withStudyDatabase} from "../../loaders/database.ts";
import {studyTables} from "../../loaders/tables.ts";

const DIR = fileURLToPath(new URL(".", import.meta.url));
const fixtures = readdirSync(DIR, {withFileTypes: true}).filter((d) => d.isDirectory()).map((d) => d.name).sort();

async function tablesOf(fixture: string): Promise<string> {
  const path = join(DIR, fixture, "codebook.yaml");
  const codebook = parseCodebook(readFileSync(path, "utf8"), path);
  const {study: _, ...tables} = await withStudyDatabase({codebook, path: join(DIR, fixture, codebook.responses!.file)}, studyTables);
  return JSON.stringify(tables, null, 1);
}

test("every platform's export of the same answers gives identical tables", async () => {
  assert.deepEqual(fixtures, ["coded-csv", "google-forms-csv", "google-forms-xlsx", "qualtrics-numeric", "qualtrics-text", "redcap-labels", "redcap-raw", "spss", "surveymonkey-csv", "surveymonkey-xlsx"]);
  const reference = await tablesOf("google-forms-csv");
  const t = JSON.parse(reference);
  // The answers themselves, so that identical tables cannot be identically empty.
  assert.equal(t.respondents.total, 12);
  assert.deepEqual(t.distributions.role.levels.map((l: {level: string; n: number}) => [l.level, l.n]), [["Physician", 5], ["Nurse", 3], ["Pharmacist", 2], ["Other", 2]]);
  assert.equal(t.distributions.recommend.notAsked, 4, "recommend is asked of physicians and nurses only");
  assert.deepEqual(t.numbers.age.excluded, [{label: "Refused", n: 1}]);
  assert.equal(t.choices.platforms.options.find((o: {level: string}) => o.level === "Instagram, Reels").n, 4, "a label holding the separator survives");
  for (const fixture of fixtures.filter((f) => f !== "google-forms-csv")) assert.equal(await tablesOf(fixture), reference, `${fixture} gives other tables than google-forms-csv`);
});
