// Kantar Media's 2018 study of physicians on social media is known only by two percentages: both are
// in data/kantar-2018/aggregates.csv exactly as printed, with their source and where they are printed,
// and neither has an n (no source gives the number of physicians surveyed). Its findings without a
// number (specialties, who the users are) are quoted on the page, never stored as figures.
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, test} from "node:test";
import {fileURLToPath} from "node:url";
import {type Aggregate, readAggregates} from "../../loaders/aggregates.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const {codebook, aggregates} = readAggregates("kantar-2018");
const POPULATION = "US physicians surveyed by Kantar Media";

const row = (id: string): Aggregate => {
  const a = aggregates.find((a) => a.id === id);
  assert.ok(a, `data/kantar-2018/aggregates.csv has no row "${id}"`);
  return a;
};

describe("kantar-2018: Kantar Media's published figures, as printed", () => {
  test("the codebook: published aggregates of US physicians, with a headline that is one of them", () => {
    assert.equal(codebook.study.data, "aggregates");
    assert.equal(codebook.study.country, "United States");
    assert.match(codebook.study.citation, /Who are the Physicians Using Social Media\? Published January 12, 2018/);
    assert.ok(codebook.study.headline?.aggregate, "the headline names an aggregate");
    row(codebook.study.headline.aggregate);
  });

  test("47% interacted with colleagues on professional social networks in the past 30 days: the Kantar study's figure, which the summary rounds to “nearly half”", () => {
    const a = row("colleagues_30_days");
    assert.equal(a.printed, "47");
    assert.equal(a.unit, "%");
    assert.equal(a.population, POPULATION);
    assert.match(a.measure, /colleagues on professional social networks in the past 30 days/);
    assert.match(a.source, /Kantar Media.*Who are the Physicians Using Social Media\?/);
    assert.match(a.where, /original Kantar study's figure/);
    assert.match(a.note, /rounds it to "nearly half/);
  });

  // The passage quoted, verbatim with its citation, in the repository (a clone has no source documents).
  const sourcePath = join(ROOT, "data", "kantar-2018", "SOURCE.md");
  test("the summary's passage says “nearly half … in the past month” and prints no 47", () => {
    const source = readFileSync(sourcePath, "utf8");
    assert.ok(source.includes(codebook.study.source_document!), "SOURCE.md names the document it quotes");
    const summary = source.split("## Paragraph 2, verbatim")[1];
    assert.ok(summary, "SOURCE.md has the verbatim paragraph 2");
    assert.match(summary, /nearly half of the physicians surveyed had used social media in a professional capacity to interact with colleagues in the past month/);
    assert.doesNotMatch(summary, /47/);
    assert.match(summary, /Overall, 18% of the physicians surveyed said that they found professional social networks to be an important source of information/);
  });

  test("18% call professional social networks an important source of information, as the summary prints", () => {
    const a = row("important_information_source");
    assert.equal(a.printed, "18");
    assert.equal(a.unit, "%");
    assert.equal(a.population, POPULATION);
    assert.match(a.measure, /important source of information/);
    assert.match(a.source, /Kantar Media/);
    assert.match(a.where, /The Medical Bag's summary, paragraph 2: "Overall, 18% of the physicians surveyed/);
  });

  test("only these two figures, each with a source and where, and none with an n", () => {
    assert.deepEqual(aggregates.map((a) => a.id).sort(), ["colleagues_30_days", "important_information_source"]);
    for (const a of aggregates) {
      assert.equal(a.n, null, `${a.id}: no source gives the number of physicians surveyed`);
      assert.equal(a.year, 2018);
      assert.ok(a.source.trim() && a.where.trim(), `${a.id} cites its source and says where it is printed`);
    }
  });
});
