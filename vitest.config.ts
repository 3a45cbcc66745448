import { defineConfig } from "vitest/config";

// Tests run on this machine's Node 20 (the Lambdas run Node 22) with the SDK pinned by the lockfile:
// the SDK's notice that its future releases need Node 22 is noise in every test's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

// One runner, four kinds of test, each its own project so they can be run apart.
export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // DynamoDB Local needs Java. bin/setup-machine.sh installs it before vitest; this only checks.
          globalSetup: ["test/integration/support/require-java.ts"],
        },
      },
      { test: { name: "infra", include: ["test/infra/**/*.test.ts"], testTimeout: 300_000 } },
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
