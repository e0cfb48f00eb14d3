import type zhHans from "./locales/zh-Hans";

/** Every catalog has the shape of the Simplified one (the source language), with strings as leaves. */
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Catalog = Widen<typeof zhHans>;
