#!/usr/bin/env node
// The CLI is bundled by bin/build.mjs (npm install runs it through `prepare`).
await import("../dist/cli.mjs").catch((error) => {
  if (error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("dist/cli.mjs")) {
    process.stderr.write("codecurrent: dist/cli.mjs is missing; run `npm run build` first\n");
    process.exitCode = 1;
    return;
  }
  throw error;
});
