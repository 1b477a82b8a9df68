// The dates inside an Office file (a zip): each entry's modification time and, for a DOCX, the core
// properties' created and modified. Neither docx nor exceljs lets a caller set its zip entries' times
// (both add every entry with jszip's default, the time of the call), and docx writes `new Date()` into
// docProps/core.xml with no option to change it. So the finished file is read back with jszip (what
// both libraries write with) and written again with the build's date: the entries keep their order,
// content and compressed bytes; only the times change.
import JSZip from "jszip";

/** The earliest time a zip entry can hold (MS-DOS dates start in 1980); later than 2107 neither. */
const ZIP_EARLIEST = Date.UTC(1980, 0, 1);
const ZIP_LATEST = Date.UTC(2107, 11, 31, 23, 59, 58);

/**
 * The date as a zip entry holds it: within 1980–2107 and down to the even second (an MS-DOS time
 * counts seconds in twos; jszip writes UTC). A build dated 22:49:57 has entries dated 22:49:56.
 */
export const zipEntryDate = (date: Date) => {
  const clamped = Math.min(ZIP_LATEST, Math.max(ZIP_EARLIEST, date.getTime()));
  return new Date(clamped - (((clamped % 2000) + 2000) % 2000));
};

/** An ISO 8601 date to the second, as Office writes dcterms:created ("2024-03-10T00:00:00Z"). */
export const w3cdtf = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");

const CORE = "docProps/core.xml";

/**
 * `zip` with every entry dated `date` and, with `coreProperties`, docProps/core.xml's
 * dcterms:created and dcterms:modified set to it (throws if the file has not both: a library
 * upgrade that writes them otherwise must not pass silently).
 */
export async function withZipDates(zip: Buffer | Uint8Array, date: Date, {coreProperties = false} = {}): Promise<Buffer> {
  const archive = await JSZip.loadAsync(zip);
  if (coreProperties) {
    const xml = await archive.file(CORE)?.async("string");
    if (xml === undefined) throw new Error(`withZipDates: no ${CORE} in the file`);
    let found = 0;
    const dated = xml.replace(/(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g, (_, open, _name, close) => (found++, `${open}${w3cdtf(date)}${close}`));
    if (found !== 2) throw new Error(`withZipDates: ${CORE} has ${found} of dcterms:created and dcterms:modified`);
    archive.file(CORE, dated);
  }
  const entryDate = zipEntryDate(date);
  archive.forEach((_path, entry) => {
    entry.date = entryDate;
  });
  return archive.generateAsync({type: "nodebuffer", compression: "DEFLATE"});
}
