// What a raw export is, before anything reads it: inside its study folder, not empty, of the kind
// its name says (a CSV that is text, not a PNG, a ZIP or JSON), and UTF-8 unless the codebook
// declares its encoding — in which case it is decoded to a UTF-8 copy that DuckDB reads (DuckDB
// reads UTF-8 and UTF-16 only without its `encodings` extension, which would be a download).
//
// Libraries: file-type names binary formats from their magic bytes; chardet guesses a legacy
// encoding from byte frequencies. The UTF-8 check is the platform's own fatal TextDecoder, run over
// the file in chunks, so a million-row export costs one sequential read.
import {closeSync, createReadStream, createWriteStream, lstatSync, mkdtempSync, openSync, readSync, realpathSync, rmSync, statSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, sep} from "node:path";
import {pipeline} from "node:stream/promises";
import {Transform} from "node:stream";
import chardet from "chardet";
import {fileTypeFromBuffer} from "file-type";
import {type FileKind, checkReadable, fileProblem} from "./readers.ts";


/** How much of a file is looked at to say what it is. */
const SAMPLE = 1 << 16;

function head(path: string, bytes = SAMPLE): Buffer {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

/**
 * Refuses a raw file that leads out of its study folder: a symbolic link to a file elsewhere (its
 * content would be published as the study's) or a path through `..`. A missing file passes here
 * (the reader says it is missing).
 */
export function checkInsideStudy(path: string, studyDir: string, file: string): void {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return;
  }
  const folder = realpathSync(studyDir);
  const inside = real.startsWith(folder + sep);
  if (!inside) {
    const link = lstatSync(path).isSymbolicLink();
    throw fileProblem(
      file,
      "",
      `the export itself, but the file ${link ? "is a symbolic link to a file" : "leads to a file"} outside the study folder: copy the export into ${studyDir.split(sep).slice(-2).join("/")}/ (the build never follows a link or a path out of a study's folder, so nothing outside it is published)`
    );
  }
}

const WHAT_IS: Record<string, string> = {
  xlsx: "an XLSX workbook",
  zip: "a ZIP archive (an XLSX workbook?)",
  xls: "an old Excel workbook (.xls)",
  cfb: "an old Office document (an .xls workbook?)",
  pdf: "a PDF document",
  png: "a PNG image",
  jpg: "a JPEG image",
  gif: "a GIF image",
  docx: "a Word document",
  gz: "a gzip archive",
  sqlite: "an SQLite database"
};

/** A legacy encoding's guess, as a Windows code page (what Excel writes) where there is one. */
const CODE_PAGE: Record<string, string> = {
  "ISO-8859-1": "windows-1252",
  "ISO-8859-2": "windows-1250",
  "ISO-8859-5": "windows-1251",
  "KOI8-R": "windows-1251",
  "ISO-8859-7": "windows-1253",
  "ISO-8859-9": "windows-1254",
  "ISO-8859-8": "windows-1255",
  "ISO-8859-6": "windows-1256"
};

/** The likely encodings of bytes that are not UTF-8: chardet's guesses, Excel's western default first. */
function likelyEncodings(sample: Buffer): string[] {
  const matches = chardet.analyse(sample).filter((m) => m.confidence > 0 && !/^(UTF-8|ASCII)$/.test(m.name));
  const unique = [...new Set(matches.map((m) => CODE_PAGE[m.name] ?? m.name))].slice(0, 3);
  // Excel on a western Windows saves windows-1252, and short French or German text is often guessed
  // as another Latin code page first: when the best guess is a Latin one, windows-1252 leads.
  const latin = /^(ISO-8859-(1|2|9|15)|windows-125[0247])$/.test(matches[0]?.name ?? "");
  return latin && unique.includes("windows-1252") ? ["windows-1252", ...unique.filter((n) => n !== "windows-1252")] : unique;
}

/** Whether bytes read as text: no NUL, and few control characters other than tab, line breaks and form feed. */
const isText = (bytes: Buffer) => !bytes.includes(0) && bytes.reduce((n, b) => n + (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12 ? 1 : 0), 0) <= bytes.length / 100;

/** The 1-based line of byte `offset` (quoted line breaks counted as lines: an approximation). */
function lineAt(path: string, offset: number): number {
  const bytes = head(path, offset);
  let line = 1;
  for (const b of bytes) if (b === 10) line++;
  return line;
}

/**
 * Checks a raw export before it is read and returns the path to read: the file itself, or (when
 * the codebook declares an encoding other than UTF-8) a UTF-8 copy, removed by `done`.
 */
