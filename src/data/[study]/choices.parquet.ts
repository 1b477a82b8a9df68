// The long form of the multiple-choice answers: one row per (respondent, question, option ticked).
import {toParquet} from "../../../loaders/database.ts";
import {runLoader, studyParam, withStudy} from "../../../loaders/study.ts";

await runLoader(() => withStudy(studyParam(), (db) => toParquet(db, "SELECT * FROM choices ORDER BY respondent, question, option")));
