// The public codebook as the row-level files (responses.parquet/.arrow, the explorer) hold the
// answers: the codebook's disclosure section may leave a question out of them or publish a number
// in its bands (loaders/disclosure.ts). What reads rows — the explorer, a page's cross-tab widget,
// the worked examples — asks this, so it never offers a column the rows do not have.

/** How codebook.json says a column is published in the rows (the codebook's disclosure.public_rows). */
export type PublicRow = "drop" | "bands" | {top_code?: number; bottom_code?: number};

interface RowQuestion {id: string; type: string; bands?: {label: string}[]; levels?: string[]}
interface RowCodebookLike<Q extends RowQuestion, D extends {id: string; from: string}> {
  questions: Q[];
  derived?: D[];
  publicRows?: Record<string, PublicRow>;
}

/**
 * The codebook with only the questions the rows carry: a dropped question is left out (its derived
 * groupings stay, as the coarser column the author kept), and a number published in its bands
 * becomes a single-choice question of those bands.
 */
export function rowCodebook<Q extends RowQuestion, D extends {id: string; from: string}, C extends RowCodebookLike<Q, D>>(codebook: C): C {
  const rules = codebook.publicRows ?? {};
  const questions = codebook.questions
    .filter((q) => rules[q.id] !== "drop")
    .map((q) => (rules[q.id] === "bands" && q.bands ? {...q, type: "single", levels: q.bands.map((b) => b.label), bands: undefined} : q));
  const derived = codebook.derived?.filter((d) => rules[d.id] !== "drop");
  return {...codebook, questions, ...(derived ? {derived} : {})};
}
