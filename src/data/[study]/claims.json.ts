// The study's printed numbers, each recomputed and judged (data/<study>/claims.yaml). Fails the
// build on an inconsistency the claims file does not record as the paper's own.
import {ClaimsError, failureMessage, studyClaims, unexplained} from "../../../loaders/claims.ts";
import {runLoader, studyParam} from "../../../loaders/study.ts";

await runLoader(async () => {
  const study = studyParam();
  const results = (await studyClaims(study)) ?? [];
  if (unexplained(results).length) throw new ClaimsError(failureMessage(unexplained(results)));
  return JSON.stringify(results);
});
