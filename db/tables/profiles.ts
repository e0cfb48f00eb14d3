/** Table shapes of enterprise profiles, investors and introductions (migration 0004). Merged into Database in db/schema.ts. */
export interface ProfileTables {}
