#!/usr/bin/env node
// Import cycles between the folders of shared/ and infra/: layers point one way, so a folder that
// imports another never has that folder (or anything it reaches) import it back. Each
// shared/<area> and infra/<area> is one unit; static, dynamic and type-only imports all count,
// relative ones and the project's own `#shared/…` alias alike.
// Usage: node bin/folder-cycles.mjs [repo root]; exit 1 and the cycles, with one import per
// edge, when there is one. Run by `npm run lint`.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const TOPS = ["shared", "infra"];
const SOURCE_FILE = /\.(ts|mts|js|mjs)$/;
const IMPORT =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gms;

/** The unit a repo-relative path belongs to: `shared/<area>`, `infra/<area>`, or the top folder itself. */
export function unitOf(relative) {
  const parts = relative.split("/");
  if (TOPS.includes(parts[0]) && parts.length > 2) return `${parts[0]}/${parts[1]}`;
  return parts[0];
}

function* sourceFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (SOURCE_FILE.test(entry.name) && !entry.name.endsWith(".d.ts")) yield full;
  }
}

function isDirectory(file) {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** Every folder-to-folder import: unit → (unit → an example "file imports spec"). */
export function folderEdges(root) {
  const edges = new Map();
  for (const top of TOPS) {
    for (const file of sourceFiles(path.join(root, top))) {
      const from = unitOf(path.relative(root, file).split(path.sep).join("/"));
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(IMPORT)) {
        const spec = match[1] ?? match[2] ?? match[3];
        let target;
        if (spec.startsWith("#shared/")) target = path.join(root, "shared", spec.slice("#shared/".length));
        else if (spec.startsWith(".")) target = path.resolve(path.dirname(file), spec);
        else continue;
        let relative = path.relative(root, target).split(path.sep).join("/");
        // An import of a folder (its index) belongs to that folder, not to the one holding it.
        if (isDirectory(target)) relative += "/index";
        const to = unitOf(relative);
        if (to === from || !TOPS.includes(to.split("/")[0])) continue;
        if (!edges.has(from)) edges.set(from, new Map());
        const targets = edges.get(from);
        if (!targets.has(to)) targets.set(to, `${path.relative(root, file)} imports ${spec}`);
      }
    }
  }
  return edges;
}

/** Strongly connected components with more than one unit (Tarjan), each sorted. */
export function cyclesOf(edges) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  let next = 0;
  const visit = (unit) => {
    index.set(unit, next);
    low.set(unit, next);
    next++;
    stack.push(unit);
    onStack.add(unit);
    for (const to of edges.get(unit)?.keys() ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(unit, Math.min(low.get(unit), low.get(to)));
      } else if (onStack.has(to)) {
        low.set(unit, Math.min(low.get(unit), index.get(to)));
      }
    }
    if (low.get(unit) === index.get(unit)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== unit);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const unit of edges.keys()) if (!index.has(unit)) visit(unit);
  return cycles;
}

function main() {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), ".."));
  const edges = folderEdges(root);
  const cycles = cyclesOf(edges);
  const units = new Set([...edges.keys(), ...[...edges.values()].flatMap((targets) => [...targets.keys()])]);
  if (cycles.length === 0) {
    console.log(`no folder cycles among ${units.size} folders of shared/ and infra/`);
    return;
  }
  console.error(`${cycles.length} folder cycle(s) among the folders of shared/ and infra/:`);
  for (const cycle of cycles) {
    console.error(`  {${cycle.join(", ")}}`);
    const members = new Set(cycle);
    for (const from of cycle) {
      for (const [to, example] of edges.get(from) ?? []) {
        if (members.has(to)) console.error(`    ${from} → ${to}: ${example}`);
      }
    }
  }
  process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