export async function prepareRawFile(path: string, {file, kind, encoding}: {file: string; kind: FileKind; encoding?: string}): Promise<{path: string; done: () => void}> {
  checkReadable(path, file);
  const size = statSync(path).size;
  if (size === 0) throw fileProblem(file, "", "an export, but the file is empty (0 bytes): export the responses again");
  const sample = head(path);
  const type = await fileTypeFromBuffer(sample);
  const nothing = {path, done: () => {}};
  if (kind !== "csv") {
    const expectedExt = kind === "xlsx" ? ["xlsx", "zip"] : ["sav"];
    const base = file.split("/").at(-1)!.replace(/\.\w+$/, "");
    if (!type && kind === "xlsx" && isText(sample))
      throw fileProblem(file, "", `an XLSX workbook, but the file is not an XLSX workbook: it is text (a CSV export?). If it is a CSV, name it ${base}.csv and name that in responses.file`);
    if (type && !expectedExt.includes(type.ext)) throw fileProblem(file, "", `${kind === "xlsx" ? "an XLSX workbook" : "an SPSS .sav file"}, but it is ${WHAT_IS[type.ext] ?? `a ${type.ext.toUpperCase()} file (${type.mime})`}`);
    return nothing;
  }
  // --- A CSV ------------------------------------------------------------------------------------
  const notCsv = (what: string, todo: string) => fileProblem(file, "", `a CSV export, but the file is not a CSV export: it is ${what}. ${todo}`);
  if (type) {
    const what = WHAT_IS[type.ext] ?? `a ${type.ext.toUpperCase()} file (${type.mime})`;
    const base = file.split("/").at(-1)!.replace(/\.csv$/i, "");
    throw notCsv(what, type.ext === "xlsx" || type.ext === "zip" ? `If it is the workbook, save it as ${base}.xlsx and name that in responses.file` : "Export the responses as CSV");
  }
  const bomUtf16 = (sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff);
  const zeros = sample.reduce((n, b) => n + (b === 0 ? 1 : 0), 0);
  if (bomUtf16 || zeros > sample.length / 4)
    if (!encoding?.toLowerCase().startsWith("utf-16"))
      throw fileProblem(file, "", `UTF-8 text, but the file is not UTF-8: it is UTF-16 (Excel's "Unicode text"). Save the export as "CSV UTF-8", or declare responses.encoding: utf-16le`);
  if (!bomUtf16 && !isText(sample)) throw notCsv("binary data, not text", "Export the responses as CSV from the survey platform");
  const text = sample.toString("utf8").replace(/^\uFEFF/, "").trimStart();
  if (/^[[{]\s*["{[\]}]/.test(text)) throw notCsv("JSON", "Export the responses as CSV (or XLSX) from the survey platform");
  if (encoding && !/^utf-?8$/i.test(encoding)) return decodedCopy(path, file, encoding);
  // UTF-8 from start to end (a fatal decoder stops at the first byte UTF-8 does not allow).
  const decoder = new TextDecoder("utf-8", {fatal: true});
  let offset = 0;
  const stream = createReadStream(path, {highWaterMark: 1 << 20});
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      try {
        decoder.decode(chunk, {stream: true});
      } catch {
        // Where in this chunk: decode byte by byte from a fresh decoder to find the first bad one.
        const bad = firstInvalidByte(chunk);
        const at = offset + bad;
        // chardet judges the lines that hold bytes beyond ASCII (the rest would say nothing).
        const sample = head(path, Math.min(size, Math.max(SAMPLE, at + 4096)));
        const lines = sample.toString("latin1").split("\n").filter((l) => /[\x80-\xff]/.test(l));
        const guesses = likelyEncodings(Buffer.from(lines.join("\n"), "latin1"));
        const row = lineAt(path, at);
        throw fileProblem(
          file,
          "",
          `UTF-8 text, but the file is not UTF-8 (row ${row} holds bytes UTF-8 does not allow)${guesses.length ? `: it looks like ${guesses.join(" or ")}` : ""}. Save the export as "CSV UTF-8", or declare the encoding in the codebook (responses.encoding: ${guesses[0] ?? "windows-1252"})`
        );
      }
      offset += chunk.length;
    }
    decoder.decode();
  } finally {
    stream.destroy();
  }
  return nothing;
}

/** The offset of the first byte of `bytes` that is not valid UTF-8 (a sequence cut at the end excepted). */
function firstInvalidByte(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (!n) return i;
    if (i + n > bytes.length) return i;
    try {
      new TextDecoder("utf-8", {fatal: true}).decode(bytes.subarray(i, i + n));
    } catch {
      return i;
    }
    i += n;
  }
  return 0;
}

/** A UTF-8 copy of a file in a declared legacy encoding, decoded in chunks. */
async function decodedCopy(path: string, file: string, encoding: string): Promise<{path: string; done: () => void}> {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, {fatal: true});
  } catch {
    throw fileProblem(file, encoding, "an encoding this build can decode (responses.encoding: for example windows-1252, windows-1251, iso-8859-15, utf-16le, shift_jis)");
  }
  const dir = mkdtempSync(join(tmpdir(), "survey-decoded-"));
  const copy = join(dir, "responses.csv");
  try {
    await pipeline(
      createReadStream(path),
      new Transform({
        transform(chunk, _enc, next) {
          next(null, decoder.decode(chunk, {stream: true}));
        },
        flush(next) {
          next(null, decoder.decode());
        }
      }),
      createWriteStream(copy)
    );
  } catch {
    rmSync(dir, {recursive: true, force: true});
    throw fileProblem(file, "", `text in ${encoding}, as responses.encoding says, but some bytes are not ${encoding}: check the encoding the platform saved it in`);
  }
  return {path: copy, done: () => rmSync(dir, {recursive: true, force: true})};
}
