// The common fixture survey's questionnaire and its twelve respondents' answers: the one table
// every fixture under test/formats/ is written from (make-fixtures.ts) and checked against
// (fixtures.test.ts).

export const ROLES = ["Physician", "Nurse", "Pharmacist", "Other"] as const; // codes 1…4
// "Instagram, Reels" holds Google Forms' separator; "None of these" cannot be ticked with another.
export const PLATFORMS = ["Facebook", "X (Twitter)", "LinkedIn", "Instagram, Reels", "None of these"] as const; // codes 1…5
export const RECOMMEND = {Yes: "1", No: "2", "Don't know": "8"} as const;
export const REFUSED_AGE = "99"; // the coded exports' code for a refused age
export const PREFER_NOT = "Prefer not to say"; // the age dropdown's last choice on the web platforms

export const TEXT = {
  role: "What is your role?",
  platforms: "Which social media platforms do you use for work? (Select all that apply)",
  hours: "About how many hours a week do you spend on social media for work?",
  age: "How old are you?",
  trust: "How much do you trust health information you find on social media? (1 = not at all, 5 = completely)",
  recommend: "Would you recommend social media to a colleague for professional use?",
  comments: "Any other comments?"
};
export const LABEL = {
  role: "Role",
  platforms: "Social media platforms used for work",
  hours: "Hours a week on social media for work",
  age: "Age (years)",
  trust: "Trust in health information on social media",
  recommend: "Would recommend social media to a colleague",
  comments: "Comments"
};

export type Role = (typeof ROLES)[number];
export type Platform = (typeof PLATFORMS)[number];
export interface Respondent {
  /** When the response was submitted (local time of the survey). */
  submitted: string;
  role: Role;
  platforms: Platform[];
  /** As typed: one respondent wrote ".5". */
  hours: string;
  /** Years, or null: refused. */
  age: number | null;
  /** 1–5, or null: left blank. */
  trust: number | null;
  /** Asked only of physicians and nurses (undefined: not asked). */
  recommend?: keyof typeof RECOMMEND;
  comments: string;
}

const LONG_COMMENT =
  "I use LinkedIn to follow journals and professional bodies, and Instagram for short patient-education videos that I share in clinic. " +
  "What I miss is guidance from my employer on what I may post, and protected time to check sources before I share anything clinical.";

// The answers. Ages sit on band edges (29/30, 49/50, 64/65); one age refused, one trust left blank,
// one "Don't know"; comments hold a comma, a quote, a line break, a character that straddles two of
// SPSS's 8-byte string pieces, and a comment longer than SPSS's 255-byte string segment.
export const RESPONDENTS: Respondent[] = [
  {submitted: "2024-03-04 09:15:22", role: "Physician", platforms: ["Facebook", "LinkedIn"], hours: "12", age: 34, trust: 4, recommend: "Yes", comments: "Useful for journal clubs."},
  {submitted: "2024-03-04 10:02:47", role: "Nurse", platforms: ["Facebook", "Instagram, Reels"], hours: "3.5", age: 27, trust: 5, recommend: "Yes", comments: ""},
  {submitted: "2024-03-04 13:40:05", role: "Pharmacist", platforms: ["LinkedIn"], hours: "2", age: 45, trust: 3, comments: ""},
  {submitted: "2024-03-05 08:21:10", role: "Physician", platforms: ["X (Twitter)", "LinkedIn"], hours: ".5", age: 64, trust: 2, recommend: "No", comments: "Mostly read, rarely post."},
  {submitted: "2024-03-05 17:55:31", role: "Other", platforms: ["None of these"], hours: "0", age: 71, trust: 1, comments: ""},
  {submitted: "2024-03-06 07:12:00", role: "Nurse", platforms: ["Facebook", "X (Twitter)", "Instagram, Reels"], hours: "20", age: null, trust: 4, recommend: "Don't know", comments: 'I said "no comment" to my manager.\nAnd a second line.'},
  {submitted: "2024-03-06 12:30:45", role: "Physician", platforms: ["None of these"], hours: "0", age: 49, trust: 3, recommend: "No", comments: ""},
  {submitted: "2024-03-07 09:05:59", role: "Pharmacist", platforms: ["Facebook"], hours: "1.25", age: 30, trust: null, comments: ""},
  {submitted: "2024-03-07 21:48:13", role: "Nurse", platforms: ["Instagram, Reels"], hours: "6", age: 22, trust: 5, recommend: "Yes", comments: "C'est génial pour la formation continue."},
  {submitted: "2024-03-08 11:11:11", role: "Physician", platforms: ["LinkedIn", "Instagram, Reels"], hours: "4", age: 65, trust: 4, recommend: "Yes", comments: LONG_COMMENT},
  {submitted: "2024-03-08 15:27:36", role: "Other", platforms: ["Facebook", "X (Twitter)", "LinkedIn"], hours: "10", age: 29, trust: 2, comments: ""},
  {submitted: "2024-03-09 18:03:20", role: "Physician", platforms: ["X (Twitter)"], hours: "2.75", age: 50, trust: 3, recommend: "Yes", comments: ""}
];
