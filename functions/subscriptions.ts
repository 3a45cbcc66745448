import { handleSubscriptionEvent } from "#shared/api/subscription-handler.js";

/** API Gateway HTTP API (payload 2.0), public: /subscriptions and /subscriptions/{proxy+}, token-protected. */
export const handler = handleSubscriptionEvent;
