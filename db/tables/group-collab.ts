/** Table shapes of ballots, meetings and the group channel (migration 0007). Merged into Database in db/schema.ts. */
export interface GroupCollabTables {}
