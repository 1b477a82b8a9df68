// The long form of the multiple-choice answers: one row per (respondent, question, option ticked).
import {toParquet, withStudyDatabase} from "../../../loaders/database.ts";
import {runLoader, studyParam} from "../../../loaders/study.ts";

await runLoader(() => withStudyDatabase(studyParam(), (db) => toParquet(db, "SELECT * FROM choices ORDER BY respondent, question, option")));
