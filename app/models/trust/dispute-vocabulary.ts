/** The dispute vocabulary lives below both db/ and the models (db/vocabulary/disputes.ts); imported from here as ever. */
export * from "../../../db/vocabulary/disputes";
