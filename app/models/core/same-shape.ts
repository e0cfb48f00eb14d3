/**
 * True when two types are the same shape: a zod schema's output and the stored shape it writes
 * (db/vocabulary/*) are held together with `const _x: SameShape<z.infer<typeof s>, Stored> = true`,
 * so a change to one that the other lacks fails the type check.
 */
export type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
