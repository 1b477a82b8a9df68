# The SPSS fixture of the common fixture survey: test/formats/spss/survey.sav, made from the coded
# CSV that make-fixtures.ts writes (the same codes), with what an SPSS user would have set: variable
# labels, value labels, 99 declared user-missing on age (refused) and 8 on recommend (don't know).
# Blank cells (not asked, left blank) become system-missing. Run by hand after make-fixtures.ts:
#
#   Rscript test/formats/make-sav.R          (needs R's haven: apt-get install -y r-base-core r-cran-haven)
#
# The file's header records when it was written, so a rerun changes those bytes only.
library(haven)

args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
coded <- read.csv(file.path(here, "coded-csv", "survey.csv"), colClasses = "character", na.strings = character(0), encoding = "UTF-8", check.names = FALSE)

# A code as a number; "" (not asked, or left blank) is system-missing. as.numeric reads ".5" as 0.5.
num <- function(x) ifelse(x == "", NA_real_, as.numeric(x))
with_label <- function(x, label) { attr(x, "label") <- label; x }

platforms <- c("Facebook", "X (Twitter)", "LinkedIn", "Instagram, Reels", "None of these")
out <- data.frame(id = with_label(num(coded$id), "Respondent number"))
out$submitted <- with_label(as.POSIXct(coded$submitted, format = "%Y-%m-%d %H:%M:%S", tz = "UTC"), "Submitted at")
out$role <- labelled(num(coded$role), c(Physician = 1, Nurse = 2, Pharmacist = 3, Other = 4), label = "What is your role?")
for (k in seq_along(platforms)) {
  out[[paste0("platforms_", k)]] <- labelled(num(coded[[paste0("platforms_", k)]]), c("Not selected" = 0, Selected = 1),
    label = paste("Which social media platforms do you use for work?", platforms[k], sep = " - "))
}
out$hours <- with_label(num(coded$hours), "About how many hours a week do you spend on social media for work?")
out$age <- labelled_spss(num(coded$age), c(Refused = 99), na_values = 99, label = "How old are you?")
out$trust <- labelled(num(coded$trust), c("Not at all" = 1, Completely = 5), label = "How much do you trust health information you find on social media?")
out$recommend <- labelled_spss(num(coded$recommend), c(Yes = 1, No = 2, "Don't know" = 8), na_values = 8,
  label = "Would you recommend social media to a colleague for professional use?")
out$comments <- with_label(coded$comments, "Any other comments?")

dir.create(file.path(here, "spss"), showWarnings = FALSE)
write_sav(out, file.path(here, "spss", "survey.sav"), compress = "byte")
cat("wrote", file.path(here, "spss", "survey.sav"), "\n")
