import type { Kysely, Transaction } from "kysely";

/**
 * A transaction that models can be handed as their `db`: where a model opens a transaction of its
 * own, it joins this one instead (Kysely refuses nested transactions). The caller's statements
 * and the model's then commit or roll back together, which is what an API write needs to store its
 * Idempotency-Key answer in the same commit as the write (app/lib/api.server.ts).
 */
export function joinedTransaction<DB>(trx: Transaction<DB>): Kysely<DB> {
  const joined: Kysely<DB> = new Proxy(trx, {
    get(target, prop) {
      if (prop === "transaction") return () => builder;
      const value = Reflect.get(target, prop, target);
      // Kysely keeps its state in private fields: methods must run on the real object.
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  const builder = {
    setIsolationLevel: () => builder,
    setAccessMode: () => builder,
    execute: <T>(fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> => fn(joined),
  };
  return joined;
}
