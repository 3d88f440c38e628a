import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Starts real Redis + FerretDB once per run and provides their URLs to tests via inject().
    globalSetup: ["test/support/services.global-setup.ts"],
    // A guard against hangs, not a speed check: six files share two cores (and other work) here.
    testTimeout: 45_000,
    // Generous: the first connection to a freshly started server can be slow on CI.
    hookTimeout: 60_000,
    // Child processes (not worker threads) so native drivers and sockets are fully isolated.
    pool: "forks",
    // An end-to-end test mostly waits (on the queue, on Slack's one-message-a-second pacing), so
    // three files run at once per core; vitest's default is one fewer than the cores, which on two
    // cores ran every file in a row. On an idle 2-core machine 6 workers took 73 s, 4 took 82 s.
    maxWorkers: Math.min(availableParallelism() * 3, 12),
    // Each worker loads the bot's modules (Bolt, BullMQ, mongoose…) once for all its files rather
    // than once a file. Safe because every file starts its own bots on its own database and key
    // prefix, and no test leaves a mock, a fake timer or an env change behind (afterEach hooks).
    isolate: false,
  },
});
