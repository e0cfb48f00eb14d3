import { defineConfig } from "vitest/config";
import path from "node:path";

/** The fault test restarts the local Postgres cluster: run on its own, never in parallel with other suites. */
export default defineConfig({
  resolve: { alias: { "~": path.resolve("app") } },
  test: {
    include: ["test/fault/**/*.test.ts"],
    testTimeout: 240_000,
    hookTimeout: 120_000,
    pool: "forks",
    fileParallelism: false,
  },
});
