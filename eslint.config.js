// Lint: ESLint's and typescript-eslint's recommended rules. Formatting is not linted.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", ".vitest/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { console: "readonly", process: "readonly", URL: "readonly", performance: "readonly" },
    },
    rules: {
      // `x !== x` is the NaN test in the hot loops (attribution reads millions of rows).
      "no-self-compare": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    // Apps Script: a script whose top-level functions are the sheet's custom functions (called by name).
    files: ["examples/apps-script/**/*.js"],
    languageOptions: { sourceType: "script" },
    rules: { "@typescript-eslint/no-unused-vars": ["error", { vars: "local", argsIgnorePattern: "^_" }] },
  },
);
