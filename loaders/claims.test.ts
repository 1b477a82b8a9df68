import assert from "node:assert/strict";
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {before, describe, test} from "node:test";
import {type Claim, ClaimsError, failureMessage, judgeClaim, readClaims, studyClaims, summaryLine, unexplained} from "./claims.ts";
import {openStudyDatabase} from "./database.ts";
import {type StudyTables, studyTables} from "./tables.ts";

describe("claims judged against bendayan-2024's tables", () => {
  let t: StudyTables;
  before(async () => {
    const db = await openStudyDatabase("bendayan-2024");
    t = await studyTables(db);
    db.close();
  });
  const claim = (printed: string, of: Claim["of"], extra: Partial<Claim> = {}): Claim => ({id: "c", where: "Results", printed, of, ...extra});

  test("each quantity kind resolves to the computed value", () => {
    assert.equal(judgeClaim("s", claim("83", {share: "sex", level: "Female"}), t).verdict, "rounded");
    assert.equal(judgeClaim("s", claim("594", {count: "other_platform", level: "Yes"}), t).verdict, "exact");
    assert.equal(judgeClaim("s", claim("1451", {respondents: "total"}), t).verdict, "exact");
    assert.equal(judgeClaim("s", claim("68.2", {respondents: "complete_percent"}), t).verdict, "rounded");
    assert.equal(judgeClaim("s", claim("90.7", {share: "login_frequency", level: ["Several times a day", "Once a day"]}), t).verdict, "rounded");
    assert.equal(judgeClaim("s", claim("70", {subgroup: "subgroups", row: "sought_opinion", by: "specialty_group", group: "General practitioner"}), t).verdict, "rounded");
    const p = judgeClaim("s", claim("0.02", {subgroup_p: "subgroups", row: "sought_opinion", by: "underserved"}), t);
    assert.deepEqual([p.kind, p.verdict, p.decisionError], ["p", "rounded", false]);
    const ratio = judgeClaim("s", claim("4.87", {ratio: "sex", level: "Female", to: "Male"}), t);
    assert.equal(ratio.computed, 1204 / 247);
    assert.equal(judgeClaim("s", claim("3", {statistic: "median", of: "membership_years"}), t).kind, "number");
  });

  test("a share carries its n, and GRIM says whether the printed value is possible for it", () => {
    const r = judgeClaim("s", claim("87.5", {share: "strengths", level: "Speed of responses"}), t);
    assert.equal(r.n, 1383);
    assert.equal(r.grim, true);
    assert.equal(judgeClaim("s", claim("87.51", {share: "strengths", level: "Speed of responses"}), t).grim, false, "no k/1383 prints as 87.51%");
  });

  test("an altered printed value is inconsistent, and the failure names study, claim, where, printed and computed", () => {
    const r = judgeClaim("bendayan-2024", claim("88.5", {share: "strengths", level: "Speed of responses"}, {id: "strength_speed", where: "Results, strengths (Fig 3)"}), t);
    assert.equal(r.verdict, "inconsistent");
    assert.deepEqual(unexplained([r]), [r]);
    assert.match(failureMessage([r]), /bendayan-2024 claim "strength_speed" \(Results, strengths \(Fig 3\)\): printed 88\.5, computed 87\.49/);
    const known = judgeClaim("s", claim("88.5", {share: "strengths", level: "Speed of responses"}, {known: "a reason"}), t);
    assert.deepEqual(unexplained([known]), [], "a known inconsistency does not fail the build");
  });

  test("a quantity that names what does not exist is an error, not a verdict", () => {
    assert.throws(() => judgeClaim("s", claim("83", {share: "sex", level: "Femme"}), t), (e: Error) => e instanceof ClaimsError && /"sex" has no level "Femme"/.test(e.message));
    assert.throws(() => judgeClaim("s", claim("83", {share: "gender", level: "Female"}), t), /no question or grouping "gender"/);
    assert.throws(() => judgeClaim("s", claim("0.1", {subgroup_p: "subgroups", row: "sought_opinion", by: "sex"}), t), /not split by "sex"/);
  });

  test("bendayan-2024's claims: the paper's own disagreements are inconsistent and recorded as known", async () => {
    const results = (await studyClaims("bendayan-2024"))!;
    assert.ok(results.length >= 40);
    const inconsistent = results.filter((r) => r.verdict === "inconsistent").map((r) => r.id).sort();
    assert.deepEqual(inconsistent, ["login_several_daily_discussion", "seek_never", "seek_rarely", "sought_ever"]);
    assert.ok(results.filter((r) => r.verdict === "inconsistent").every((r) => r.known));
    assert.deepEqual(unexplained(results), []);
    assert.match(summaryLine("bendayan-2024", results), /^bendayan-2024: \d+ claims — \d+ exact, \d+ rounded, 4 inconsistent \(4 known to the paper\)$/);
  });
});

test("a claims file must state quantities by name, never a number", () => {
  const dir = mkdtempSync(join(tmpdir(), "claims-"));
  try {
    const path = join(dir, "claims.yaml");
    writeFileSync(path, 'claims:\n  - {id: a, where: Results, printed: "83", of: 83}\n');
    assert.throws(() => readClaims("demo", path), /does not follow schema\/claims\.schema\.json/);
    writeFileSync(path, 'claims:\n  - {id: a, where: Results, printed: "83", of: {share: sex, level: Female}}\n  - {id: a, where: Abstract, printed: "83", of: {share: sex, level: Female}}\n');
    assert.throws(() => readClaims("demo", path), /claim id "a" is used twice/);
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});
