/**
 * A language's messages reach the browser in two parts: the shell (the header, footer, error
 * pages, sign-in pages and the landing page need nothing else) and the rest. A page downloads the
 * shell, plus the rest unless every route it shows says `handle = SHELL_ONLY`; the server renders a
 * shell-only page from the shell alone, so a message it lacks shows up as a raw key in tests.
 */
export type CatalogPart = "shell" | "rest";

/** Routes whose page needs the shell part only. */
export const SHELL_ONLY = { i18n: "shell" } as const;

/** Keys in the shell, by prefix: whole sections ("nav."), or the keys the header and the sign-in pages borrow from others ("mail.forgot"). */
const SHELL_PREFIXES = [
  "app.",
  "nav.",
  "common.",
  "errors.",
  "auth.",
  "landing.",
  "enums.",
  "v.",
  "search.nav",
  "search.placeholder",
  "listings.nav",
  "listings.mine",
  "listings.reviewQueue",
  "profiles.nav.",
  "scenarios.nav",
  "scenarios.adminTitle",
  "consent.queueTitle",
  "consent.invitationsTitle",
  "trust.publicReportLink",
  "legal.footer.",
  "standards.nav",
  "stats.nav",
  "mail.securityTitle",
  "mail.cadenceTitle",
  "mail.outboxTitle",
  "mail.challenge",
  "mail.codeLabel",
  "mail.verify",
  "mail.resend",
  "mail.sent",
  "mail.linkInvalid",
  "mail.forgot",
  "mail.reset",
  "mail.newPassword",
  "mail.twoFactor",
];

export function inShell(key: string): boolean {
  return SHELL_PREFIXES.some((p) => key.startsWith(p));
}

/** Whether a page made of these routes needs the rest of the catalog. */
export function needsRest(handles: unknown[]): boolean {
  return handles.some((h) => (h as { i18n?: string } | undefined)?.i18n !== SHELL_ONLY.i18n);
}

/**
 * Keys the browser never downloads: long texts a loader translates on the server and sends as data
 * (the cross-border guidance of issue 35: basis, steps, documents, sources), so every full page does
 * not carry them. A component must not look these up with `t` in the browser.
 */
const SERVER_ONLY_PREFIXES = [
  "crossborder.basis.",
  "crossborder.stepItems.",
  "crossborder.docs.",
  "crossborder.sourceNames.",
  "crossborder.scenarioView.",
  "crossborder.areas",
  // The privacy, terms and contact pages (issue 29): their loaders translate them.
  "legal.privacy.",
  "legal.terms.",
  "legal.contact.",
  "legal.updated",
  // The dashboard's first steps and the calendar feed page: their loaders translate them.
  "firstSteps.",
  "calendar.",
  // The audit log's names of actions and records: the audit page's loader translates them.
  "auditLog.",
];

export function serverOnly(key: string): boolean {
  return SERVER_ONLY_PREFIXES.some((p) => key.startsWith(p));
}
