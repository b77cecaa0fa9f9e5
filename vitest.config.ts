import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// one id per test run, inherited by the test processes: files share what a run builds once (the dashboard's demo)
process.env.JIKIMI_TEST_RUN ??= `${Date.now()}-${process.pid}`;

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    pool: "forks",
    // at least two files at once: most suites wait on child processes, servers and Chromium, so on a 2-core machine
    // (CI) two workers finish the run sooner than vitest's default of one (cores - 1)
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
