// The figures of Bendayan et al. (2024), defined once: the study page draws them in the browser,
// and `npm run build` draws the same ones in Node for the manuscript files (dist/manuscript/).
import {distributionBars} from "../components/bars.js";
import {choiceBars} from "../components/choices.js";
import {divergingLikert} from "../components/likert.js";

/**
 * @param tables the study's tables.json; @param codebook its codebook.json
 * @returns [{id, number, caption, bases, columns: "single" | "double", render?: (options) => SVG|figure, panels?: [{title, render}]}]
 * `options` are passed to the chart functions: {width, document, key}; the rating figures (Fig 2 and
 * Fig 5, diverging bars) also take the reader's {sort, layout} (likert.js), the paper's 100% stacked
 * bars being layout "stacked".
 */
export function figures({tables, codebook}) {
  const d = tables.distributions;
  const scale = codebook.scales["agree-0-10"];
  const scaleText = `${scale.bins.map((b) => b.label).join(", ")} on a scale from ${scale.min} (${scale.anchors[scale.min]}) to ${scale.max} (${scale.anchors[scale.max]})`;
  // Fig 2 holds the statements asked only of those who had sought an opinion; Fig 5 the others.
  const ratings = (askedOfSeekers) => codebook.questions.filter((q) => q.type === "rating" && !!q.asked_if === askedOfSeekers).map((q) => d[q.id]);
  const ends = {low: `${scale.anchors[scale.min]} (${scale.min})`, high: `${scale.anchors[scale.max]} (${scale.max})`};
  const characteristics = ["sex", "age", "specialty", "practice", "setting", "underserved", "login_frequency"];
  return [
    {
      id: "Fig1", number: 1, columns: "double",
      caption: "Characteristics of the participants (number of participants, and share of those who answered).",
      bases: characteristics.map((id) => d[id]),
      panels: characteristics.map((id) => ({title: d[id].label, render: (o) => distributionBars(d[id], {...o, sort: id === "specialty"})}))
    },
    {
      id: "Fig2", number: 2, columns: "double", items: ratings(true), bases: ratings(true),
      caption: `Ratings of the answers to requests for medical opinions, by participants who had sought one: ${scaleText}.`,
      render: (o) => divergingLikert(ratings(true), {...o, ...ends})
    },
    {
      id: "Fig3", number: 3, columns: "double",
      caption: "“In your opinion, what are the strengths of the group?” (multiple choice).",
      bases: [tables.choices.strengths],
      render: (o) => choiceBars(tables.choices.strengths, o)
    },
    {
      id: "Fig4", number: 4, columns: "double",
      caption: "“In your opinion, what are the weaknesses of the group?” (multiple choice).",
      bases: [tables.choices.weaknesses],
      render: (o) => choiceBars(tables.choices.weaknesses, o)
    },
    {
      id: "Fig5", number: 5, columns: "double", items: ratings(false), bases: ratings(false),
      caption: `Ratings of the anecdotes, CME points and documents shared by other members: ${scaleText}.`,
      render: (o) => divergingLikert(ratings(false), {...o, ...ends})
    }
  ];
}
