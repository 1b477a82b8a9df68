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
  /** Metadata columns named by pattern (REDCap's form_complete, survey timestamps). */
  metadataPattern?: RegExp;
  /** How the column of option `key` of a question with one column per option is headed. */
  optionColumn: (column: string, key: string) => string;
  /** A problem with the header rows that shows the file is not this format, or null. */
  checkHeader?: (rows: string[][]) => string | null;
}

export const FORMATS: Record<string, ExportFormat> = {
  // One header row of question texts; the codebook names the Timestamp column itself.
  "google-forms": {headerRows: 1, keyRow: 0, separator: ", ", metadata: [], optionColumn: (column, key) => `${column}_${key}`},
  // Three header rows: export tags (Q2_1), question texts, then {"ImportId":"QID…"}.
  qualtrics: {
    headerRows: 3,
    keyRow: 0,
    separator: ",",
    // "Split multi-value fields into columns": Q5_1, Q5_2…
    optionColumn: (column, key) => `${column}_${key}`,
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
  // Two header rows: question texts (once, over all the columns of a question), then each column's
  // option ("Response" for a one-column question). Columns are named by both (headerKeys).
  surveymonkey: {
    headerRows: 2,
    keyRow: 0,
    separator: ", ",
    optionColumn: (column, key) => `${column} / ${key}`,
    metadata: ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name", "Last Name", "Custom Data 1", "Custom Data"],
    checkHeader: (rows) => (rows.length < 2 ? "SurveyMonkey's two header rows (question texts, then each column's option or \"Response\")" : null)
  },
  // REDCap's raw export: field names; a checkbox field is one column per choice code (field___code).
  redcap: {
    headerRows: 1,
    keyRow: 0,
    separator: ",",
    optionColumn: (column, key) => `${column}___${key}`,
    metadata: ["redcap_event_name", "redcap_repeat_instrument", "redcap_repeat_instance", "redcap_data_access_group", "redcap_survey_identifier"],
    metadataPattern: /(_complete|_timestamp)$/
  },
  // An SPSS .sav file: one header row of variable names (loaders/readers.ts), values as codes.
  spss: {headerRows: 1, keyRow: 0, separator: ",", metadata: [], optionColumn: (column, key) => `${column}_${key}`},
  // A plain table: one header row, one row per unit (e.g. coded posts of a content analysis).
  csv: {headerRows: 1, keyRow: 0, separator: ";", metadata: [], optionColumn: (column, key) => `${column}_${key}`}
};

/** The name of each column, as the codebook's `column` gives it, from the header rows. */
export function headerKeys(format: ExportFormat, head: string[][]): string[] {
  if (format !== FORMATS.surveymonkey) return head[format.keyRow].map((h) => h.trim());
  // SurveyMonkey heads a question once, over its columns: carry it forward; a column's own option
  // (row 2) is added to the name unless it is the question's only answer column.
  let question = "";
  return head[1].map((_, col) => {
    const top = (head[0][col] ?? "").trim();
    if (top) question = top;
    const sub = (head[1][col] ?? "").trim();
    return sub === "" || sub === "Response" || sub === "Open-Ended Response" ? question : format.optionColumn(question, sub);
  });
}

/** Whether a column is one the platform adds (identifying or technical, never published). */
export function isMetadata(format: ExportFormat, header: string): boolean {
  return format.metadata.includes(header) || !!format.metadataPattern?.test(header);
}

export const optionColumn = (format: ExportFormat, column: string, key: string) => format.optionColumn(column, key);

export function exportFormat(name: string): ExportFormat {
  const format = FORMATS[name];
  if (!format) throw new Error(`unknown export format "${name}" (known: ${Object.keys(FORMATS).join(", ")})`);
  return format;
}
