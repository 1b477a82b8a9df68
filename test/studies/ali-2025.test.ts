// The numbers Ali (Preprints.org 2025) prints, recomputed by the same code the build runs, for both of the
// study's datasets: the survey (data/ali-2025) and the coded posts (data/ali-2025-posts).
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {after, before, describe, test} from "node:test";
import {DATA_DIR} from "../../loaders/codebook.ts";
import {type StudyDatabase, openStudyDatabase} from "../../loaders/database.ts";
import {type Distribution, type StudyTables, studyTables} from "../../loaders/tables.ts";
import {printsAs} from "../../loaders/printed.ts";

type Shares = {levels?: {level: string; n: number; percent: number}[]; options?: {level: string; n: number; percent: number}[]};
const share = (table: Shares, ...labels: string[]) => (table.levels ?? table.options)!.filter((l) => labels.includes(l.level)).reduce((s, l) => s + l.percent, 0);
const expectPrints = (what: string, value: number, printed: string) =>
  assert.ok(printsAs(value, printed), `${what}: the paper prints ${printed}%, the data give ${value.toFixed(3)}%`);
async function query<T>(db: StudyDatabase, sql: string): Promise<T[]> {
  return (await db.connection.runAndReadAll(sql)).getRowObjectsJS() as T[];
}

describe("ali-2025: the paper's numbers from the reconstructed survey", () => {
  let db: StudyDatabase;
  let t: StudyTables;
  before(async () => {
    db = await openStudyDatabase("ali-2025");
    t = await studyTables(db);
  });
  after(() => db.close());

  test("the assumed sample size (not reported) is stated: 100 respondents, all complete", () => {
    assert.equal(t.respondents.total, 100);
    assert.equal(t.respondents.complete, 100);
    assert.match(t.study.sample_note ?? "", /does not report/);
    assert.match(t.study.sample_note ?? "", /100/);
  });

  test("platforms: Facebook 65%, LinkedIn 55%, Twitter 50%, Instagram 40%, TikTok 20% (Results, table 1)", () => {
    const platforms = t.choices.platforms;
    assert.equal(platforms.base, 100);
    for (const [platform, printed] of [["Facebook", "65"], ["LinkedIn", "55"], ["Twitter", "50"], ["Instagram", "40"], ["TikTok", "20"]])
      expectPrints(platform, share(platforms, platform), printed);
    assert.deepEqual(platforms.options.map((o) => o.level), ["Facebook", "LinkedIn", "Twitter", "Instagram", "TikTok"]);
    // Why the page draws bars and not the paper's pie: the shares add up to more than 100%.
    assert.equal(Math.round(platforms.options.reduce((s, o) => s + o.percent, 0)), 230);
  });

  test("each platform's most chosen purpose is the paper's primary purpose (Results, table 1)", () => {
    const paper: Record<string, string> = {
      Facebook: "Patient engagement",
      LinkedIn: "Professional networking",
      Twitter: "Knowledge sharing and advocacy",
      Instagram: "Health awareness campaigns",
      TikTok: "Educating younger demographics"
    };
    const purposes = db.codebook.questions.filter((q) => !!q.asked_if && "question" in q.asked_if && q.asked_if.question === "platforms");
    assert.equal(purposes.length, 5);
    for (const q of purposes) {
      const d = t.distributions[q.id];
      const users = t.choices.platforms.options.find((o) => o.level === d.label)!;
      assert.equal(d.base, users.n, `${d.label}: its purpose is asked of its ${users.n} users`);
      const [first, second] = [...d.levels].sort((a, b) => b.n - a.n);
      assert.equal(first.level, paper[d.label], `${d.label}: most chosen ${first.level}`);
      assert.ok(first.n > second.n, `${d.label}: ${first.level} is chosen more than ${second.level}`);
    }
  });

  test("usage frequency: mean 4.3, SD 0.7 on a 1–5 scale, over 80% frequent (Discussion §1)", async () => {
    // tables.ts summarises only `number` questions (tables.numbers); a rating has its distribution, with one
    // bin per value on this scale, so the mean and SD follow from it, as the page computes them.
    const d: Distribution = t.distributions.usage_frequency;
    const scale = db.codebook.scales![db.codebook.questions.find((q) => q.id === "usage_frequency")!.scale!];
    assert.ok(scale.bins.every((b) => b.min === b.max), "one bin per value");
    const values = scale.bins.map((b) => b.min);
    const n = d.answered;
    const mean = d.levels.reduce((s, l, k) => s + values[k] * l.n, 0) / n;
    const sd = Math.sqrt(d.levels.reduce((s, l, k) => s + l.n * (values[k] - mean) ** 2, 0) / (n - 1));
    assert.ok(printsAs(mean, "4.3"), `mean ${mean}`);
    assert.ok(printsAs(sd, "0.7"), `SD ${sd}`);
    const [duck] = await query<{mean: number; sd: number}>(db, "SELECT avg(usage_frequency) AS mean, stddev_samp(usage_frequency) AS sd FROM responses");
    assert.ok(Math.abs(duck.mean - mean) < 1e-12 && Math.abs(duck.sd - sd) < 1e-12, "the distribution gives DuckDB's mean and SD");
    assert.ok(share(d, "4", "5") > 80, `frequent (4–5): ${share(d, "4", "5")}%`);
  });

  test("78% say social media enhanced their professional visibility and credibility (Discussion §3)", () => {
    expectPrints("visibility", share(t.distributions.visibility, "Yes"), "78");
  });

  test("engagement and perceived growth: r = 0.78, p < 0.01 (Discussion §3)", async () => {
    const c = t.correlations.engagement_growth;
    assert.equal(c.n, 100);
    assert.ok(printsAs(c.r, "0.78"), `r = ${c.r}`);
    assert.ok(c.p < 0.01, `p = ${c.p}`);
    // The same r straight from DuckDB over the responses table, independent of tables.ts.
    const [{r}] = await query<{r: number}>(db, "SELECT corr(engagement, growth) AS r FROM responses");
    assert.ok(Math.abs(r - c.r) < 1e-12, `corr() ${r} vs tables ${c.r}`);
  });

  test("concerns: misinformation 67%, patient confidentiality 45%, boundaries 38% (Discussion §4)", () => {
    const concerns = t.choices.concerns;
    expectPrints("misinformation", share(concerns, "Misinformation"), "67");
    expectPrints("patient confidentiality", share(concerns, "Patient confidentiality"), "45");
    expectPrints("boundaries", share(concerns, "Personal and professional boundaries"), "38");
  });

  test("the paper's disagreements and gaps are named in RECONSTRUCTION.md", () => {
    const notes = readFileSync(join(DATA_DIR, "ali-2025", "RECONSTRUCTION.md"), "utf8");
    assert.match(notes, /25% of posts \(Discussion §2\) vs 5% \(Results, table 2\)/);
    assert.match(notes, /add up to 230%/);
    assert.doesNotMatch(notes, /\*\*no\*\*/, "every target is met");
  });
});

