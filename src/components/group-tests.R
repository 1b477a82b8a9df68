# Reference values for src/components/group-tests.ts, computed by R itself.
#
# Run from the project root:   Rscript src/components/group-tests.R
# It writes src/components/group-tests.fixture.json, which group-tests.test.ts reads (the
# tests never run R: CI has none). Only base R is used (stats), so any R >= 4.1 will do;
# the version that made the committed fixture is recorded in it.
#
# Every input is generated here (fixed seeds) and written to the fixture next to R's answer,
# so the TypeScript side tests exactly the doubles R saw. Numbers are written with
# sprintf("%.17g"), which round-trips every double (jsonlite's digits = NA stops at 15
# significant digits, which would change the inputs). NaN / NA are written as null.

set.seed(20240612)
RNGkind("Mersenne-Twister", "Inversion", "Rejection")

out_file <- file.path("src", "components", "group-tests.fixture.json")
if (!dir.exists(dirname(out_file))) stop("run this from the project root")

# --- a small JSON writer that keeps all 17 digits -----------------------------------------
# Atomic vectors become arrays unless wrapped in scalar(); lists with names become objects.
scalar <- function(x) structure(x, json_scalar = TRUE)
json_num <- function(v) ifelse(is.na(v), "null", ifelse(is.infinite(v), ifelse(v > 0, "1e999", "-1e999"), sprintf("%.17g", v)))
json_str <- function(v) paste0("\"", gsub("\"", "\\\\\"", gsub("\\\\", "\\\\\\\\", v)), "\"")
to_json <- function(x, indent = "") {
  inner <- paste0(indent, "  ")
  if (is.null(x)) return("null")
  if (is.list(x)) {
    if (length(x) == 0) return(if (is.null(names(x))) "[]" else "{}")
    items <- vapply(x, to_json, "", indent = inner)
    if (!is.null(names(x))) items <- paste0(json_str(names(x)), ": ", items)
    open <- if (is.null(names(x))) "[" else "{"
    close <- if (is.null(names(x))) "]" else "}"
    return(paste0(open, "\n", inner, paste(items, collapse = paste0(",\n", inner)), "\n", indent, close))
  }
  vals <- if (is.character(x)) json_str(x) else if (is.logical(x)) ifelse(is.na(x), "null", ifelse(x, "true", "false")) else json_num(as.numeric(x))
  if (isTRUE(attr(x, "json_scalar"))) {
    stopifnot(length(x) == 1)
    return(vals)
  }
  paste0("[", paste(vals, collapse = ", "), "]")
}

# --- helpers --------------------------------------------------------------------------------
num <- function(x) scalar(unname(as.numeric(x)))
r2 <- function(x, d = 2) round(x, d)  # short decimals, like survey answers

wilcox_case <- function(name, x, y, exact = NULL, correct = TRUE) {
  w <- suppressWarnings(wilcox.test(x, y, exact = exact, correct = correct))
  options <- list(correct = scalar(correct))
  if (!is.null(exact)) options$exact <- scalar(exact)
  list(name = scalar(name), x = x, y = y, options = options,
       statistic = num(w$statistic), p = num(w$p.value), method = scalar(w$method))
}

kruskal_case <- function(name, groups) {
  k <- kruskal.test(groups)
  list(name = scalar(name), groups = unname(groups),
       statistic = num(k$statistic), df = num(k$parameter), p = num(k$p.value), method = scalar(k$method))
}

welch_case <- function(name, x, y) {
  t <- t.test(x, y)
  list(name = scalar(name), x = x, y = y,
       statistic = num(t$statistic), df = num(t$parameter), p = num(t$p.value), method = scalar(t$method))
}

# summary(aov(y ~ g)) — the call behind gtsummary's "aov" test (via cardx::ard_stats_aov).
anova_case <- function(name, groups) {
  y <- unlist(groups)
  g <- factor(rep(seq_along(groups), lengths(groups)))
  s <- summary(aov(y ~ g))[[1]]
  list(name = scalar(name), groups = unname(groups),
       statistic = num(s[["F value"]][1]), ndf = num(s[["Df"]][1]), ddf = num(s[["Df"]][2]),
       p = num(s[["Pr(>F)"]][1]), method = scalar("One-way ANOVA"))
}

padjust_case <- function(name, p) {
  list(name = scalar(name), p = p,
       holm = p.adjust(p, "holm"), BH = p.adjust(p, "BH"), bonferroni = p.adjust(p, "bonferroni"))
}

