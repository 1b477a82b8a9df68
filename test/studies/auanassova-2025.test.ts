// The numbers the abstract of Auanassova et al. (Rheumatol Int 2025) prints, recomputed by the same code the
// build runs (loaders/tables.ts) from the reconstructed Qualtrics export. The abstract prints a count beside
// every percentage: counts must be equal, and each percentage must print as the abstract prints it — rounded
// for some, truncated (extra digits cut off) for others, which the tests say explicitly.
import assert from "node:assert/strict";
import {after, before, describe, test} from "node:test";
import {type StudyDatabase, openStudyDatabase} from "../../loaders/database.ts";
import {type StudyTables, studyTables} from "../../loaders/tables.ts";
import {printsAs, truncatesAs} from "../../loaders/printed.ts";

describe("auanassova-2025: the abstract's numbers from the reconstructed data", () => {
  let db: StudyDatabase;
  let t: StudyTables;
  before(async () => {
    db = await openStudyDatabase("auanassova-2025");
    t = await studyTables(db);
  });
  after(() => db.close());

  type Level = {level: string; n: number; percent: number};
  const find = (table: {id: string; levels?: Level[]; options?: Level[]}, label: string) => {
    const found = (table.levels ?? table.options)!.find((l) => l.level === label);
    assert.ok(found, `"${table.id}" has no level "${label}"`);
    return found;
  };
  /** The printed count exactly, and the share rounding to the printed digits. */
  const expectRounded = (what: string, l: Level, n: number, printed: string) => {
    assert.equal(l.n, n, `${what}: the abstract prints n = ${n}`);
    assert.ok(printsAs(l.percent, printed), `${what}: the abstract prints ${printed}%, the data give ${l.percent.toFixed(4)}%`);
  };
  /** The printed count exactly, and a share the abstract truncated: rounding would not give its digits. */
  const expectTruncated = (what: string, l: Level, n: number, printed: string) => {
    assert.equal(l.n, n, `${what}: the abstract prints n = ${n}`);
    assert.ok(truncatesAs(l.percent, printed), `${what}: ${l.percent.toFixed(4)}% does not truncate to ${printed}%`);
    assert.ok(!printsAs(l.percent, printed), `${what}: ${l.percent.toFixed(4)}% rounds to ${printed}% too; the truncation is no longer needed to explain it`);
  };

  test("147 respondents, all complete", () => {
    assert.equal(t.respondents.total, 147);
    assert.equal(t.respondents.complete, 147);
  });

  test("adoption: 144 of all 147 respondents (97.96%, rounded)", () => {
    const uses = t.distributions.uses_professionally;
    assert.equal(uses.denominator, "respondents");
    assert.equal(uses.base, 147);
    expectRounded("use social media professionally", find(uses, "Yes"), 144, "97.96");
    // 144/147 = 97.959…%: this one the abstract rounds (cutting off would give 97.95).
    assert.ok(!truncatesAs(find(uses, "Yes").percent, "97.96"));
  });

  test("M:F ratio 1:1.17 and median age 32", () => {
    const men = find(t.distributions.sex, "Male").n, women = find(t.distributions.sex, "Female").n;
    assert.ok(printsAs(women / men, "1.17"), `M:F = 1:${(women / men).toFixed(4)}`);
    assert.equal(t.numbers.age.n, 147);
    assert.equal(t.numbers.age.median, 32);
  });

  test("reasons, over the 144 users: knowledge 118 (81.94%), skills 114 (79.16%, truncated), social connections 98 (68.05%, truncated)", () => {
    const reasons = t.choices.reasons;
    assert.equal(reasons.denominator, "answered");
    assert.equal(reasons.base, 144);
    expectRounded("knowledge acquisition", find(reasons, "Knowledge acquisition"), 118, "81.94");
    expectTruncated("skill development", find(reasons, "Skill development"), 114, "79.16");
    expectTruncated("maintaining social connections", find(reasons, "Maintaining social connections"), 98, "68.05");
  });

  test("YouTube and Instagram are the two most chosen platforms", () => {
    const platforms = t.choices.platforms;
    assert.equal(platforms.base, 144);
    assert.deepEqual(platforms.options.slice(0, 2).map((o) => o.level).sort(), ["Instagram", "YouTube"]);
    assert.ok(platforms.options[1].n > platforms.options[2].n, "the top two are strictly ahead of the third");
  });

  test("attitudes and training, over the 144 users: overwhelmed 108 (75%), secure 94 (65.27%, truncated), never trained 99 (69%), willing 142 (98.61%)", () => {
    const d = t.distributions;
    for (const id of ["overwhelmed", "secure", "training_attended", "training_willing"]) {
      assert.equal(d[id].base, 144, `${id} is over the users`);
      assert.equal(d[id].missing, 3, `${id} was not asked of the 3 non-users`);
    }
    expectRounded("feel overwhelmed", find(d.overwhelmed, "Yes"), 108, "75");
    expectTruncated("secure means of communication", find(d.secure, "Yes"), 94, "65.27");
    // 99/144 = 68.75%: rounded to 69 (cutting off would give 68).
    expectRounded("never attended training", find(d.training_attended, "Never"), 99, "69");
    assert.ok(!truncatesAs(find(d.training_attended, "Never").percent, "69"));
    expectRounded("willing to attend training", find(d.training_willing, "Yes"), 142, "98.61");
  });

  test("what the abstract does not publish is marked so", () => {
    assert.equal(t.distributions.profession.published, false);
    assert.equal(t.choices.platforms.published, false);
    assert.ok(t.subgroups.subgroups.rows.every((r) => !r.published));
  });
});
