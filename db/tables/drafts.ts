/** Table shapes of standard drafts, versions, comments and watches (migration 0006). Merged into Database in db/schema.ts. */
export interface DraftTables {}
