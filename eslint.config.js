import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

/** Lint gate of `.ci/run`: errors fail it. `any` is a warning: the raw-SQL rows still use it (issue 14). */
export default tseslint.config({ ignores: ["build/**", "public/build/**", "node_modules/**", "data/**"] }, ...tseslint.configs.recommended, {
  plugins: { "react-hooks": reactHooks },
  rules: {
    ...reactHooks.configs.recommended.rules,
    "@typescript-eslint/no-explicit-any": "warn",
    "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
  },
});
