# Reference p-values for fisherExactTest's r×c code (stats.ts), from R's own fisher.test.
#
# Run from the project root:   Rscript src/components/fisher.R
# It writes src/components/fisher.fixture.json, which src/components/fisher.test.ts reads (the
# tests themselves do not need R). Each case records the table (row by row), R's
# fisher.test(x)$p.value printed with 17 significant digits, and the workspace it needed: R's
# default (200000) where that works, else 2e8 (R stops with "FEXACT error 6/7 ... workspace"
# before that). Everything random is seeded, so a rerun writes the same file (given the same R).

m <- function(v, nr) matrix(v, nrow = nr, byrow = TRUE) # tables written row by row, as in the tests
cases <- list()

add <- function(name, group, x) {
  workspace <- 200000
  p <- tryCatch(fisher.test(x)$p.value, error = function(e) NULL)
  if (is.null(p)) {
    workspace <- 2e8
    p <- fisher.test(x, workspace = workspace)$p.value
  }
  cases[[length(cases) + 1]] <<- list(name = name, group = group, x = x, p = p, workspace = workspace)
}

# Realistic uneven counts: independent rows and columns with unequal weights, multinomial N.
draw <- function(nr, nc, N) {
  w <- outer(runif(nr, 0.2, 1), runif(nc, 0.2, 1))
  matrix(rmultinom(1, N, w), nr, nc)
}

# --- the three shapes fisherExactTest used to give up on -----------------------------------
set.seed(1)
add("4x3 N=128 (rmultinom)", "named", draw(4, 3, 128))
add("4x3 N=128 (hand-made, uneven)", "named", m(c(30, 5, 2, 20, 10, 3, 15, 12, 6, 5, 8, 12), 4))
add("4x3 N=128 (hand-made, a strong pattern)", "named", m(c(40, 2, 1, 3, 30, 2, 1, 4, 25, 5, 5, 10), 4))
set.seed(2)
add("5x4 N=47 (rmultinom)", "named", draw(5, 4, 47))
add("5x4 N=47 (hand-made, sparse)", "named", m(c(0, 1, 3, 2, 4, 0, 0, 1, 2, 2, 5, 0, 1, 6, 0, 3, 7, 0, 2, 8), 5))
add("5x4 N=47 (hand-made, one rare row)", "named", m(c(6, 4, 3, 2, 5, 5, 2, 1, 3, 2, 4, 3, 1, 1, 2, 2, 0, 0, 1, 0), 5))
set.seed(3)
add("2x5 N=2613 (rmultinom)", "named", draw(2, 5, 2613))
# In this one another table is more likely than the observed one by a factor between 1 + 1e-7
# and exp(3.45254e-7), so FEXACT's tolerance (not the 2x2 code's 1 + 1e-7) decides its p-value.
add("2x5 N=2613 (hand-made)", "named", m(c(301, 248, 420, 179, 160, 322, 271, 350, 202, 160), 2))
add("2x5 N=2613 (hand-made, a rare column)", "named", m(c(600, 500, 150, 12, 40, 620, 450, 200, 3, 38), 2))

# --- every table larger than 2x2 in stats.test.ts's header comment --------------------------
add("stats.test: m(c(3, 1, 4, 1, 5, 2), 2)", "stats.test", m(c(3, 1, 4, 1, 5, 2), 2))
add("stats.test: t23", "stats.test", m(c(20, 15, 25, 10, 18, 12), 2))
add("stats.test: m(c(2, 3, 1, 0, 4, 2, 3, 0, 5), 3)", "stats.test", m(c(2, 3, 1, 0, 4, 2, 3, 0, 5), 3))
add("stats.test: m(c(1, 2, 0, 3, 2, 0, 3, 1, 0, 3, 1, 2), 3)", "stats.test", m(c(1, 2, 0, 3, 2, 0, 3, 1, 0, 3, 1, 2), 3))
add("stats.test: m(c(3, 4, 2, 0, 0, 0, 1, 1, 5), 3)", "stats.test", m(c(3, 4, 2, 0, 0, 0, 1, 1, 5), 3))
add("stats.test: m(c(3, 4, 2, 0, 0, 0, 0, 0, 0), 3)", "stats.test", m(c(3, 4, 2, 0, 0, 0, 0, 0, 0), 3))
add("stats.test: t34", "stats.test", m(c(12, 7, 9, 14, 8, 11, 6, 10, 15, 9, 13, 7), 3))

# --- empty rows and columns ------------------------------------------------------------------
add("zeros: 4x4, an empty row and column", "zeros", m(c(3, 0, 2, 5, 0, 0, 0, 0, 4, 0, 1, 2, 1, 0, 6, 0), 4))
add("zeros: 3x5, two empty columns", "zeros", m(c(2, 0, 5, 0, 1, 4, 0, 1, 0, 3, 0, 0, 6, 0, 2), 3))
add("zeros: 3x3 that is 2x2 once its empty row and column go", "zeros", m(c(3, 0, 7, 0, 0, 0, 6, 0, 1), 3))
add("zeros: 3x4 that is 1x4 once its empty rows go", "zeros", m(c(0, 0, 0, 0, 2, 5, 1, 3, 0, 0, 0, 0), 3))
add("zeros: 5x5 diagonal", "zeros", diag(c(3, 2, 4, 1, 5)))
add("zeros: 4x6 mostly empty cells", "zeros", m(c(5, 0, 0, 0, 0, 1, 0, 4, 0, 0, 1, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 3, 2, 2), 4))

