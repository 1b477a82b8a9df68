// Pew's "Social Media Use in 2018" is kept as published aggregates: every figure the report shows is
// in data/pew-2018/aggregates.csv exactly as printed, for its population, with its source; only the
// full-sample rows carry Pew's n (2,002 adults), the age-group rows carry none.
import assert from "node:assert/strict";
import {describe, test} from "node:test";
import {type Aggregate, readAggregates} from "../../loaders/aggregates.ts";

const {codebook, aggregates} = readAggregates("pew-2018");
const ALL = "US adults";
const AGED_18_24 = "US adults aged 18–24";

/** [id, measure, population, printed, n] — as Smith & Anderson (Pew Research Center, 2018) print them. */
const PRINTED: [string, string, string, string, number | null][] = [
  ["youtube_all", "Uses YouTube", ALL, "73", 2002],
  ["facebook_all", "Uses Facebook", ALL, "68", 2002],
  ["instagram_all", "Uses Instagram", ALL, "35", 2002],
  ["pinterest_all", "Uses Pinterest", ALL, "29", 2002],
  ["snapchat_all", "Uses Snapchat", ALL, "27", 2002],
  ["linkedin_all", "Uses LinkedIn", ALL, "25", 2002],
  ["twitter_all", "Uses Twitter", ALL, "24", 2002],
  ["whatsapp_all", "Uses WhatsApp", ALL, "22", 2002],
  ["youtube_18_24", "Uses YouTube", AGED_18_24, "94", null],
  ["snapchat_18_24", "Uses Snapchat", AGED_18_24, "78", null],
  ["instagram_18_24", "Uses Instagram", AGED_18_24, "71", null],
  ["twitter_18_24", "Uses Twitter", AGED_18_24, "45", null],
  ["any_social_media_18_29", "Uses any social media", "US adults aged 18–29", "88", null],
  ["any_social_media_30_49", "Uses any social media", "US adults aged 30–49", "78", null],
  ["any_social_media_50_64", "Uses any social media", "US adults aged 50–64", "64", null],
  ["any_social_media_65_plus", "Uses any social media", "US adults aged 65 and older", "37", null]
];

const byId = new Map(aggregates.map((a) => [a.id, a]));
const row = (id: string): Aggregate => {
  const a = byId.get(id);
  assert.ok(a, `data/pew-2018/aggregates.csv has no row "${id}"`);
  return a;
};

describe("pew-2018: Pew's published figures, as printed", () => {
  test("the codebook: published aggregates of US adults, with a headline that is one of them", () => {
    assert.equal(codebook.study.data, "aggregates");
    assert.equal(codebook.study.country, "United States");
    assert.match(codebook.study.citation, /Smith A, Anderson M\. Social Media Use in 2018\. .*Pew Research Center; March 1, 2018/);
    assert.equal(codebook.study.fieldwork, "January 3–10, 2018");
    assert.ok(codebook.study.headline?.aggregate, "the headline names an aggregate");
    row(codebook.study.headline.aggregate);
  });

  for (const [id, measure, population, printed, n] of PRINTED)
    test(`${population}: ${measure} ${printed}%`, () => {
      const a = row(id);
      assert.equal(a.measure, measure);
      assert.equal(a.population, population);
      assert.equal(a.printed, printed, `${id} is printed as "${printed}"`);
      assert.equal(a.value, Number(printed));
      assert.equal(a.unit, "%");
      assert.equal(a.n, n, n === null ? `${id}: our copy of the source gives no n for ${population}` : `${id}: n = ${n}`);
      assert.equal(a.year, 2018);
      assert.match(a.source, /Smith A, Anderson M\. Social Media Use in 2018\. Pew Research Center/);
      assert.ok(a.where.trim(), `${id} says where it is printed`);
      assert.equal(a.note, "Weighted estimate");
    });

  test("nothing else: no row the source does not print, and only the full sample has an n", () => {
    assert.deepEqual(aggregates.map((a) => a.id).sort(), PRINTED.map(([id]) => id).sort());
    const withN = aggregates.filter((a) => a.n !== null);
    assert.ok(withN.every((a) => a.population === ALL && a.n === 2002), `rows with an n: ${withN.map((a) => `${a.id} (${a.population}, ${a.n})`).join(", ")}`);
    // The page draws the build's 95% Wilson interval where there is an n, and none elsewhere.
    for (const a of aggregates)
      if (a.n === null) assert.ok(a.low === null && a.high === null, `${a.id} has no n and so no interval`);
      else assert.ok(a.low! < a.value && a.value < a.high!, `${a.id}: ${a.low} < ${a.value} < ${a.high}`);
  });
});
