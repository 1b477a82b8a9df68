// The figures of Ali (Preprints.org 2025), defined once: the study page draws them in the browser,
// and `npm run build` draws the same ones in Node for the manuscript files (dist/manuscript/).
//
// These are the page's numbered figures: the paper's pie chart of platforms (drawn as bars, since
// the shares add up to more than 100%), its lost "Challenges" figure (concerns) and its bar graph of
// content types. The page's unnumbered charts (purposes, usage, engagement and growth, visibility,
// engagement by type, topics) are the page's own views of the data and stay on the page, as
// bendayan-2024's unnumbered chart does.
//
// Not here: the page's HTML tables made with Inputs.table (Table 1, platforms and their purposes; the
// engagement levels under Fig 3). They are tables, not charts: the manuscript writer draws charts to
// SVG, and a journal wants tables as editable text, not as figures.
import {distributionBars} from "../components/bars.js";
import {choiceBars} from "../components/choices.js";
import {count} from "../components/format.js";

/**
 * @param tables the study's tables.json (the survey)
 * @param parts the tables.json of the datasets that are part_of the study, by id (the coded posts)
 * @returns [{id, number, caption, bases, unit?, columns: "single" | "double", render: (options) => SVG|figure}]
 * `options` are passed to the chart functions: {width, document, key}.
 */
export function figures({tables, parts}) {
  const {platforms, concerns} = tables.choices;
  const posts = parts["ali-2025-posts"];
  const types = posts.distributions.content_type;
  return [
    {
      id: "Fig1", number: 1, columns: "double",
      caption: `Social media platforms preferred by healthcare professionals: share of the ${count(platforms.base)} respondents using each one professionally (several answers possible).`,
      bases: [platforms],
      render: (o) => choiceBars(platforms, o)
    },
    {
      id: "Fig2", number: 2, columns: "double",
      caption: "Concerns about professional social media use (several answers possible).",
      bases: [concerns],
      render: (o) => choiceBars(concerns, o)
    },
    {
      // The engagement level the paper gives each type is in the page's table under the chart, not in
      // the chart: the caption says only what the chart shows, and the page adds the table's part.
      id: "Fig3", number: 3, columns: "double",
      caption: `Types of content: number of posts of each type (share of all ${count(types.base)} coded posts).`,
      bases: [types], unit: "posts",
      render: (o) => distributionBars(types, {...o, sort: true, unit: "posts"})
    }
  ];
}
