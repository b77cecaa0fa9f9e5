import { defineConfig } from "vitest/config";

// one id per test run, inherited by the test processes: files share what a run builds once (the dashboard's demo)
process.env.JIKIMI_TEST_RUN ??= `${Date.now()}-${process.pid}`;

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    pool: "forks",
  },
});
