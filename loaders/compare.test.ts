import assert from "node:assert/strict";
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {after, before, describe, test} from "node:test";
import {type Comparison, comparison} from "./compare.ts";

describe("the cross-study comparison (data/compare.yaml)", () => {
  let c: Comparison;
  before(async () => (c = (await comparison())!));

  test("every series contributes its values, with caveats beside each chart", () => {
    for (const chart of [c.platforms, c.professional_use]) {
      assert.ok(chart.caveats.length >= 3, "caveats are written beside the chart");
      assert.ok(chart.points.length > 0);
    }
    const studies = new Set(c.platforms.points.map((p) => p.study));
    for (const s of ["auanassova-2025", "ali-2025", "pew-2018", "bendayan-2024"]) assert.ok(studies.has(s), `${s} is on the platform chart`);
  });

  test("published figures are shown as printed; reconstructed shares the source does not print are marked", () => {
    const pewYouTube = c.platforms.points.find((p) => p.study === "pew-2018" && p.label === "YouTube")!;
    assert.equal(pewYouTube.printed, "73");
    assert.equal(pewYouTube.reported, true);
    assert.ok(pewYouTube.low! < 73 && pewYouTube.high! > 73);
    const kz = c.platforms.points.filter((p) => p.study === "auanassova-2025");
    assert.ok(kz.every((p) => !p.reported), "the Kazakh platform shares are not in the source");
    assert.deepEqual(kz.slice(0, 2).map((p) => p.label), ["YouTube", "Instagram"], "its two most used platforms, as the abstract says");
    assert.ok(!kz.some((p) => p.label === "Other" || p.label === "X (Twitter)"), "exclude and labels are applied");
  });

  test("the French group's Facebook use is by design, not a measurement", () => {
    const fb = c.platforms.points.find((p) => p.study === "bendayan-2024")!;
    assert.deepEqual([fb.kind, fb.label, fb.percent, fb.reported, fb.low], ["by design", "Facebook", 100, false, null]);
  });
});

describe("a comparison that names something that does not exist", () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), "compare-"))));
  after(() => rmSync(dir, {recursive: true, force: true}));
  const spec = (series: string) =>
    `platforms: {title: T, caveats: [a], series: [${series}]}\nprofessional_use: {title: T, caveats: [a], series: [{study: kantar-2018, who: K, aggregate: colleagues_30_days, measure: m}]}\n`;
  const rejects = async (series: string, pattern: RegExp) => {
    const path = join(dir, "compare.yaml");
    writeFileSync(path, spec(series));
    await assert.rejects(comparison(path), pattern);
  };

  test("an unknown study", () => rejects("{study: nobody-2020, who: X, question: q}", /unknown study "nobody-2020"/));
  test("an unknown published figure", () => rejects("{study: pew-2018, who: X, aggregates: {tiktok_all: TikTok}}", /pew-2018 has no published figure "tiktok_all"/));
  test("an option the question does not have", () => rejects("{study: ali-2025, who: X, question: platforms, exclude: [Myspace]}", /ali-2025\.platforms has no option "Myspace"/));
});
