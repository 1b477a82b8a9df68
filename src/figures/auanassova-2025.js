// The figures of Auanassova et al. (2025), defined once: the study page draws them in the browser,
// and `npm run build` draws the same ones in Node for the manuscript files (dist/manuscript/).
// Fig 1's age card (median, range, mean and SD in an HTML table) is not a chart: it is not in the
// registry and stays on the page as it is, beside the two chart panels of Fig 1.
import {distributionBars} from "../components/bars.js";
import {choiceBars} from "../components/choices.js";
import {divergingLikert} from "../components/likert.js";
import {stackedBars} from "../components/stacked.js";
import {baseText} from "../components/format.js";

/**
 * @param tables the study's tables.json; @param codebook its codebook.json
 * @returns [{id, number, caption, bases, columns: "single" | "double", render?: (options) => SVG|figure, panels?: [{title, render, published?}], panelColumns?, items?}]
 * `options` are passed to the chart functions: {width, document, key}; Fig 6 (diverging bars) also
 * takes the reader's {sort, layout} (likert.js).
 */
export function figures({tables, codebook}) {
  const {distributions: d, choices} = tables;
  const attitudes = [d.overwhelmed, d.secure, d.training_willing];
  const agreement = [d.useful_growth, d.trust_information];
  const fig5 = [
    {title: "", render: (o) => stackedBars(attitudes, {...o, reverse: true, labelWidth: 320})},
    {title: "", render: (o) => stackedBars([d.training_attended], {...o, reverse: true, labelWidth: 320})}
  ];
  // A panel's `published: false` is what the page marks "(not reported in the source)".
  const panel = (item, options = {}) => ({title: item.label, published: item.published, render: (o) => distributionBars(item, {...o, ...options})});
  return [
    {
      id: "Fig1", number: 1, columns: "double",
      caption: "Characteristics of the respondents (number, and share of those who answered).",
      bases: [d.sex, d.profession],
      panels: [panel(d.sex), panel(d.profession, {sort: true})]
    },
    {
      id: "Fig2", number: 2, columns: "double",
      caption: `“Do you use social media for professional purposes?” (number, and share ${baseText(d.uses_professionally)}).`,
      bases: [d.uses_professionally],
      render: (o) => distributionBars(d.uses_professionally, o)
    },
    {
      id: "Fig3", number: 3, columns: "double",
      caption: `Reasons for using social media professionally (multiple choice), share ${baseText(choices.reasons)}: the users.`,
      bases: [choices.reasons],
      render: (o) => choiceBars(choices.reasons, o)
    },
    {
      id: "Fig4", number: 4, columns: "double",
      caption: `Platforms used for professional purposes (multiple choice), share ${baseText(choices.platforms)}: the users.`,
      bases: [choices.platforms],
      render: (o) => choiceBars(choices.platforms, o)
    },
    {
      // Two charts: the yes/no questions share one key, the training question has its own levels.
      // One panel a row, as on the page: side by side they would be too narrow for these labels.
      id: "Fig5", number: 5, columns: "double", items: [...attitudes, d.training_attended], bases: [...attitudes, d.training_attended],
      caption: "Attitudes to social media and training in its professional use, share of the users who answered each question.",
      panels: fig5,
      panelColumns: 1
    },
    {
      id: "Fig6", number: 6, columns: "double", items: agreement, bases: agreement,
      caption: "Agreement with two statements, share of the users who answered.",
      render: (o) => divergingLikert(agreement, {...o, labelWidth: 320})
    }
  ];
}
