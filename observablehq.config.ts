// Observable Framework configuration. Offline-specific settings are marked; the rest of the
// offline glue lives in scripts/framework-offline.ts.
export default {
  title: "Health professionals on social media",
  root: "src",
  // SURVEY_REPORT_OUTPUT lets a test build somewhere other than dist/.
  output: process.env.SURVEY_REPORT_OUTPUT || "dist",
  // Offline: the default global stylesheet loads Google Fonts.
  globalStylesheets: [],
  style: "style.css",
  // No favicon request (the site ships none).
  head: '<link rel="icon" href="data:,">',
  // Offline: Framework would download DuckDB's json and parquet extensions at build (null drops them).
  duckdb: {extensions: {json: null, parquet: null}},
  pages: [
    {
      name: "Studies",
      pages: [
        {name: "Bendayan et al. 2024 (France)", path: "/studies/bendayan-2024"},
        {name: "Auanassova et al. 2025 (Kazakhstan)", path: "/studies/auanassova-2025"},
        {name: "Ali 2025 (preprint)", path: "/studies/ali-2025"}
      ]
    },
    {
      name: "Published figures",
      pages: [
        {name: "Kantar Media 2018 (US physicians)", path: "/studies/kantar-2018"},
        {name: "Pew Research Center 2018 (US adults)", path: "/studies/pew-2018"}
      ]
    },
    {name: "Across studies", path: "/compare"},
    {name: "Reproduction check", path: "/reproduction"},
    {name: "Explore the data", path: "/explore"}
  ],
  // Written at this exact path (not hashed) for machines: every printed number and its verdict.
  dynamicPaths: ["/reproduction/claims.json"],
  footer: "Built with Observable Framework from the files under data/. Reconstructed data are labelled as such on every page.",
  search: false,
  linkify: true
};
