import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The checkout the command runs from: the nearest folder above this module whose package.json is
 * codecurrent's. The CLI runs bundled (dist/) and unbundled (tsx), so a fixed `..` would be wrong
 * for one of them.
 */
export function projectRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === "codecurrent") return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find codecurrent's package.json above ${from}`);
    dir = parent;
  }
}

/** Where the local stack keeps its data between runs (git-ignored). */
export function localDataDir(root: string = projectRoot()): string {
  return process.env.CODECURRENT_DATA_DIR ?? path.join(root, ".codecurrent");
}

/** Recorded real source files, served by the local mirror. */
export function fixturesDir(root: string = projectRoot()): string {
  return path.join(root, "test", "fixtures");
}