# What gtsummary's add_p() runs for a continuous variable (see group-tests.ts): by two levels →
# wilcox.test / t.test, more -> kruskal.test / aov; "mean" stands for theme_gtsummary_mean_sd().
choose_case <- function(name, groups, statistic) {
  kept <- Filter(function(g) length(g) > 0, groups)
  if (length(kept) < 2) {
    return(list(name = scalar(name), groups = unname(groups), statistic = scalar(statistic),
                test = NULL, p = num(NaN)))
  }
  if (statistic == "median" && length(kept) == 2) { test <- "wilcoxon"; p <- suppressWarnings(wilcox.test(kept[[1]], kept[[2]]))$p.value }
  if (statistic == "median" && length(kept) > 2) { test <- "kruskal"; p <- kruskal.test(kept)$p.value }
  if (statistic == "mean" && length(kept) == 2) { test <- "t"; p <- t.test(kept[[1]], kept[[2]])$p.value }
  if (statistic == "mean" && length(kept) > 2) {
    test <- "anova"
    y <- unlist(kept); g <- factor(rep(seq_along(kept), lengths(kept)))
    p <- summary(aov(y ~ g))[[1]][["Pr(>F)"]][1]
  }
  list(name = scalar(name), groups = unname(groups), statistic = scalar(statistic),
       test = scalar(test), p = num(p))
}

# --- Wilcoxon rank-sum ------------------------------------------------------------------------
wilcoxon <- list(
  wilcox_case("small, no ties (exact)", c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30),
              c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.07, 3.14)),
  wilcox_case("x larger (exact, upper tail)", c(8.1, 9.4, 7.7, 10.2, 9.9, 8.8), c(6.5, 7.2, 5.9, 8.0, 7.0)),
  wilcox_case("unequal sizes 3 vs 12 (exact)", c(4.4, 2.1, 7.3), r2(runif(12, 0, 10), 3)),
  wilcox_case("one each (exact, p = 1)", c(1), c(2)),
  wilcox_case("complete separation 20 vs 20 (exact, tiny p)", as.numeric(1:20), as.numeric(21:40)),
  wilcox_case("49 vs 49, no ties (exact, largest default)", r2(rnorm(49), 6), r2(rnorm(49, 0.4), 6)),
  wilcox_case("small with ties (normal approximation)", c(1, 2, 2, 3, 5, 5, 6), c(2, 3, 3, 4, 6, 7, 7, 8)),
  wilcox_case("ties, no continuity correction", c(1, 2, 2, 3, 5, 5, 6), c(2, 3, 3, 4, 6, 7, 7, 8), correct = FALSE),
  wilcox_case("no ties, exact = FALSE", c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30),
              c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.07, 3.14), exact = FALSE),
  wilcox_case("no ties, exact = FALSE, correct = FALSE", c(-3.2, -1.1, 0.4, 2.2), c(1.5, 2.7, 3.9, 4.4, 5.0), exact = FALSE, correct = FALSE),
  wilcox_case("ties with exact = TRUE (falls back to approximation)", c(1, 2, 2, 3), c(2, 4, 5, 6), exact = TRUE),
  wilcox_case("55 vs 8, exact = TRUE", r2(rnorm(55, 0.3), 6), r2(rnorm(8), 6), exact = TRUE),
  wilcox_case("60 vs 45, no ties (approximation by size)", r2(rnorm(60), 6), r2(rnorm(45, 0.5), 6)),
  wilcox_case("80 vs 70 Likert 1-5 (approximation, heavy ties)", as.numeric(sample(1:5, 80, TRUE)), as.numeric(sample(1:5, 70, TRUE, prob = c(1, 2, 3, 3, 2)))),
  wilcox_case("60 vs 60 separated (approximation, tiny p)", as.numeric(1:60), as.numeric(61:120)),
  wilcox_case("all values equal (p NaN in R)", c(3, 3, 3), c(3, 3)),
  wilcox_case("negative and positive, exact", c(-2.5, -0.7, 0.3, 1.9, -4.1), c(-1.2, 2.8, 3.3, 0.9, 4.6, 5.2, -0.2))
)

# --- Kruskal-Wallis ---------------------------------------------------------------------------
kruskal <- list(
  kruskal_case("3 groups, no ties", list(c(2.9, 3.0, 2.5, 2.6, 3.2), c(3.8, 2.7, 4.0, 2.4), c(2.8, 3.4, 3.7, 2.2, 2.0))),
  kruskal_case("4 groups, integer ties", list(c(1, 2, 2, 3, 4), c(2, 3, 3, 5), c(4, 4, 5, 6, 6, 7), c(1, 1, 2))),
  kruskal_case("2 groups", list(c(1.1, 2.2, 3.3), c(2.5, 4.4, 5.5, 6.6))),
  kruskal_case("5 groups, unequal sizes", lapply(c(5, 12, 8, 20, 3), function(n) r2(rnorm(n, n / 10), 4))),
  kruskal_case("6 groups Likert 1-7, n = 100 each", lapply(1:6, function(i) as.numeric(sample(1:7, 100, TRUE, prob = c(1, 1, 2, 3, 2, 1, i / 2))))),
  kruskal_case("3 groups separated (tiny p)", list(as.numeric(1:30), as.numeric(31:60), as.numeric(61:90))),
  kruskal_case("singleton groups", list(c(5), c(1, 2), c(9))),
  kruskal_case("0.1 + 0.2 and 0.3: distinct ranks, one tie in table(x)", list(c(0.1 + 0.2, 1, 5, 7), c(0.3, 2, 6, 8), c(3, 4))),
  kruskal_case("all values equal (NaN in R)", list(c(2, 2), c(2, 2, 2), c(2)))
)

