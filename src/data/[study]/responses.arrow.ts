// The same rows as responses.parquet, as Arrow IPC: what the browser can read offline.
import {toArrow} from "../../../loaders/arrow.ts";
import {withStudyDatabase} from "../../../loaders/database.ts";
import {runLoader, studyParam} from "../../../loaders/study.ts";

await runLoader(() => withStudyDatabase(studyParam(), (db) => toArrow(db, "SELECT * FROM responses ORDER BY respondent")));
