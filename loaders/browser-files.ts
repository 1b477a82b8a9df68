// The modules src/data/files.js and src/data/explore.js, written by the compile step: every compiled
// file of every study as a FileAttachment with a literal path, and the explorer's worked examples.
// Framework copies only the files a page or module names literally, so a page that picks a study
// by id (the explorer, src/studies/[study].md's downloads) gets its files from here: adding a study
// folder under data/ adds it to the modules, with no page edited.
import {ident} from "../src/components/sql.ts";

/** What the examples read of the public codebook (codebook.json). */
export interface PublicCodebookLike {
  study: {unit?: string};
  questions: {id: string; label: string; type: string; asked_if?: unknown}[];
}

/** The name of a row count: the study's unit ("respondents", "posts"), quoted if it needs to be. */
export const countAlias = (unit: string) => (/^[a-z][a-z0-9_]*$/.test(unit) ? unit : ident(unit));

/**
 * Worked examples for the explorer, from a dataset's public codebook: its rows counted, a count by
 * its first single-choice question, the options of its first multiple-choice question (unnested),
 * and a summary of its first number (else rating) question; each the first asked of everyone when
 * there is one (a question asked of some only is mostly blank). [button label, SQL] pairs; labels
 * start with the question's label as the codebook writes it ("Sex: count by answer").
 */
export function exampleQueries(codebook: PublicCodebookLike): [string, string][] {
  const unit = codebook.study.unit ?? "respondents";
  const examples: [string, string][] = [[unit[0].toUpperCase() + unit.slice(1), `SELECT count(*) AS ${countAlias(unit)} FROM responses`]];
  const first = (...types: string[]) => {
    const of = codebook.questions.filter((q) => types.includes(q.type));
    return of.find((q) => !q.asked_if) ?? of[0];
  };
  const single = first("single", "ordinal");
  if (single) {
    const c = ident(single.id);
    examples.push([`${single.label}: count by answer`, `SELECT ${c}, count(*) AS n\nFROM responses\nGROUP BY ${c}\nORDER BY n DESC`]);
  }
  const multiple = first("multiple");
  if (multiple) {
    examples.push([
      `${multiple.label}: count by answer (several possible)`,
      `-- One row per answer given: unnest() turns each respondent's list of answers into rows\nSELECT answer, count(*) AS n\nFROM (SELECT unnest(${ident(multiple.id)}) AS answer FROM responses)\nGROUP BY answer\nORDER BY n DESC`
    ]);
  }
  const number = first("number") ?? first("rating");
  if (number) {
    const c = ident(number.id);
    examples.push([
      `${number.label}: summary`,
      `SELECT count(${c}) AS answered,\n  round(avg(${c}), 2) AS mean,\n  round(stddev_samp(${c}), 2) AS sd,\n  median(${c}) AS median,\n  quantile_cont(${c}, 0.25) AS q1,\n  quantile_cont(${c}, 0.75) AS q3\nFROM responses`
    ]);
  }
  return examples;
}

/**
 * The modules the compile step writes, by path under src/. `folders` maps each study id to the files
 * in its folder under src/data/ (names as written there), `examples` each dataset with rows to its
 * worked examples.
 *   data/files.js    `files`: the JSON files as FileAttachments; `hrefs`: every file's URL
 *   data/explore.js  `rows`: each dataset's responses.arrow as a FileAttachment; `examples`
 * Framework infers what a page does with a file from how it is named, and loads a reader for it:
 * an Arrow file brings apache-arrow, a bare Parquet FileAttachment parquet-wasm (which, offline, fails
 * the build). So URLs are written as FileAttachment(…).href, and the Arrow files are in a module of
 * their own, which only the explorer imports.
 */
export function browserModules(folders: Map<string, string[]>, examples: Map<string, [string, string][]>): Map<string, string> {
  const ids = [...folders.keys()].sort();
  const path = (id: string, f: string) => JSON.stringify(`./${id}/${f}`);
  const map = (make: (id: string, f: string) => string, keep: (f: string) => boolean) =>
    ids
      .filter((id) => folders.get(id)!.some(keep))
      .map((id) => `  ${JSON.stringify(id)}: {\n${[...folders.get(id)!.filter(keep)].sort().map((f) => `    ${JSON.stringify(f)}: ${make(id, f)}`).join(",\n")}\n  }`)
      .join(",\n");
  const header = `// Written by the compile step (loaders/browser-files.ts, from the study folders under data/): do not edit.
// Each compiled file with a literal path, so that Framework sees and copies it; a page picks a
// study's files by id.
import {FileAttachment} from "observablehq:stdlib";
`;
  const files = `${header}
/** The JSON files of each study: files[id]["tables.json"]. */
export const files = {
${map((id, f) => `FileAttachment(${path(id, f)})`, (f) => f.endsWith(".json"))}
};

/** Every file's URL, for download links: hrefs[id]["responses.parquet"]. */
export const hrefs = {
${map((id, f) => `FileAttachment(${path(id, f)}).href`, () => true)}
};
`;
  const explore = `${header}
/** Each dataset's public rows, for DuckDB-Wasm: rows[id]. */
export const rows = {
${ids.filter((id) => folders.get(id)!.includes("responses.arrow")).map((id) => `  ${JSON.stringify(id)}: FileAttachment(${path(id, "responses.arrow")})`).join(",\n")}
};

/** The worked examples of each dataset with rows, made from its public codebook: [label, SQL]. */
export const examples = ${JSON.stringify(Object.fromEntries([...examples].sort(([a], [b]) => a.localeCompare(b))), null, 2)};
`;
  return new Map([["data/files.js", files], ["data/explore.js", explore]]);
}
