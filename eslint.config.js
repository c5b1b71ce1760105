// ESLint for every script in the repo: typescript-eslint's recommended rules, plus the habits the
// code keeps (no `any`, type-only imports marked, only Error objects thrown). Code under a tsconfig
// is linted with its types, each file with its own tsconfig: web/src with web/tsconfig.json (DOM,
// bundler resolution), src, test and bench with tsconfig.json. Scripts, bin and config files are
// in neither, so they get the same rules without types (`no-throw-literal` for `only-throw-error`).
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

const TYPED = ["src/**/*.ts", "test/**/*.ts", "bench/**/*.ts", "web/src/**/*.ts", "vitest.config.ts"];

export default defineConfig(
  globalIgnores(["dist/", "bench/out*/", "test-output/", ".pipeprism/", ".scratch/"]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "no-throw-literal": "error",
      // tsc's noUnusedLocals convention: a `_` name, or a key dropped by destructuring with a rest, is meant.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true, argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: TYPED,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { "no-throw-literal": "off", "@typescript-eslint/only-throw-error": "error" },
  },
  { files: ["**/*.{js,mjs,ts}"], ignores: ["web/src/**"], languageOptions: { globals: globals.node } },
  { files: ["web/src/**"], languageOptions: { globals: globals.browser } },
);
