// The public part of the codebook: labels, levels and types the page needs to draw and explain.
import {loadCodebook} from "../../../loaders/codebook.ts";
import {publicCodebook} from "../../../loaders/responses.ts";
import {runLoader, studyParam} from "../../../loaders/study.ts";

await runLoader(async () => JSON.stringify(publicCodebook(loadCodebook(studyParam()))));