# --- ties: many tables exactly as likely as the observed one ---------------------------------
add("ties: 2x3 uniform", "ties", m(c(2, 2, 2, 2, 2, 2), 2))
add("ties: 2x3 mirrored", "ties", m(c(1, 2, 3, 3, 2, 1), 2))
add("ties: 3x3 Latin square", "ties", m(c(3, 3, 0, 0, 3, 3, 3, 0, 3), 3))
add("ties: 3x3 circulant", "ties", m(c(4, 1, 1, 1, 4, 1, 1, 1, 4), 3))
add("ties: 4x4 permutation", "ties", m(c(0, 2, 0, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 0, 2, 0), 4))
add("ties: 3x4 all ones", "ties", matrix(1, 3, 4))
add("ties: 2x6 swapped pairs", "ties", m(c(5, 1, 5, 1, 5, 1, 1, 5, 1, 5, 1, 5), 2))
add("ties: 4x5 all tens, the most likely table (p = 1)", "ties", matrix(10, 4, 5))

# --- tables the callers' tests use ---------------------------------------------------------------
# contingency.test.ts: 5x5, 100 respondents spread thin (the old enumeration's cap sent it to chi-squared)
add("contingency.test: 5x5 N=100", "callers", m(c(2, 5, 3, 6, 4, 4, 2, 5, 3, 6, 6, 4, 2, 5, 3, 3, 6, 4, 2, 5, 5, 3, 6, 4, 2), 5))

# --- random tables: every shape from 2x3 to 6x5 -----------------------------------------------
# N is drawn between 10 and a cap that shrinks with the number of cells (at most 300), so that
# R itself finishes each in seconds (a 6x5 table with N = 150 takes it many minutes).
set.seed(20240612)
for (nr in 2:6) for (nc in 3:5) for (i in 1:3) {
  cap <- min(300, floor(30000 / (nr * nc)^2))
  N <- sample(10:cap, 1)
  add(sprintf("random %dx%d N=%d #%d", nr, nc, N, i), "random", draw(nr, nc, N))
}

# --- larger tables that need workspace = 2e8 in R ---------------------------------------------
add("large: 4x5 N=100", "large", m(c(5, 10, 1, 5, 12, 7, 7, 5, 5, 8, 0, 2, 5, 2, 3, 3, 4, 4, 5, 7), 4))
add("large: 4x5 N=100, small p", "large", m(c(4, 0, 4, 6, 3, 3, 6, 11, 5, 8, 2, 6, 3, 7, 9, 0, 7, 5, 5, 6), 4))
add("large: 5x5 N=60", "large", m(c(4, 0, 1, 1, 0, 2, 2, 6, 2, 6, 1, 1, 1, 3, 1, 2, 4, 8, 0, 2, 4, 1, 4, 2, 2), 5))
add("large: 6x4 N=80", "large", m(c(1, 0, 3, 2, 3, 2, 2, 8, 1, 4, 2, 3, 3, 4, 2, 8, 4, 3, 2, 9, 5, 2, 1, 6), 6))
add("large: 3x6 N=150", "large", m(c(10, 12, 3, 8, 9, 6, 7, 15, 5, 6, 12, 4, 9, 11, 2, 10, 14, 7), 3))
add("large: 2x8 N=420", "large", m(c(30, 25, 12, 40, 22, 18, 35, 20, 28, 30, 9, 33, 27, 21, 40, 30), 2))

# --- write the fixture (by hand: jsonlite prints at most 15 significant digits) ----------------
num <- function(v) sprintf("%.17g", v)
json_table <- function(x) paste0("[", paste(apply(x, 1, function(r) paste0("[", paste(r, collapse = ", "), "]")), collapse = ", "), "]")
json_string <- function(s) paste0("\"", gsub("\"", "\\\\\"", s), "\"")
lines <- vapply(cases, function(c) {
  sprintf("    {\"name\": %s, \"group\": %s, \"workspace\": %s, \"p\": %s, \"table\": %s}",
          json_string(c$name), json_string(c$group), format(c$workspace, scientific = FALSE), num(c$p), json_table(c$x))
}, "")
out <- c(
  "{",
  sprintf("  \"generated_by\": %s,", json_string("Rscript src/components/fisher.R")),
  sprintf("  \"r_version\": %s,", json_string(R.version.string)),
  sprintf("  \"p_value\": %s,", json_string("fisher.test(x)$p.value; workspace = 2e8 where the default (200000) fails")),
  "  \"cases\": [",
  paste(lines, collapse = ",\n"),
  "  ]",
  "}"
)
writeLines(out, "src/components/fisher.fixture.json")
cat(sprintf("%d cases (%d needed workspace = 2e8) written to src/components/fisher.fixture.json\n",
            length(cases), sum(vapply(cases, function(c) c$workspace > 200000, TRUE))))
