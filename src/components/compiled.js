// A compiled data file, checked. When a study's raw files fail validation during `npm run dev`,
// the compile step replaces its JSON files with {buildError} (loaders/site.ts): the page then shows
// that message where its figures would be, never numbers that are no longer true.
export function compiled(data) {
  if (data !== null && typeof data === "object" && "buildError" in data) throw new Error(data.buildError);
  return data;
}
