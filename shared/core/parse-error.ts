/** A payload that does not look like what the source publishes: never a reason to delete anything. */
export class ParseError extends Error {
  override readonly name = "ParseError";
  constructor(
    readonly source: string,
    readonly detail: string,
    readonly line?: number,
  ) {
    super(`${source}: ${line === undefined ? "" : `line ${line}: `}${detail}`);
  }
}
