import type { HttpRequest } from "../../http/http-request.js";

/** Who is asking: enough to say "a signed-in reviewer", never an email address. */
export interface Principal {
  /** The identity provider's subject (Cognito `sub`, or `local` for the local credential). */
  readonly subject: string;
}

/** Decides whether a request carries a signed-in reviewer; `undefined` means it does not. */
export type Authenticator = (request: HttpRequest) => Principal | undefined;
