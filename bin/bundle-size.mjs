#!/usr/bin/env node
// Bundle budget: bundles every functions/*.ts entry with the CDK's own esbuild options
// (infra/constructs/bundle-options.ts) and fails when one exceeds the budget.
// Run with `npm run size` (tsx loads the TypeScript options module).
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { BUNDLE_BUDGET_BYTES, LAMBDA_BUNDLE } from "../infra/constructs/bundle-options.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const functionsDir = path.join(root, "functions");
const entries = readdirSync(functionsDir)
  .filter((name) => name.endsWith(".ts") && !name.endsWith(".d.ts"))
  .sort();
const top = Number(process.env.BUNDLE_SIZE_TOP ?? 5);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

let failed = false;
for (const name of entries) {
  const result = await build({
    entryPoints: [path.join(functionsDir, name)],
    bundle: true,
    write: false,
    metafile: true,
    outfile: path.join(root, "cdk.out", "size", `${path.basename(name, ".ts")}.mjs`),
    absWorkingDir: root,
    logLevel: "warning",
    platform: LAMBDA_BUNDLE.platform,
    target: LAMBDA_BUNDLE.target,
    format: LAMBDA_BUNDLE.format,
    minify: LAMBDA_BUNDLE.minify,
    sourcemap: LAMBDA_BUNDLE.sourcemap,
    sourcesContent: LAMBDA_BUNDLE.sourcesContent,
    external: [...LAMBDA_BUNDLE.external],
    mainFields: [...LAMBDA_BUNDLE.mainFields],
    banner: { js: LAMBDA_BUNDLE.banner },
  });
  const [outputPath, output] =
    Object.entries(result.metafile.outputs).find(([file]) => file.endsWith(".mjs")) ?? [];
  if (!output || !outputPath) throw new Error(`esbuild produced no .mjs for ${name}`);
  const over = output.bytes > BUNDLE_BUDGET_BYTES;
  failed ||= over;
  console.log(
    `${over ? "FAIL" : "ok  "} ${name.padEnd(28)} ${kb(output.bytes).padStart(10)}  (budget ${kb(BUNDLE_BUDGET_BYTES)})`,
  );

  // Where the bytes come from, by package, so a budget failure says what to cut.
  const byPackage = new Map();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
    const owner = match?.[1] ?? "(project)";
    byPackage.set(owner, (byPackage.get(owner) ?? 0) + bytesInOutput);
  }
  const largest = [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [owner, bytes] of largest) console.log(`       ${owner.padEnd(40)} ${kb(bytes).padStart(10)}`);
}

if (failed) {
  console.error(`A function bundle exceeds the ${kb(BUNDLE_BUDGET_BYTES)} budget.`);
  process.exit(1);
}
