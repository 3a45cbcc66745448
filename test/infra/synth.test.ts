import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BUNDLE_BUDGET_BYTES } from "../../infra/constructs/bundle-options.js";
import { REPO_ROOT } from "./synthesize.js";

const outdir = mkdtempSync(path.join(tmpdir(), "codecurrent-synth-"));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe("npx cdk synth (offline, real bundling)", () => {
  it("synthesizes the app from cdk.json and bundles collect under the 1 MB budget", () => {
    const result = spawnSync("npx", ["cdk", "synth", "--quiet", "--output", outdir], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      env: { ...process.env, CDK_DISABLE_VERSION_CHECK: "1", CI: "true" },
      timeout: 240_000,
    });
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);

    const template = JSON.parse(readFileSync(path.join(outdir, "codecurrent-dev.template.json"), "utf8")) as {
      Resources: Record<
        string,
        { Type: string; Properties: Record<string, unknown>; Metadata?: Record<string, string> }
      >;
    };
    const collect = Object.entries(template.Resources).find(
      ([id, resource]) => resource.Type === "AWS::Lambda::Function" && id.startsWith("CollectorsCollect"),
    );
    expect(collect).toBeDefined();
    const assetDir = collect![1].Metadata?.["aws:asset:path"];
    expect(assetDir).toBeDefined();
    const bundle = path.join(outdir, assetDir!, "index.mjs");
    expect(existsSync(bundle)).toBe(true);
    expect(existsSync(`${bundle}.map`)).toBe(true);
    expect(readdirSync(path.join(outdir, assetDir!)).sort()).toEqual(["index.mjs", "index.mjs.map"]);
    expect(statSync(bundle).size).toBeGreaterThan(10_000);
    expect(statSync(bundle).size).toBeLessThan(BUNDLE_BUDGET_BYTES);
    // ESM output: the bundle is a module (import.meta in the require shim) with a named handler export.
    const code = readFileSync(bundle, "utf8");
    expect(code).toContain("import.meta.url");
    expect(code).toMatch(/export\s*\{[^}]*as handler/);
  });

  it("npm run size passes the budget for every function", () => {
    const result = spawnSync("npx", ["tsx", "bin/bundle-size.mjs"], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toMatch(/ok\s+collect\.ts/);
    // The public subscription endpoints' function is deployed only with a senderAddress, so the
    // dev synth above does not bundle it: the budget run is where its size is held.
    expect(result.stdout).toMatch(/ok\s+subscriptions\.ts/);
  });
});
