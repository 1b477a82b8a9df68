# Reference values for src/components/survey-stats.ts, computed by R's survey package.
# Written with R 4.2.2 (Debian r-base) and survey 4.1-1 (jsonlite 1.8.4); both versions are
# also printed into the fixture. Run from the project root:
#
#   Rscript src/components/survey-stats.R
#
# It writes src/components/survey-stats.fixture.json, which survey-stats.test.ts reads (the
# tests never call R). Every design is svydesign(ids = ~1, weights = ~w, data = d). Inputs are
# rounded to 4 decimals so they read back as the same doubles in R and JavaScript; outputs are
# written with the fewest digits (15 to 17) that give back the exact double.
suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})

# Factor levels (and so svyby's row order) follow the collation. Pin ICU's root collation, the
# one R uses in a UTF-8 locale and the one survey-stats.ts reproduces with Intl.Collator("und").
if (!capabilities("ICU")) stop("this R has no ICU; factor level order would differ from survey-stats.ts")
icuSetCollate(locale = "root")

# --- JSON with exact doubles (jsonlite rounds numbers to 15 significant digits) -----------
exact <- function(x) {
  vapply(x, function(v) {
    for (d in 15:17) {
      s <- sprintf(paste0("%.", d, "g"), v)
      if (as.numeric(s) == v) return(s)
    }
    s
  }, "")
}
num <- function(x, nan_as_null = FALSE) {
  stopifnot(is.numeric(x), all(is.finite(x) | (nan_as_null & is.nan(x))))
  s <- ifelse(is.nan(x), "null", exact(x))
  structure(if (length(x) == 1) s else paste0("[", paste(s, collapse = ","), "]"), class = "json")
}
str_vec <- function(x) I(as.character(x)) # always an array, even of length 1

r4 <- function(x) round(x, 4)
design <- function(d) svydesign(ids = ~1, weights = ~w, data = d)

# --- inputs ---------------------------------------------------------------------------------
set.seed(20240612)
means <- list()
props <- list()
tables <- list()
bys <- list()

add_mean <- function(name, y, w) means[[length(means) + 1]] <<- list(name = name, y = r4(y), w = r4(w))
add_prop <- function(name, y, w, levels = c(0.95)) props[[length(props) + 1]] <<- list(name = name, y = y, w = r4(w), levels = levels)
add_table <- function(name, a, b, w) tables[[length(tables) + 1]] <<- list(name = name, a = a, b = b, w = r4(w))
add_by <- function(name, y, g, w) bys[[length(bys) + 1]] <<- list(name = name, y = r4(y), g = g, w = r4(w))

for (n in c(30, 200, 1000)) {
  add_mean(sprintf("random n=%d, uniform weights 0.5-4", n), rnorm(n, 50, 10), runif(n, 0.5, 4))
  add_mean(sprintf("random n=%d, log-normal weights, skewed y", n), rgamma(n, 2, 0.1), exp(rnorm(n, 0, 0.8)))
  add_prop(sprintf("random n=%d, p about 0.3", n), rbinom(n, 1, 0.3), runif(n, 0.5, 4), c(0.9, 0.95, 0.99))
  add_prop(sprintf("random n=%d, p about 0.7, log-normal weights", n), rbinom(n, 1, 0.7), exp(rnorm(n, 0, 1)))
  add_by(sprintf("random n=%d, 3 groups", n), rnorm(n, 10, 3), sample(c("low", "mid", "high"), n, TRUE), runif(n, 0.5, 4))
}
add_mean("hand-made n=2", c(1, 3), c(1, 2))
add_mean("hand-made n=5", c(2, 4, 4, 5, 10), c(1, 1.5, 2, 0.5, 3))
add_mean("hand-made, negative and zero y", c(-3, 0, 0, 2.5, -1, 7), c(2, 2, 1, 4, 0.25, 1))
add_mean("all weights 1, n=25", rnorm(25, 3, 2), rep(1, 25))
add_mean("extreme weights 1:1000, n=60", rnorm(60, 100, 15), sample(c(1, 1000, runif(58, 1, 1000))))
add_mean("extreme weights 1:1000, only the two values, n=40", rnorm(40), rep(c(1, 1000), 20))
add_mean("constant y", rep(4.5, 12), runif(12, 1, 3))

add_prop("hand-made n=5", c(0, 1, 0, 1, 1), c(1, 2, 3, 4, 5), c(0.8, 0.95))
add_prop("hand-made n=3", c(1, 0, 1), c(2, 1, 1.5), c(0.9, 0.95))
# df = 1: R's interval is [0, NaN] here (see survey-stats.ts, svyCiProp); kept to document it.
add_prop("hand-made n=2", c(0, 1), c(3, 1))
add_prop("all weights 1, n=40", rbinom(40, 1, 0.4), rep(1, 40))
add_prop("extreme weights 1:1000, n=100", rbinom(100, 1, 0.4), sample(c(1, 1000, runif(98, 1, 1000))))
add_prop("near 0: 1 of 30", c(1, rep(0, 29)), runif(30, 1, 5))
add_prop("near 0: 2 of 1000, the ones weighted 1, others up to 1000", c(1, 1, rep(0, 998)), c(1, 1, runif(998, 1, 1000)), c(0.95, 0.99))
add_prop("near 1: 999 of 1000", c(rep(1, 999), 0), runif(1000, 0.5, 2))
add_prop("p = 0", rep(0, 30), runif(30, 1, 5))
add_prop("p = 1", rep(1, 20), runif(20, 1, 5))

