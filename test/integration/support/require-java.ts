import { spawnSync } from "node:child_process";

/**
 * DynamoDB Local, the stand-in the integration and end-to-end tests run against, is a Java
 * program. Installing it is the machine set-up's job (`bin/setup-machine.sh`, which `npm test`
 * runs before vitest); a test run only checks, and says what to run when Java is missing.
 */
export default function requireJava(): void {
  const run = spawnSync("java", ["-version"], { encoding: "utf8" });
  const major = Number(/version "(\d+)/.exec(`${run.stderr ?? ""}${run.stdout ?? ""}`)?.[1] ?? Number.NaN);
  if (run.status === 0 && major >= 17) return;
  const found = run.error
    ? "no `java` on the PATH"
    : `\`java -version\` reports ${Number.isNaN(major) ? "no version" : `Java ${major}`}`;
  throw new Error(
    `DynamoDB Local needs Java 17 or newer, but ${found}. Run bin/setup-machine.sh (npm test runs it before vitest).`,
  );
}
