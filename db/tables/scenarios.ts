/** Table shapes of the scenarios capability (migration 0003). Merged into Database in db/schema.ts. */
export interface ScenarioTables {}
