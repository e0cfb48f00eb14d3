/** The trust vocabulary lives below both db/ and the models (db/vocabulary/trust.ts); imported from here as ever. */
export * from "../../../db/vocabulary/trust";
