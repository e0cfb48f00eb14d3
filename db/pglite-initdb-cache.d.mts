/** Where the install keeps PGlite's empty cluster (see pglite-initdb-cache.mjs). */
export function initdbCachePath(): string;
