import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

/** Lint gate of `.ci/run` (`npm run lint`, which allows no warnings either). */
export default tseslint.config(
  { ignores: ["build/**", "public/build/**", "node_modules/**", "data/**"] },
  ...tseslint.configs.recommended,
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    // Kysely's convention: a migration sees the database as it was then, never the app's current schema.
    files: ["db/migrations/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
