import path from "node:path";
import { fileURLToPath } from "node:url";

/** The checkout the CDK app runs from: function entries, the lockfile and the web page are found from here. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
