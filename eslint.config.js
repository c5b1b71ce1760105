// ESLint for every script in the repo: typescript-eslint's recommended rules, plus the three habits
// the code keeps (no `any`, type-only imports marked, only Error objects thrown). Type-aware, so each
// file is read with its own tsconfig: web/src with web/tsconfig.json (DOM, bundler resolution), the
// rest with tsconfig.json; the few files outside both (scripts, bin, configs) with the default one.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  globalIgnores(["dist/", "bench/out*/", "test-output/", ".pipeprism/", ".scratch/"]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["*.js", "bin/*.js", "scripts/*.ts", "scripts/*.mjs"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "no-throw-literal": "off",
      "@typescript-eslint/only-throw-error": "error",
      // tsc's noUnusedLocals convention: a `_` name, or a key dropped by destructuring with a rest, is meant.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true, argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  { files: ["**/*.js", "**/*.mjs", "**/*.ts"], ignores: ["web/src/**"], languageOptions: { globals: globals.node } },
  { files: ["web/src/**"], languageOptions: { globals: globals.browser } },
);
