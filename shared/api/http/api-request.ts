/**
 * An HTTP request as the API sees it, whichever server carried it (API Gateway's Lambda event or
 * the local Node server): route handlers never touch a platform's event shape.
 */
export interface ApiRequest {
  readonly method: string;
  /** Path without the query string, e.g. `/codes/icd10cm/E119`. */
  readonly path: string;
  /** Query parameters; a repeated parameter keeps its last value. */
  readonly query: Readonly<Record<string, string | undefined>>;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body?: string;
  /**
   * JWT claims API Gateway's authorizer has already verified (AWS only). Locally absent: the
   * local server's authenticator reads the bearer token itself.
   */
  readonly verifiedClaims?: Readonly<Record<string, unknown>>;
  /** For correlating a client's error report with the logs. */
  readonly requestId?: string;
}
