import assert from "node:assert/strict";
import {test} from "node:test";
import {splitChoices} from "./choices.ts";

const options = [
  "Rapidité des réponses",
  "Diversité des spécialités, des modes d'exercice et des expériences",
  "Partage de documents (recommandations, fiches pratiques, etc.)",
  "Gratuité"
];

test("splitChoices keeps an option whose label contains the separator whole", () => {
  const cell = "Rapidité des réponses, Diversité des spécialités, des modes d'exercice et des expériences, Gratuité";
  assert.deepEqual(splitChoices(cell, options), {
    chosen: ["Rapidité des réponses", "Diversité des spécialités, des modes d'exercice et des expériences", "Gratuité"],
    other: null
  });
});

test("splitChoices handles a label with commas inside parentheses, last in the cell", () => {
  assert.deepEqual(splitChoices("Gratuité, Partage de documents (recommandations, fiches pratiques, etc.)", options).chosen, [
    "Gratuité",
    "Partage de documents (recommandations, fiches pratiques, etc.)"
  ]);
});

test("splitChoices returns a written-in answer as other, even when it contains commas", () => {
  assert.deepEqual(splitChoices("Rapidité des réponses, Entraide, solidarité, Gratuité", options), {
    chosen: ["Rapidité des réponses", "Gratuité"],
    other: "Entraide, solidarité"
  });
  assert.deepEqual(splitChoices("Entraide", options), {chosen: [], other: "Entraide"});
});

test("splitChoices prefers the longest label that matches", () => {
  const opts = ["Documents", "Documents, recommandations"];
  assert.deepEqual(splitChoices("Documents, recommandations", opts).chosen, ["Documents, recommandations"]);
  assert.deepEqual(splitChoices("Documents, Documents, recommandations", opts).chosen, ["Documents", "Documents, recommandations"]);
});

test("splitChoices does not take a label's prefix as an option", () => {
  assert.deepEqual(splitChoices("Gratuité totale", options), {chosen: [], other: "Gratuité totale"});
});

test("splitChoices supports another separator (';' re-exports)", () => {
  assert.deepEqual(splitChoices("Gratuité;Rapidité des réponses", options, ";").chosen, ["Gratuité", "Rapidité des réponses"]);
});
