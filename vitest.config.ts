import { defineConfig } from "vitest/config";

// Tests run on this machine's Node 20 (the Lambdas run Node 22) with the SDK pinned by the lockfile:
// the SDK's notice that its future releases need Node 22 is noise in every test's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

// Timeouts catch a hung test, not a slow machine: CI runs wherever there is room, beside other
// work. Speed has its own measure, `npm run bench`.
const UNHURRIED = { testTimeout: 60_000, hookTimeout: 120_000 } as const;

// One runner, four kinds of test, each its own project so they can be run apart.
export default defineConfig({
  test: {
    // A worker per core, not vitest's default of one fewer: much of a test run is spent waiting on
    // other processes (npm start, cdk synth, Java, Chromium), and on a 2-core machine one worker
    // leaves a core idle while it waits. Measured on 2 cores with a CPU-bound process beside it:
    // vitest took 310 s with one worker, 142 s with two.
    maxWorkers: "100%",
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          ...UNHURRIED,
          // Unit test files share one module graph per worker instead of loading it again for each
          // file: every file sets up what it needs, and nothing they import keeps state between tests.
          isolate: false,
          // The CLI tests run the built bundle: built once here, never by two test files at once.
          globalSetup: ["test/unit/cli/build-cli.ts"],
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          ...UNHURRIED,
          isolate: false,
          // DynamoDB Local needs Java. bin/setup-machine.sh installs it before vitest; this only checks.
          // Then one DynamoDB Local serves every file of the project, each file with tables of its own.
          globalSetup: [
            "test/integration/support/require-java.ts",
            "test/integration/support/shared-dynamodb.ts",
          ],
        },
      },
      {
        // aws-cdk-lib is loaded once per worker, not once per file.
        test: { name: "infra", include: ["test/infra/**/*.test.ts"], testTimeout: 300_000, isolate: false },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          testTimeout: 600_000,
          hookTimeout: 300_000,
          // Java (DynamoDB Local) and Debian's Chromium (browser tests), installed by bin/setup-machine.sh
          // before vitest: a test run only checks that they are there.
          globalSetup: ["test/integration/support/require-java.ts", "test/e2e/support/require-chromium.ts"],
        },
      },
    ],
  },
});
