// Splitting a checkbox cell into the options it holds.
// Google Forms joins ticked options with ", " in one cell, and option labels may themselves contain
// ", ", so a plain split is wrong. As survey tools do, match the form's option list longest label
// first, and keep what matches no option as the respondent's "Other" text. No CSV or survey library
// knows a form's option list, so this is written here.

export interface SplitChoices {
  /** The options found, in the order the cell has them. */
  chosen: string[];
  /** Text that matched no option (a written-in "Other" answer), or null. */
  other: string | null;
}

export function splitChoices(cell: string, options: readonly string[], separator = ", "): SplitChoices {
  const longestFirst = [...options].sort((a, b) => b.length - a.length);
  const chosen: string[] = [];
  const others: string[] = [];
  const text = cell.trim();
  // An option matches at i when it ends at the end of the cell or right before a separator.
  const optionAt = (i: number) =>
    longestFirst.find((o) => text.startsWith(o, i) && (i + o.length === text.length || text.startsWith(separator, i + o.length)));
  let i = 0;
  while (i < text.length) {
    const option = optionAt(i);
    if (option) {
      if (!chosen.includes(option)) chosen.push(option);
      i += option.length + separator.length;
      continue;
    }
    // No option starts here: the text up to the next separator that is followed by an option (or
    // to the end) is a written-in answer, which may itself contain the separator.
    let j = text.indexOf(separator, i);
    while (j !== -1 && !optionAt(j + separator.length)) j = text.indexOf(separator, j + 1);
    const end = j === -1 ? text.length : j;
    const leftover = text.slice(i, end).trim();
    if (leftover) others.push(leftover);
    i = end + separator.length;
  }
  return {chosen, other: others.length ? others.join(separator) : null};
}
