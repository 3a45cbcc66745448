import { execSync, spawnSync } from "node:child_process";

/**
 * DynamoDB Local, the stand-in the integration and end-to-end tests run against, is a Java
 * program. These machines ship Java 17, but a fresh one might not: install the Debian package
 * once, before any test file starts a local stack.
 */
export default function installJava(): void {
  if (spawnSync("java", ["-version"], { stdio: "ignore" }).status === 0) return;
  execSync("apt-get update && apt-get install -y --no-install-recommends openjdk-17-jre-headless", {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    timeout: 600_000,
  });
  if (spawnSync("java", ["-version"], { stdio: "ignore" }).status !== 0) {
    throw new Error("apt-get installed openjdk-17-jre-headless, but `java -version` still fails");
  }
}
