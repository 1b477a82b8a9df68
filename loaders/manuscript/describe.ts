// What a manuscript figure says in words, from the data it draws: its legend (caption and what the
// shares are of), the SVG's <title> and its <desc> (the legend, then every number the bars show), so a
// screen reader, a search engine or an editor's accessibility check reads the figure without seeing it.
import {basesText, baseText, countShare} from "../../src/components/format.js";
import {panelLetter} from "../../src/components/panel-letter.js";
import type {RegistryFigure} from "./render.ts";

/** A table a figure draws: a question's answers (levels) or a multiple-choice list (options). */
interface Shares {
  label?: string;
  denominator?: string;
  base: number;
  levels?: {level: string; n: number; percent: number; suppressed?: string}[];
  options?: {level: string; n: number; percent: number; suppressed?: string}[];
}

/** The legend under the figure, as the manuscript prints it: "Fig 1. {caption} {what the shares are of}". */
export function figureCaption(figure: RegistryFigure): string {
  const bases = figure.bases?.length ? ` ${basesText(figure.bases, {unit: figure.unit})}` : "";
  return `Fig ${figure.number}. ${figure.caption}${bases}`;
}

/**
 * The figure's title: "Fig 1." and its caption's first phrase, up to the first colon or parenthesis
 * ("Fig 2. Ratings of the answers to requests for medical opinions, by participants who had sought one").
 */
export function figureTitle(figure: RegistryFigure): string {
  const phrase = figure.caption.split(/:\s|\s\(/)[0].replace(/[.\s]+$/, "");
  return `Fig ${figure.number}. ${phrase}`;
}

/**
 * The legend, then each table's numbers as its bars label them: "Sex: Female 1,204 (83.0%); Male
 * 247 (17.0%)." (with what each table's shares are of, when they differ: "Sex, of the 1,451 who
 * answered: …"). A multi-panel figure with one table a panel names each by its letter ("A. Sex: …").
 * The answers are in the table's order (a chart sorted by count shows them sorted).
 */
export function figureDescription(figure: RegistryFigure): string {
  const bases = (figure.bases ?? []) as Shares[];
  const lettered = (figure.panels?.length ?? 0) > 1 && figure.panels!.length === bases.length;
  const of = (b: Shares) => baseText({denominator: b.denominator ?? "answered", base: b.base}, {unit: figure.unit});
  // The legend already says what the shares are of when the tables share it.
  const shared = new Set(bases.map(of)).size <= 1;
  const parts = bases.map((b, i) => {
    const rows = b.levels ?? b.options ?? [];
    const values = rows.map((r) => `${r.level} ${countShare(r)}`).join("; ");
    const name = `${lettered ? `${panelLetter(i)}. ` : ""}${b.label ?? "Answers"}${shared ? "" : `, ${of(b)}`}`;
    return `${name}: ${values}.`;
  });
  return [figureCaption(figure), ...parts].join(" ");
}
