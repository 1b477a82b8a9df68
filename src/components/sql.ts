// SQL text about a study's questions, shared by the build (native DuckDB in loaders/) and the
// reader's explorer (DuckDB-Wasm in the browser): both ask the same question the same way.
// It reads the public codebook shape (codebook.json), which the full codebook also satisfies.

/** What these functions need to know of a codebook. */
export interface CodebookLike {
  questions: {id: string; type: string; scale?: string; bands?: {label: string; min?: number; max?: number}[]; missingLevels?: string[]}[];
  scales?: Record<string, {bins: {label: string; min: number; max: number}[]}>;
  /** A weighted study's weight column (codebook.json `weight`). */
  weight?: {id: string; label: string} | null;
}

/** Double-quotes an SQL identifier. */
export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
/** Single-quotes an SQL string literal. */
export const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** The column of `responses` saying why a question has no answer (a missing code's label), where the codebook gives reasons. */
export const missingColumn = (id: string) => `${id}__missing`;

/**
 * The SQL expression giving a variable's display level: its value, a rating's bin label or a
 * number's band; for a rating or number, a missing code shown as a level (public codebook's
 * `missingLevels`) comes from its missing column.
 */
export function levelExpression(codebook: CodebookLike, variable: string): string {
  const q = codebook.questions.find((q) => q.id === variable);
  if (q?.type !== "rating" && !(q?.type === "number" && q.bands)) return ident(variable);
  const v = ident(variable);
  let groups: string;
  if (q.type === "rating") {
    const bins = q.scale ? codebook.scales?.[q.scale]?.bins : undefined;
    if (!bins) throw new Error(`question "${variable}" is a rating with no scale bins in the codebook`);
    groups = `CASE ${bins.map((b) => `WHEN ${v} BETWEEN ${b.min} AND ${b.max} THEN ${literal(b.label)}`).join(" ")} END`;
  } else {
    const test = (b: {min?: number; max?: number}) => [...(b.min !== undefined ? [`${v} >= ${b.min}`] : []), ...(b.max !== undefined ? [`${v} <= ${b.max}`] : [])].join(" AND ");
    groups = `CASE ${q.bands!.map((b) => `WHEN ${test(b)} THEN ${literal(b.label)}`).join(" ")} END`;
  }
  const missing = q.missingLevels ?? [];
  if (!missing.length) return groups;
  const m = ident(missingColumn(variable));
  return `coalesce(${groups}, CASE WHEN ${m} IN (${missing.map(literal).join(", ")}) THEN ${m} END)`;
}

/** An SQL condition: the respondent gave `level` (for a multiple-choice question: chose it among others). */
export function answerIs(codebook: CodebookLike, variable: string, level: string): string {
  const q = codebook.questions.find((q) => q.id === variable);
  if (q?.type === "multiple") return `list_contains(${ident(variable)}, ${literal(level)})`;
  return `${levelExpression(codebook, variable)} = ${literal(level)}`;
}

// A reader's query, wrapped so that DuckDB returns only the rows a page shows (moving a million
// rows into JavaScript takes seconds), and its rows counted without fetching them. The newlines
// keep a trailing "-- comment" from swallowing the closing parenthesis.
// A final semicolon (and any comment after it) would end the statement inside the parentheses.
// What this cannot wrap, DuckDB rejects, and the explorer then runs the reader's text as written.
const asSubquery = (sql: string) => `(\n${sql.replace(/;(\s*--[^\n]*)*\s*$/, "")}\n)`;
/** How many rows of a result the explorer shows (src/explore.md; scripts/bench.ts times the same). */
export const SHOWN_ROWS = 10_000;
/** At most `limit` rows of `sql`, in its own order. */
export const firstRowsQuery = (sql: string, limit: number) => `SELECT * FROM ${asSubquery(sql)} LIMIT ${limit}`;
/** How many rows `sql` returns. */
export const rowCountQuery = (sql: string) => `SELECT count(*) AS n FROM ${asSubquery(sql)}`;
