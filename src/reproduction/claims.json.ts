// dist/reproduction/claims.json: every printed number of every study with a claims file, judged;
// prints one summary line per study, and fails the build on an unexplained inconsistency.
import {allClaims} from "../../loaders/claims.ts";
import {runLoader} from "../../loaders/study.ts";

await runLoader(async () => JSON.stringify(await allClaims()));
