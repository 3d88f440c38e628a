import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Starts real Redis + FerretDB once per run and provides their URLs to tests via inject().
    globalSetup: ["test/support/services.global-setup.ts"],
    testTimeout: 20_000,
    // Generous: the first connection to a freshly started server can be slow on CI.
    hookTimeout: 60_000,
    // Child processes (not worker threads) so native drivers and sockets are fully isolated.
    pool: "forks",
  },
});