# --- Welch t-test -----------------------------------------------------------------------------
welch <- list(
  welch_case("small", c(5.1, 4.9, 6.2, 5.8, 6.0, 5.5), c(4.1, 4.5, 3.9, 5.0, 4.4)),
  welch_case("unequal sizes and variances", r2(rnorm(7, 10, 1), 3), r2(rnorm(25, 11, 4), 3)),
  welch_case("two each", c(1, 3), c(2, 7)),
  welch_case("negative t", c(0.2, 0.5, 0.1, 0.3), c(1.2, 0.9, 1.5, 1.1, 1.3)),
  welch_case("n = 200 each", r2(rnorm(200, 50, 10), 2), r2(rnorm(200, 52, 12), 2)),
  welch_case("separated (p ~ 1e-12)", r2(rnorm(20, 0, 1), 6), r2(rnorm(20, 2.9, 1), 6)),
  welch_case("far apart (p ~ 1e-40)", r2(rnorm(40, 0, 1), 6), r2(rnorm(40, 5, 1), 6)),
  welch_case("Likert integers", as.numeric(sample(1:5, 40, TRUE)), as.numeric(sample(1:5, 35, TRUE, prob = c(1, 1, 2, 3, 3))))
)

# --- one-way ANOVA ----------------------------------------------------------------------------
anova <- list(
  anova_case("3 groups small", list(c(2.9, 3.0, 2.5, 2.6, 3.2), c(3.8, 2.7, 4.0, 2.4), c(2.8, 3.4, 3.7, 2.2, 2.0))),
  anova_case("2 groups (F = pooled t^2)", list(c(5.1, 4.9, 6.2, 5.8, 6.0, 5.5), c(4.1, 4.5, 3.9, 5.0, 4.4))),
  anova_case("4 groups unequal sizes", lapply(c(4, 9, 15, 6), function(n) r2(rnorm(n, 20 + n / 3, 3), 3))),
  anova_case("5 groups Likert", lapply(1:5, function(i) as.numeric(sample(1:5, 30 + 5 * i, TRUE)))),
  anova_case("6 groups n = 50", lapply(1:6, function(i) r2(rnorm(50, i / 5, 1), 4))),
  anova_case("3 groups separated (tiny p)", list(r2(rnorm(15, 0, 1), 6), r2(rnorm(15, 3, 1), 6), r2(rnorm(15, 6, 1), 6))),
  anova_case("groups with one value", list(c(1.5), c(2.0, 2.6, 3.1), c(4.2, 3.9)))
)

# --- p.adjust ---------------------------------------------------------------------------------
padjust <- list(
  padjust_case("increasing", c(0.01, 0.02, 0.03, 0.04, 0.05)),
  padjust_case("ties and ones", c(0.04, 0.01, 1, 0.04, 0.2, 0.01, 1)),
  padjust_case("unsorted 20", round(runif(20)^2, 5)),
  padjust_case("tiny and zero", c(1e-12, 0.5, 0, 3e-8, 0.049)),
  padjust_case("with NA", c(0.02, NA, 0.5, 0.001)),
  padjust_case("single", c(0.03)),
  padjust_case("all ones", c(1, 1, 1))
)

# --- the chooser ------------------------------------------------------------------------------
ga <- r2(rnorm(12, 5, 2), 2); gb <- r2(rnorm(9, 6, 2), 2); gc <- r2(rnorm(15, 4.5, 2), 2)
choose <- list(
  choose_case("median, 2 groups", list(ga, gb), "median"),
  choose_case("median, 3 groups", list(ga, gb, gc), "median"),
  choose_case("mean, 2 groups", list(ga, gb), "mean"),
  choose_case("mean, 3 groups", list(ga, gb, gc), "mean"),
  choose_case("median, empty group dropped -> 2 groups", list(ga, numeric(0), gc), "median"),
  choose_case("mean, empty group dropped -> 3 groups", list(ga, numeric(0), gb, gc), "mean"),
  choose_case("median, ties (approximation)", list(c(1, 2, 2, 3, 3, 3), c(2, 3, 4, 4, 5)), "median"),
  choose_case("one non-empty group", list(ga, numeric(0)), "median"),
  choose_case("no groups with values", list(numeric(0), numeric(0)), "mean")
)

fixture <- list(
  generator = scalar("src/components/group-tests.R"),
  r_version = scalar(R.version.string),
  wilcoxon = wilcoxon,
  kruskal = kruskal,
  welch = welch,
  anova = anova,
  p_adjust = padjust,
  choose = choose
)
writeLines(to_json(fixture), out_file)
n_cases <- length(wilcoxon) + length(kruskal) + length(welch) + length(anova) + 3 * length(padjust) + length(choose)
cat("wrote", out_file, "with", n_cases, "R results\n")
