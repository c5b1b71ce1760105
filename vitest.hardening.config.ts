// The hardening suite (`npm run test:hardening`): fuzzed ingests, kill -9 trials, hostile strings and
// the server under load. Slower than the unit tests, so kept out of `npm test` and run by CI beside it.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/hardening/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    pool: "forks",
    testTimeout: 1_200_000,
    hookTimeout: 300_000,
  },
});
