// Every study under data/, as a card for the home page.
import {studyCards} from "../../loaders/cards.ts";
import {runLoader} from "../../loaders/study.ts";

await runLoader(async () => JSON.stringify(await studyCards()));
