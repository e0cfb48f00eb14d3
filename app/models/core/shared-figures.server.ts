import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";

type Db = Kysely<Database>;

/**
 * Figures every viewer shares and that may lag a little (alliance counts, statistics): computed at
 * most once per database and period, however many pages show them. A failed computation (database
 * down) is not kept, so the next view tries again.
 */
export function sharedFigures<T>(periodMs: number, compute: (db: Db) => Promise<T>): (db: Db) => Promise<T> {
  const cache = new WeakMap<Db, { at: number; value: Promise<T> }>();
  return (db) => {
    const cached = cache.get(db);
    if (cached && Date.now() - cached.at < periodMs) return cached.value;
    const value = compute(db);
    cache.set(db, { at: Date.now(), value });
    value.catch(() => cache.get(db)?.value === value && cache.delete(db));
    return value;
  };
}