describe("ali-2025-posts: the paper's numbers from the reconstructed coded posts", () => {
  let db: StudyDatabase;
  let t: StudyTables;
  before(async () => {
    db = await openStudyDatabase("ali-2025-posts");
    t = await studyTables(db);
  });
  after(() => db.close());

  test("a dataset of ali-2025, one row per post; 200 posts assumed (not reported)", () => {
    assert.equal(t.study.part_of, "ali-2025");
    assert.equal(t.study.unit, "posts");
    assert.equal(t.respondents.total, 200);
    assert.match(t.study.sample_note ?? "", /200/);
  });

  test("content types: 40 / 25 / 20 / 10 / 5% (Results, table 2)", () => {
    const types = t.distributions.content_type;
    const printed: [string, string][] = [
      ["Educational posts", "40"],
      ["Patient success stories", "25"],
      ["Public health campaigns", "20"],
      ["Professional achievements", "10"],
      ["Advocacy/opinion pieces", "5"]
    ];
    for (const [type, p] of printed) expectPrints(type, share(types, type), p);
  });

  test("topics: awareness 45%, advocacy 25% (Discussion §2), unverified or misleading 12% (§4)", () => {
    expectPrints("awareness", share(t.distributions.awareness, "Yes"), "45");
    expectPrints("advocacy topic", share(t.distributions.advocacy, "Yes"), "25");
    expectPrints("unverified", share(t.distributions.unverified, "Yes"), "12");
    // The 25% advocacy topic and the 5% advocacy/opinion content type are two different variables.
    assert.notEqual(share(t.distributions.advocacy, "Yes"), share(t.distributions.content_type, "Advocacy/opinion pieces"));
  });

  test("engagement levels: High types above Moderate ones; Variable the widest relative spread (Results, table 2)", async () => {
    assert.equal(t.numbers.engagement.n, 200);
    // The per-type quartiles the page draws (codebook summaries.engagement_by_type).
    const rows = t.summaries.engagement_by_type.groups.map((g) => ({type: g.group, q1: g.q1, median: g.median, q3: g.q3}));
    assert.equal(rows.length, 5);
    const of = (type: string) => rows.find((r) => r.type === type) ?? assert.fail(`no posts of type ${type}`);
    const level: Record<string, string[]> = {
      High: ["Educational posts", "Public health campaigns"],
      Moderate: ["Patient success stories", "Professional achievements"],
      Variable: ["Advocacy/opinion pieces"]
    };
    const lowestHigh = Math.min(...level.High.map((type) => of(type).median));
    const highestModerate = Math.max(...level.Moderate.map((type) => of(type).median));
    assert.ok(lowestHigh > highestModerate, `High medians (lowest ${lowestHigh}) above Moderate ones (highest ${highestModerate})`);
    const relativeIqr = (type: string) => (of(type).q3 - of(type).q1) / of(type).median;
    const variable = relativeIqr(level.Variable[0]);
    for (const type of [...level.High, ...level.Moderate])
      assert.ok(variable > relativeIqr(type), `advocacy/opinion IQR/median ${variable.toFixed(2)} > ${type} ${relativeIqr(type).toFixed(2)}`);
  });
});
