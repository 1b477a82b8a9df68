import assert from "node:assert/strict";
import {describe, test} from "node:test";
import JSZip from "jszip";
import {w3cdtf, withZipDates, zipEntryDate} from "./zip-dates.ts";

const CORE = `<?xml version="1.0"?><cp:coreProperties xmlns:cp="cp" xmlns:dcterms="dcterms" xmlns:xsi="xsi"><dc:creator>x</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2031-05-06T07:08:09.123Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2031-05-06T07:08:09.123Z</dcterms:modified></cp:coreProperties>`;

/** A zip as the Office libraries write one: entries added now (jszip's default date), a folder among them. */
async function officeLike({core = CORE as string | null} = {}): Promise<Buffer> {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", "<Types/>");
  zip.folder("word");
  zip.file("word/document.xml", "<w:document>".padEnd(5000, "x") + "</w:document>");
  if (core !== null) zip.file("docProps/core.xml", core);
  return zip.generateAsync({type: "nodebuffer", compression: "DEFLATE"});
}

const entries = async (zip: Buffer) => {
  const archive = await JSZip.loadAsync(zip);
  const out: {path: string; date: Date; dir: boolean; text: string}[] = [];
  for (const [path, entry] of Object.entries(archive.files)) out.push({path, date: entry.date, dir: entry.dir, text: entry.dir ? "" : await entry.async("string")});
  return out;
};

describe("withZipDates", () => {
  const date = new Date("2024-03-10T12:34:56Z");

  test("every entry, folders included, is dated as told; the entries keep their order and content", async () => {
    const original = await officeLike();
    const dated = await withZipDates(original, date);
    const before = await entries(original);
    const after = await entries(dated);
    assert.deepEqual(after.map((e) => e.path), before.map((e) => e.path));
    assert.deepEqual(after.map((e) => e.text), before.map((e) => e.text));
    assert.ok(after.some((e) => e.dir), "the folder entry is kept");
    for (const e of after) assert.equal(e.date.getTime(), date.getTime(), e.path);
    assert.ok(before.some((e) => e.date.getTime() !== date.getTime()), "the library's entries were dated otherwise");
    assert.equal(after.find((e) => e.path === "docProps/core.xml")!.text, CORE, "core.xml untouched unless asked");
  });

  test("the same bytes from zips written at different times", async () => {
    const a = await withZipDates(await officeLike(), date, {coreProperties: true});
    const b = await withZipDates(await officeLike({core: CORE.replaceAll("2031-05-06T07:08:09.123Z", "2032-01-01T00:00:00.000Z")}), date, {coreProperties: true});
    assert.ok(a.equals(b));
  });

  test("coreProperties: dcterms:created and dcterms:modified set to the date, to the second", async () => {
    const dated = await withZipDates(await officeLike(), date, {coreProperties: true});
    const core = (await entries(dated)).find((e) => e.path === "docProps/core.xml")!.text;
    assert.equal(core, CORE.replaceAll("2031-05-06T07:08:09.123Z", "2024-03-10T12:34:56Z"));
  });

  test("coreProperties on a file without them: an error, not a file with the library's dates", async () => {
    await assert.rejects(withZipDates(await officeLike({core: null}), date, {coreProperties: true}), /no docProps\/core\.xml/);
    await assert.rejects(withZipDates(await officeLike({core: "<cp:coreProperties><dcterms:created>x</dcterms:created></cp:coreProperties>"}), date, {coreProperties: true}), /has 1 of dcterms:created and dcterms:modified/);
  });

  test("a date before 1980 (SOURCE_DATE_EPOCH=0) dates the entries 1980-01-01, the earliest a zip holds; the core properties keep it", async () => {
    assert.equal(zipEntryDate(new Date(0)).toISOString(), "1980-01-01T00:00:00.000Z");
    assert.equal(zipEntryDate(date).getTime(), date.getTime());
    assert.equal(zipEntryDate(new Date("2026-12-02T22:49:57.500Z")).toISOString(), "2026-12-02T22:49:56.000Z", "an odd second: the even one before it");
    const dated = await withZipDates(await officeLike(), new Date(0), {coreProperties: true});
    const after = await entries(dated);
    for (const e of after) assert.equal(e.date.toISOString(), "1980-01-01T00:00:00.000Z", e.path);
    assert.match(after.find((e) => e.path === "docProps/core.xml")!.text, /<dcterms:created xsi:type="dcterms:W3CDTF">1970-01-01T00:00:00Z</);
    assert.equal(w3cdtf(new Date(0)), "1970-01-01T00:00:00Z");
  });
});
