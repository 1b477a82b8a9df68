// The reader's choices for a Likert chart (likert.js): sort order, and where the paper printed its
// items as 100% stacked bars, that view too. Page-only (Inputs is a browser library), so kept apart
// from likert.js, which also runs in Node for the manuscript files.
import * as Inputs from "npm:@observablehq/inputs";

/**
 * A form whose value is {sort: "questionnaire" | "agreement", layout: "diverging" | "stacked"},
 * the options divergingLikert takes. `stacked: false` leaves out the layout choice (its value then has
 * no layout: divergingLikert's default, diverging).
 */
export function likertControls({stacked = true} = {}) {
  const sort = Inputs.radio(new Map([["questionnaire order", "questionnaire"], ["agreement (most first)", "agreement"]]), {label: "Sort by", value: "questionnaire"});
  const layout = Inputs.radio(new Map([["diverging, centred on the middle answer", "diverging"], ["100% stacked, as in the paper", "stacked"]]), {label: "Bars", value: "diverging"});
  const form = Inputs.form(stacked ? {sort, layout} : {sort});
  form.classList.add("likert-controls");
  return form;
}
