// The cross-study comparison: data/compare.yaml resolved against every study's data.
import {comparison} from "../../loaders/compare.ts";
import {runLoader} from "../../loaders/study.ts";

await runLoader(async () => JSON.stringify(await comparison()));
