import assert from "node:assert/strict";
import {execFileSync, spawnSync} from "node:child_process";
import {mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {after, before, describe, test} from "node:test";
import {fileURLToPath} from "node:url";
import {BuildDateError, FALLBACK_EPOCH, buildDate, commitDate, parseEpoch, setFileTimes} from "./build-date.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const isCheckout = (dir: string) => spawnSync("git", ["rev-parse", "--git-dir"], {cwd: dir, stdio: "ignore"}).status === 0;

describe("parseEpoch (SOURCE_DATE_EPOCH)", () => {
  test("whole seconds since 1970 UTC", () => {
    assert.equal(parseEpoch("0").toISOString(), "1970-01-01T00:00:00.000Z");
    assert.equal(parseEpoch("1700000000").toISOString(), "2023-11-14T22:13:20.000Z");
    assert.equal(parseEpoch("253402300799").toISOString(), "9999-12-31T23:59:59.000Z");
  });

  for (const bad of ["yesterday", "1.5", "-1", "1e9", " 1700000000", "1700000000\n", "0x10", "١٧٠٠"]) {
    test(`${JSON.stringify(bad)}: a BuildDateError naming the value and what to do`, () => {
      assert.throws(
        () => parseEpoch(bad),
        (e: unknown) => e instanceof BuildDateError && e.message.includes(`SOURCE_DATE_EPOCH is ${JSON.stringify(bad)}, not a whole number of seconds`) && /git log -1 --format=%ct/.test(e.message)
      );
    });
  }

  test("after the year 9999: refused, and a long value is cut in the message", () => {
    assert.throws(() => parseEpoch("253402300800"), /SOURCE_DATE_EPOCH is "253402300800": after the year 9999/);
    assert.throws(() => parseEpoch("9".repeat(100)), (e: Error) => e.message.includes(`"${"9".repeat(40)}…"`) && !e.message.includes("9".repeat(41)));
  });
});

describe("buildDate", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "build-date-"));
  });
  after(() => rmSync(dir, {recursive: true, force: true}));

  /** A git repository in `dir`/`name` whose one commit is dated `seconds`. */
  function repo(name: string, seconds: number | null): string {
    const path = join(dir, name);
    mkdirSync(path);
    execFileSync("git", ["init", "-q"], {cwd: path});
    if (seconds !== null) {
      writeFileSync(join(path, "file"), "x");
      const date = `@${seconds} +0000`;
      execFileSync("git", ["add", "file"], {cwd: path});
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-qm", "x"], {cwd: path, env: {...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date}});
    }
    return path;
  }

  test("SOURCE_DATE_EPOCH when set, whatever the commit", () => {
    const cwd = repo("dated", 1234567890);
    const b = buildDate({env: {SOURCE_DATE_EPOCH: "1700000000"}, cwd});
    assert.deepEqual(b, {date: new Date(1700000000_000), source: "SOURCE_DATE_EPOCH", origin: "SOURCE_DATE_EPOCH"});
  });

  test("a bad SOURCE_DATE_EPOCH throws (the build stops) rather than falling back", () => {
    assert.throws(() => buildDate({env: {SOURCE_DATE_EPOCH: "now"}, cwd: join(dir, "dated")}), BuildDateError);
  });

  test("unset or empty: the last commit's date (git log -1 --format=%ct), not the time of the build", () => {
    const cwd = join(dir, "dated");
    for (const env of [{}, {SOURCE_DATE_EPOCH: ""}]) {
      const b = buildDate({env, cwd});
      assert.equal(b.source, "commit");
      assert.equal(b.date.getTime(), 1234567890_000);
    }
    // A later commit moves the date.
    writeFileSync(join(cwd, "file"), "y");
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-qam", "y"], {cwd, env: {...process.env, GIT_COMMITTER_DATE: "@1300000000 +0000"}});
    assert.equal(buildDate({env: {}, cwd}).date.getTime(), 1300000000_000);
  });

  test("this project: the date of its HEAD commit", () => {
    const seconds = Number(execFileSync("git", ["log", "-1", "--format=%ct"], {cwd: ROOT, encoding: "utf8"}).trim());
    assert.equal(buildDate({env: {}}).date.getTime(), seconds * 1000);
  });

  test("no commit yet, not a checkout, or no git: the fixed fallback (1980-01-01), the same every time", () => {
    const empty = repo("empty", null);
    const plain = join(dir, "plain");
    mkdirSync(plain);
    assert.ok(!isCheckout(plain), "the temporary folder is outside any git checkout");
    const cases = [
      buildDate({env: {}, cwd: empty}),
      buildDate({env: {}, cwd: plain}),
      buildDate({env: {}, cwd: join(dir, "dated"), git: join(dir, "no-such-git")})
    ];
    for (const b of cases) assert.deepEqual(b, {date: new Date(FALLBACK_EPOCH * 1000), source: "fallback", origin: "no git commit found: a fixed date"});
    assert.equal(new Date(FALLBACK_EPOCH * 1000).toISOString(), "1980-01-01T00:00:00.000Z");
    assert.equal(commitDate({cwd: plain}), null);
  });
});

describe("setFileTimes", () => {
  test("every file under each folder gets the date as its modification time; a missing folder is skipped", () => {
    const dir = mkdtempSync(join(tmpdir(), "file-times-"));
    try {
      mkdirSync(join(dir, "a", "b"), {recursive: true});
      for (const f of ["a/one.json", "a/b/two.arrow", "three.js"]) writeFileSync(join(dir, f), f);
      const date = new Date(1234567890_000);
      assert.equal(setFileTimes([join(dir, "a"), join(dir, "missing")], date), 2);
      assert.equal(statSync(join(dir, "a", "one.json")).mtimeMs, date.getTime());
      assert.equal(statSync(join(dir, "a", "b", "two.arrow")).mtimeMs, date.getTime());
      assert.notEqual(statSync(join(dir, "three.js")).mtimeMs, date.getTime(), "outside the folders: left alone");
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
});
