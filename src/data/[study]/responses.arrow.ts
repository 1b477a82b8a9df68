// The same rows as responses.parquet, as Arrow IPC: what the browser can read offline.
import {toArrow} from "../../../loaders/arrow.ts";
import {runLoader, studyParam, withStudy} from "../../../loaders/study.ts";

await runLoader(() => withStudy(studyParam(), (db) => toArrow(db, "SELECT * FROM responses ORDER BY respondent")));
