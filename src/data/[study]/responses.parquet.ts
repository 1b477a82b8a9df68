// One row per respondent, typed columns, public questions only.
import {toParquet} from "../../../loaders/database.ts";
import {runLoader, studyParam, withStudy} from "../../../loaders/study.ts";

await runLoader(() => withStudy(studyParam(), (db) => toParquet(db, "SELECT * FROM responses ORDER BY respondent")));