add_table("2x2 random n=30", sample(c("yes", "no"), 30, TRUE), sample(c("F", "M"), 30, TRUE), runif(30, 0.5, 4))
add_table("2x2 hand-made n=8", c("a", "a", "a", "b", "b", "b", "b", "a"), c("x", "y", "x", "y", "y", "x", "y", "y"), c(1, 2, 3, 1, 2, 3, 1, 2))
add_table("3x4 random n=200", sample(c("18-34", "35-54", "55+"), 200, TRUE, c(0.5, 0.3, 0.2)), sample(c("Never", "Rarely", "Often", "Always"), 200, TRUE), exp(rnorm(200, 0, 0.7)))
add_table("2x5 random n=1000", sample(c("nurse", "doctor"), 1000, TRUE, c(0.7, 0.3)), sample(c("1", "2", "3", "4", "5"), 1000, TRUE, c(0.1, 0.2, 0.3, 0.25, 0.15)), runif(1000, 0.5, 4))
local({
  # association built in: b depends on a
  a <- sample(c("A", "b", "a"), 300, TRUE)
  b <- ifelse(runif(300) < ifelse(a == "A", 0.7, 0.3), "agree", "disagree")
  add_table("3x2 associated, mixed-case labels, n=300", a, b, runif(300, 1, 3))
})
add_table("3x4 extreme weights 1:1000, n=200", sample(c("u", "v", "w"), 200, TRUE), sample(c("p", "q", "r", "s"), 200, TRUE), sample(c(1, 1000, runif(198, 1, 1000))))
local({
  a <- sample(c("x", "y", "z"), 40, TRUE)
  b <- sample(c("p", "q"), 40, TRUE)
  b[a == "z"] <- "p" # cell (z, q) empty
  add_table("3x2 with an empty cell, n=40", a, b, runif(40, 0.5, 3))
})
local({
  a <- sample(c("r1", "r2", "r3"), 150, TRUE)
  b <- sample(c("c1", "c2", "c3", "c4"), 150, TRUE)
  b[a == "r1" & b == "c2"] <- "c1"
  b[a == "r3" & b == "c4"] <- "c3" # two empty cells
  add_table("3x4 with two empty cells, n=150", a, b, exp(rnorm(150)))
})
local({
  a <- rep(c("u", "v", "x"), each = 10)
  b <- rep(c("s", "t", "r"), each = 10)
  b[1] <- "t" # nearly diagonal: only 4 cells filled
  add_table("3x3 nearly diagonal, n=30", a, b, runif(30, 1, 2))
})
add_table("2x2 perfect association (diagonal cells only), n=20", rep(c("u", "v"), each = 10), rep(c("s", "t"), each = 10), runif(20, 1, 2))
add_table("2x2 unequal margins 95/5, n=400", sample(c("common", "rare"), 400, TRUE, c(0.95, 0.05)), sample(c("x", "y"), 400, TRUE), runif(400, 0.5, 4))

add_by("hand-made n=6", c(1, 2, 3, 4, 5, 6), c("b", "a", "b", "a", "b", "c"), c(1, 2, 1, 2, 1, 3))
add_by("unequal group sizes 60/25/10/5 %, n=400", rnorm(400, 5, 2), sample(c("big", "medium", "small", "tiny"), 400, TRUE, c(0.6, 0.25, 0.1, 0.05)), exp(rnorm(400, 0, 0.8)))
add_by("a group of one row, n=20", rnorm(20), c("solo", rep(c("pair", "rest"), c(2, 17))), runif(20, 1, 3))
add_by("labels that sort differently by locale, n=300", rnorm(300), sample(c("b", "A", "a", "10", "9", "\u00e9", "e", "Z", "_x", "x y"), 300, TRUE), runif(300, 0.5, 2))
add_by("extreme weights 1:1000, n=100", rnorm(100, 50, 10), sample(c("g1", "g2"), 100, TRUE), sample(c(1, 1000, runif(98, 1, 1000))))
add_by("binary y, n=200", rbinom(200, 1, 0.4), sample(c("no", "yes"), 200, TRUE, c(0.8, 0.2)), runif(200, 0.5, 4))

