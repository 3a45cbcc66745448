/** A problem with the request, told to the client as JSON: `{ error, message, issues? }`. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    /** Stable, machine-readable: `bad_request`, `unauthorized`, `not_found`… */
    readonly code: string,
    message: string,
    readonly issues?: readonly { readonly parameter: string; readonly message: string }[],
  ) {
    super(message);
  }
}

export const badRequest = (message: string, issues?: ApiError["issues"]) =>
  new ApiError(400, "bad_request", message, issues);
export const notFound = (message: string) => new ApiError(404, "not_found", message);
