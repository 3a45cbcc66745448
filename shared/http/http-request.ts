import type { HttpResponse } from "./http-response.js";

/**
 * An HTTP request as codecurrent's endpoints read it, whichever server carried it: API Gateway's
 * payload 2.0 in Lambda, Node's http server locally, or a test. Each server has one adapter that
 * translates into this and back out of {@link HttpResponse}; the router and every route (the
 * review API's and the subscription links') speak only this, never a platform's event shape.
 */
export interface HttpRequest {
  readonly method: string;
  /** Path without the query string, e.g. `/codes/icd10cm/E119`. */
  readonly path: string;
  /** Query parameters; a repeated parameter keeps its last value. */
  readonly query: Readonly<Record<string, string | undefined>>;
  /** Header names in lower case: every adapter lowers them, so a route reads `content-type`. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Raw body (JSON or form-encoded), already base64-decoded. */
  readonly body?: string;
  /**
   * JWT claims API Gateway's authorizer has already verified (AWS only). Locally absent: the
   * local server's authenticator reads the bearer token itself.
   */
  readonly verifiedClaims?: Readonly<Record<string, unknown>>;
  /** For correlating a client's error report with the logs. */
  readonly requestId?: string;
}

/** Anything that answers a request: the router, one route's handler, a subscription action. */
export type HttpHandler = (request: HttpRequest) => Promise<HttpResponse>;
