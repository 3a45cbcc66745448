import { z } from "zod";
import { preferencesSchema } from "../subscribers/subscriber.js";

/**
 * What the public sign-up and new-link forms leave for the sign-up worker. The form answers at
 * once, the same way for every address; whether the address is known, and what mail it gets, is
 * decided here later, out of the requester's sight (no answer, and no timing, tells them).
 */
export const signUpRequestSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("sign-up"),
    email: z.email().max(254),
    name: z.string().max(120).optional(),
    preferences: preferencesSchema,
    requestedAt: z.iso.datetime(),
  }),
  z.object({
    /** "Send me a fresh link": links for an active address, the confirmation again for a pending one. */
    kind: z.literal("new-link"),
    email: z.email().max(254),
    requestedAt: z.iso.datetime(),
  }),
]);
export type SignUpRequest = z.infer<typeof signUpRequestSchema>;

/** Where the forms put requests: SQS in AWS, a background task of the same process locally. */
export interface SignUpQueue {
  enqueue(request: SignUpRequest): Promise<void>;
}
