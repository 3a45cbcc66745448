import { build } from "esbuild";

// One bundle for the CLI. Splitting keeps every dynamic import() a chunk of its own, loaded only
// by the command that needs it: `codecurrent diff` never loads the AWS SDK.
await build({
  entryPoints: { cli: "infra/local/cli.ts" },
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: "linked",
  logLevel: "warning",
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
  banner: {
    js: 'import { createRequire as __cjsRequire } from "node:module"; const require = __cjsRequire(import.meta.url);',
  },
});
