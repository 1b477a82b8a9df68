// What each survey platform's export looks like around the answers: how many header rows, which
// one names the columns, the platform's own metadata columns (always private) and how checkbox
// answers are joined. See ../shared/notes/survey-conventions.md.

export interface ExportFormat {
  /** Rows before the first response. */
  headerRows: number;
  /** The header row (0-based) whose cells the codebook's `column` names. */
  keyRow: number;
  /** How ticked options are joined in one cell, unless the codebook says otherwise. */
  separator: string;
  /** Columns the platform adds to every export: identifying or technical, never published. */
  metadata: readonly string[];
  /** A problem with the header rows that shows the file is not this format, or null. */
  checkHeader?: (rows: string[][]) => string | null;
}

export const FORMATS: Record<string, ExportFormat> = {
  // One header row of question texts; the codebook names the Timestamp column itself.
  "google-forms": {headerRows: 1, keyRow: 0, separator: ", ", metadata: []},
  // Three header rows: export tags (Q2_1), question texts, then {"ImportId":"QID…"}.
  qualtrics: {
    headerRows: 3,
    keyRow: 0,
    separator: ",",
    metadata: [
      "StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished",
      "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
      "ExternalReference", "LocationLatitude", "LocationLongitude", "DistributionChannel", "UserLanguage"
    ],
    checkHeader: (rows) =>
      rows.length < 3 || !rows[2].some((cell) => /^\{"ImportId":/.test(cell))
        ? 'Qualtrics\' third header row of {"ImportId":"…"} cells (export with "Use legacy format" off)'
        : null
  },
  // A plain table: one header row, one row per unit (e.g. coded posts of a content analysis).
  csv: {headerRows: 1, keyRow: 0, separator: ";", metadata: []}
};

export function exportFormat(name: string): ExportFormat {
  const format = FORMATS[name];
  if (!format) throw new Error(`unknown export format "${name}" (known: ${Object.keys(FORMATS).join(", ")})`);
  return format;
}
