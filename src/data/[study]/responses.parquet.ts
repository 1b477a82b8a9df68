// One row per respondent, typed columns, public questions only.
import {toParquet, withStudyDatabase} from "../../../loaders/database.ts";
import {runLoader, studyParam} from "../../../loaders/study.ts";

await runLoader(() => withStudyDatabase(studyParam(), (db) => toParquet(db, "SELECT * FROM responses ORDER BY respondent")));
