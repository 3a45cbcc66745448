import { handleApiEvent } from "#shared/api/api-handler.js";

/** API Gateway HTTP API (payload 2.0, JWT authorizer on the review routes). */
export const handler = handleApiEvent;
