// The study's tables and statistics (DuckDB SQL over the validated responses), or, for a study
// known only by published figures, those figures as published.
import {readAggregates} from "../../../loaders/aggregates.ts";
import {loadCodebook} from "../../../loaders/codebook.ts";
import {withStudyDatabase} from "../../../loaders/database.ts";
import {runLoader, studyParam} from "../../../loaders/study.ts";
import {studyTables} from "../../../loaders/tables.ts";

await runLoader(async () => {
  const study = studyParam();
  if (loadCodebook(study).study.data === "aggregates") {
    const {codebook, aggregates} = readAggregates(study);
    return JSON.stringify({study: codebook.study, aggregates});
  }
  return withStudyDatabase(study, async (db) => JSON.stringify(await studyTables(db)));
});
