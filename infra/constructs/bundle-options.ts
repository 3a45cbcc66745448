/**
 * How every Lambda function is bundled, as plain esbuild options: the CDK (`NodejsFunction`) and
 * `npm run size` (bin/bundle-size.mjs) both read them, so the size budget measures exactly what
 * is deployed. No aws-cdk-lib import here, so the size script loads fast.
 */
export const LAMBDA_BUNDLE = {
  /** Matches the Lambda runtime (Node.js 22), so esbuild keeps native syntax instead of down-levelling. */
  target: "node22",
  platform: "node",
  format: "esm",
  minify: true,
  sourcemap: true,
  // Source text inside the map would double the asset for nothing: stack traces only need positions.
  sourcesContent: false,
  // The Node.js 22 runtime ships AWS SDK v3 (and its @smithy core); bundling it would add well over
  // 1 MB per function and slow cold starts. The clients used here are long-stable APIs.
  external: ["@aws-sdk/*", "@smithy/*"],
  // Prefer packages' ESM builds: they tree-shake, CJS builds do not.
  mainFields: ["module", "main"],
  // CommonJS dependencies inside an ESM bundle still call `require` for Node built-ins; ESM has no
  // `require`, so recreate it.
  banner:
    "import { createRequire as __codecurrentCreateRequire } from 'node:module';const require = __codecurrentCreateRequire(import.meta.url);",
} as const;

/** Lambda refuses nothing below 50 MB zipped, but a small bundle is a fast cold start: budget per function. */
export const BUNDLE_BUDGET_BYTES = 1024 * 1024;
