/** The domain vocabulary lives below both db/ and the models (db/vocabulary/enums.ts); imported from here as ever. */
export * from "../../../db/vocabulary/enums";
