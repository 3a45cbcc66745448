import { readFileSync } from "node:fs";

/** A recorded (or constructed, as its folder's README says) fixture under test/fixtures. */
export function fixtureBytes(relative: string): Buffer {
  return readFileSync(new URL(`../../fixtures/${relative}`, import.meta.url));
}

export function fixtureText(relative: string): string {
  return fixtureBytes(relative).toString("utf8");
}
