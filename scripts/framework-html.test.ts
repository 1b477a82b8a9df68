// The template amendments on Framework's own page shell (the site test checks the built pages with
// axe-core; this checks the rewrites themselves, and that an unknown template stops the build).
import assert from "node:assert/strict";
import {test} from "node:test";
import {amendPage} from "./framework-html.ts";

/** The parts of Framework 1.13.4's page (render.js) that the rewrites touch, as it writes them. */
const PAGE = `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1">
</head>
<body>
<input id="observablehq-sidebar-toggle" type="checkbox" title="Toggle sidebar">
<label id="observablehq-sidebar-backdrop" for="observablehq-sidebar-toggle"></label>
<nav id="observablehq-sidebar">
  <ol>
    <label id="observablehq-sidebar-close" for="observablehq-sidebar-toggle"></label>
    <li class="observablehq-link"><a href="./">Home</a></li>
  </ol>
  <div id="observablehq-search"><input type="search" placeholder="Search"></div>
</nav>
<div id="observablehq-center">
<aside id="observablehq-toc" data-selector="h2">
<nav>
</nav>
</aside>
<main id="observablehq-main" class="observablehq">
</main>
<footer id="observablehq-footer">
<nav><a rel="prev" href="./a.html"><span>A</span></a></nav>
</footer>
</div>
</body>
</html>
`;

test("amendPage gives the page a language, zoom, a skip link, and a sidebar with names and a valid list", () => {
  const page = amendPage(PAGE);
  assert.match(page, /^<!DOCTYPE html>\n<html lang="en">/);
  assert.match(page, /<meta name="viewport" content="width=device-width, initial-scale=1">/);
  assert.match(page, /<body>\n<a class="skip-link" href="#observablehq-main">Skip to main content<\/a>/);
  assert.match(page, /<main id="observablehq-main" tabindex="-1" class="observablehq">/);
  assert.match(page, /<input id="observablehq-sidebar-toggle" type="checkbox" role="button" aria-pressed="false" aria-controls="observablehq-sidebar" aria-label="Sidebar"/);
  assert.match(page, /<ol>\s*<li class="observablehq-link"><label id="observablehq-sidebar-close" [^>]*aria-hidden="true"><\/label><a href="\.\/">Home<\/a><\/li>/);
  assert.match(page, /<nav id="observablehq-sidebar" aria-label="Site">/);
  assert.match(page, /<aside id="observablehq-toc" data-selector="h2">\n<nav aria-label="Contents">/);
  assert.match(page, /<footer id="observablehq-footer">\n<nav aria-label="Previous and next page">/);
  assert.match(page, /aria-label="Search this site"/);
  assert.match(page, /<script type="module">[\s\S]*aria-pressed[\s\S]*<\/script>\n<\/body>\n<\/html>\n$/);
  assert.equal(amendPage(page), page, "a page amended once is left as it is");
});

test("amendPage stops, naming the file and what it looked for, when the template is not Framework 1.13's", () => {
  const changed = PAGE.replace('<nav id="observablehq-sidebar">', '<nav id="sidebar">');
  assert.throws(() => amendPage(changed, "dist/index.html"), /dist\/index\.html: Framework's page template no longer has .*observablehq-sidebar.* update scripts\/framework-html\.ts/);
});
