// The one place that amends the HTML of Observable Framework 1.13's page template, for readers of
// every ability (axe-core's rules, checked on every page by test/site.test.ts). Framework writes
// the template itself (render.js: no config option sets the page's language, the viewport or the
// sidebar's markup), so the build rewrites each page it wrote (scripts/build.ts) and the dev proxy
// each page it serves (scripts/dev.ts). Each rewrite names the exact markup it expects: when a
// Framework upgrade changes the template, the build stops here instead of silently shipping the
// page unamended. Hand-written because it is glue to one version's template, like the offline glue.
import {readFileSync, readdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";

/** The site's language (its pages, captions and survey labels are in English). */
export const LANG = "en";

/**
 * Keeps the sidebar toggle's pressed state (is the sidebar shown?) true to what the reader sees,
 * and lets Enter press it as it presses any button. The toggle is Framework's checkbox, exposed as
 * a toggle button (role="button" with aria-pressed, which ARIA in HTML allows on a checkbox): its
 * "indeterminate" state means "shown when the window is wide enough" (client/sidebar.js).
 */
const TOGGLE_SCRIPT = `<script type="module">
const toggle = document.getElementById("observablehq-sidebar-toggle");
if (toggle) {
  const wide = matchMedia("(min-width: calc(640px + 6rem + 272px))");
  const sync = () => toggle.setAttribute("aria-pressed", String(toggle.indeterminate ? wide.matches : toggle.checked));
  toggle.addEventListener("change", sync);
  toggle.addEventListener("click", sync);
  wide.addEventListener("change", sync);
  toggle.addEventListener("keydown", (event) => {
    if (event.key === "Enter") event.preventDefault(), toggle.click();
  });
  sync();
}
</script>`;

interface Rewrite {
  /** What the rewrite is for, for the error when the template no longer has `from`. */
  why: string;
  from: RegExp;
  to: string;
  /** Only on pages that have it (the table of contents, the search box); the others are on every page. */
  optional?: boolean;
}

const REWRITES: Rewrite[] = [
  {why: "the page's language (axe html-has-lang)", from: /^(<!DOCTYPE html>\s*)<html>/, to: `$1<html lang="${LANG}">`},
  {
    why: "readers may zoom (axe meta-viewport: no maximum-scale)",
    from: /<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1">/,
    to: '<meta name="viewport" content="width=device-width, initial-scale=1">'
  },
  {
    // A checkbox whose only name is its title, outside every landmark (axe label-title-only, region):
    // as a toggle button it has a name and, buttons being exempt, needs no landmark.
    why: "the sidebar toggle's name and role",
    from: /<input id="observablehq-sidebar-toggle" type="checkbox" title="Toggle sidebar">/,
    to: '<input id="observablehq-sidebar-toggle" type="checkbox" role="button" aria-pressed="false" aria-controls="observablehq-sidebar" aria-label="Sidebar" title="Toggle sidebar">'
  },
  {why: "the sidebar's name", from: /<nav id="observablehq-sidebar">/, to: '<nav id="observablehq-sidebar" aria-label="Site">'},
  {
    // A <label> directly in the <ol> (axe list): moved into the list's first item. It is a second
    // click target for the toggle, so it is hidden from assistive technology, which has the toggle.
    why: "the sidebar's close label out of the list's direct children",
    from: /<ol>(\s*)<label id="observablehq-sidebar-close" for="observablehq-sidebar-toggle"><\/label>\s*(<li class="[^"]*">)/,
    to: '<ol>$1$2<label id="observablehq-sidebar-close" for="observablehq-sidebar-toggle" aria-hidden="true"></label>'
  },
  {why: "the search box's name (a placeholder is no label)", from: /<input type="search" placeholder="Search">/, to: '<input type="search" placeholder="Search" aria-label="Search this site">', optional: true},
  // Three <nav>s (sidebar, contents, pager): each named, so a reader can tell them apart (axe landmark-unique).
  {why: "the table of contents' name", from: /(<aside id="observablehq-toc" [^>]*>\s*)<nav>/, to: '$1<nav aria-label="Contents">', optional: true},
  {why: "the pager's name", from: /(<footer id="observablehq-footer">\s*)<nav>/, to: '$1<nav aria-label="Previous and next page">', optional: true},
  {
    // The sidebar's links come first in the page: a keyboard reader skips them in one key press. The
    // main element takes the focus (tabindex -1: not in the Tab order itself), so the next Tab goes on from there.
    why: "a skip link to the page's content",
    from: /<body>/,
    to: '<body>\n<a class="skip-link" href="#observablehq-main">Skip to main content</a>'
  },
  {why: "the main content, focusable by the skip link", from: /<main id="observablehq-main" class="/, to: '<main id="observablehq-main" tabindex="-1" class="'},
  {why: "the sidebar toggle's state", from: /<\/body>\s*<\/html>\s*$/, to: `${TOGGLE_SCRIPT}\n</body>\n</html>\n`}
];

/** A page of Framework's as readers need it; throws when the template is not the one expected. */
export function amendPage(html: string, file = "a page"): string {
  // Already amended (dev serves a page many times; a build never sees its own output): unchanged.
  if (html.includes(`<html lang="${LANG}">`)) return html;
  for (const {why, from, to, optional} of REWRITES) {
    if (!from.test(html)) {
      if (optional) continue;
      throw new Error(`${file}: Framework's page template no longer has ${from} (for ${why}); update scripts/framework-html.ts for this Framework version.`);
    }
    html = html.replace(from, to);
  }
  return html;
}

/** Every page Framework wrote under `dir`, amended in place; returns how many. */
export function amendBuiltPages(dir: string): number {
  const pages = readdirSync(dir, {recursive: true, withFileTypes: true}).filter((e) => e.isFile() && e.name.endsWith(".html"));
  for (const e of pages) {
    const file = join(e.parentPath, e.name);
    writeFileSync(file, amendPage(readFileSync(file, "utf8"), file));
  }
  return pages.length;
}
