import type { Authenticator } from "./authenticator.js";

/**
 * In AWS, API Gateway's JWT authorizer has verified the Cognito token (signature, issuer,
 * audience, expiry) before the function runs and passes its claims along. A request without
 * them reached the function some other way (a route left without the authorizer): refused.
 */
export const gatewayJwtAuthenticator: Authenticator = (request) => {
  const subject = request.verifiedClaims?.sub;
  return typeof subject === "string" && subject.length > 0 ? { subject } : undefined;
};
