// The public part of the codebook: labels, levels and types the page needs to draw and explain.
import {levelsOf, loadCodebook} from "../../../loaders/codebook.ts";
import {publicQuestions} from "../../../loaders/responses.ts";
import {runLoader, studyParam} from "../../../loaders/study.ts";

await runLoader(async () => {
  const cb = loadCodebook(studyParam());
  return JSON.stringify({
    study: cb.study,
    /** How many questions the instrument has, private ones included. */
    questionCount: cb.questions.length,
    scales: cb.scales ?? {},
    questions: publicQuestions(cb).map((q) => ({
      id: q.id, number: q.number, label: q.label, type: q.type, scale: q.scale, asked_if: q.asked_if,
      published: q.published ?? true, levels: levelsOf(cb, q)
    })),
    derived: (cb.derived ?? []).map(({id, from, label, groups}) => ({id, from, label, levels: Object.keys(groups)}))
  });
});
