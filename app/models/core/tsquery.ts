/**
 * Query groups (search.server.ts queryGroups) written as Postgres tsquery text: each group's
 * alternatives joined with OR, each alternative's tokens with AND.
 */
/**
 * Title tokens are also stored with this prefix. Lexemes built from arrays carry no positions, and a
 * lexeme without positions matches a weighted query (`'x':A`) whatever its weight: a separate
 * lexeme is the only way to ask "in the title?".
 */
export const TITLE_PREFIX = "t:";

const lexeme = (t: string) => `'${t.replace(/'/g, "''")}'`;

/** Groups joined with AND (every word) or OR (any word); null when there is nothing to search for. */
export function groupsToTsQuery(groups: string[][][], join: "&" | "|" = "&"): string | null {
  if (groups.length === 0) return null;
  return groups.map(groupToTsQuery).join(` ${join} `);
}

export function groupToTsQuery(alts: string[][]): string {
  return `(${alts.map((all) => `(${all.map(lexeme).join(" & ")})`).join(" | ")})`;
}

/** The same group, matched in the title only (its title-marked tokens). */
export function groupToTitleTsQuery(alts: string[][]): string {
  return `(${alts.map((all) => `(${all.map((t) => lexeme(TITLE_PREFIX + t)).join(" & ")})`).join(" | ")})`;
}