# Inputs R itself rejects; the TypeScript functions must throw for them too.
errors <- list(
  list(name = "a has one level", a = rep("u", 20), b = rep(c("s", "t"), 10), w = r4(runif(20, 1, 2))),
  list(name = "3x3 diagonal: denominator singular", a = rep(c("u", "v", "x"), each = 10), b = rep(c("s", "t", "r"), each = 10), w = r4(runif(30, 1, 2)))
)

# --- R's answers ------------------------------------------------------------------------------
mean_out <- lapply(means, function(cs) {
  m <- svymean(~y, design(data.frame(y = cs$y, w = cs$w)))
  list(name = cs$name, y = num(cs$y), w = num(cs$w), estimate = num(unname(coef(m))), se = num(unname(SE(m))[1]))
})

prop_out <- lapply(props, function(cs) {
  des <- design(data.frame(y = cs$y, w = cs$w))
  res <- lapply(cs$levels, function(level) {
    ci <- svyciprop(~y, des, method = "logit", level = level)
    list(level = num(level), estimate = num(unname(as.vector(ci))), lower = num(unname(confint(ci)[1]), TRUE), upper = num(unname(confint(ci)[2]), TRUE))
  })
  list(name = cs$name, y = num(cs$y), w = num(cs$w), results = res)
})

table_out <- lapply(tables, function(cs) {
  des <- design(data.frame(a = cs$a, b = cs$b, w = cs$w, stringsAsFactors = FALSE))
  f <- svychisq(~a + b, des, statistic = "F")
  x <- svychisq(~a + b, des, statistic = "Chisq")
  df <- unname(x$parameter)
  list(
    name = cs$name, a = str_vec(cs$a), b = str_vec(cs$b), w = num(cs$w),
    counts = num(as.numeric(table(cs$a, cs$b))), # column-major: cell (i, j) at i + nrow * j
    F = list(statistic = num(unname(f$statistic)), ndf = num(unname(f$parameter["ndf"])), ddf = num(unname(f$parameter["ddf"])), p = num(unname(f$p.value))),
    # R prints Pearson's unadjusted X² as the statistic of "Chisq"; its p-value is for
    # X² / mean(diag(Delta)) = (X² / tr(Delta)) * df = the F statistic times df.
    Chisq = list(pearson = num(unname(x$statistic)), statistic = num(unname(f$statistic) * df), df = num(df), p = num(unname(x$p.value)))
  )
})

by_out <- lapply(bys, function(cs) {
  des <- design(data.frame(y = cs$y, g = cs$g, w = cs$w, stringsAsFactors = FALSE))
  r <- svyby(~y, ~g, des, svymean)
  lev <- as.character(r$g)
  stopifnot(identical(lev, levels(factor(cs$g))))
  rows <- lapply(seq_along(lev), function(i) list(
    group = lev[i], estimate = num(unname(coef(r))[i]), se = num(unname(SE(r))[i]),
    n = sum(cs$g == lev[i]), weightedN = num(sum(cs$w[cs$g == lev[i]]))
  ))
  list(name = cs$name, y = num(cs$y), group = str_vec(cs$g), w = num(cs$w), rows = rows)
})

error_out <- lapply(errors, function(cs) {
  des <- design(data.frame(a = cs$a, b = cs$b, w = cs$w, stringsAsFactors = FALSE))
  msg <- tryCatch({ svychisq(~a + b, des); NA_character_ }, error = function(e) conditionMessage(e))
  if (is.na(msg)) stop("expected R to fail for: ", cs$name)
  list(name = cs$name, a = str_vec(cs$a), b = str_vec(cs$b), w = num(cs$w), rError = msg)
})

fixture <- list(
  generatedBy = "src/components/survey-stats.R",
  R = R.version.string,
  survey = as.character(packageVersion("survey")),
  jsonlite = as.character(packageVersion("jsonlite")),
  collation = "ICU root (icuSetCollate(locale = \"root\"))",
  design = "svydesign(ids = ~1, weights = ~w, data = d)",
  svymean = mean_out,
  svyciprop = prop_out,
  svychisq = table_out,
  svyby = by_out,
  svychisqErrors = error_out
)
out <- "src/components/survey-stats.fixture.json"
writeLines(toJSON(fixture, auto_unbox = TRUE, json_verbatim = TRUE, pretty = FALSE), out, useBytes = TRUE)

# Check that every number reads back exactly.
back <- fromJSON(out, simplifyVector = FALSE)
same <- function(json, value) stopifnot(length(json) == length(value), all(unlist(json) == value))
for (i in seq_along(means)) {
  m <- svymean(~y, design(data.frame(y = means[[i]]$y, w = means[[i]]$w)))
  same(back$svymean[[i]]$y, means[[i]]$y); same(back$svymean[[i]]$w, means[[i]]$w)
  same(back$svymean[[i]]$estimate, coef(m)); same(back$svymean[[i]]$se, SE(m)[1])
}
for (i in seq_along(tables)) same(back$svychisq[[i]]$w, tables[[i]]$w)
cat("wrote", out, "\n")
