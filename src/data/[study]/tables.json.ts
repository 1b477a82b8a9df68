// The study's tables and statistics (DuckDB SQL over the validated responses).
import {runLoader, studyParam, withStudy} from "../../../loaders/study.ts";
import {studyTables} from "../../../loaders/tables.ts";

await runLoader(() => withStudy(studyParam(), async (db) => JSON.stringify(await studyTables(db))));
