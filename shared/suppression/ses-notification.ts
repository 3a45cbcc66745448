import { z } from "zod";

/**
 * An SES event published to SNS (configuration set event destination, or identity notifications):
 * which recipients must not be mailed again. Permanent bounces and complaints suppress; a transient
 * bounce (mailbox full, greylisting) does not.
 */
export interface Suppression {
  readonly email: string;
  readonly reason: string;
}

const recipient = z.object({ emailAddress: z.string() });
const notification = z.object({
  // Configuration-set events say eventType; identity notifications say notificationType.
  eventType: z.string().optional(),
  notificationType: z.string().optional(),
  bounce: z
    .object({
      bounceType: z.string(),
      bounceSubType: z.string().optional(),
      bouncedRecipients: z.array(recipient),
    })
    .optional(),
  complaint: z
    .object({ complainedRecipients: z.array(recipient), complaintFeedbackType: z.string().optional() })
    .optional(),
});

export function suppressionsOf(message: string): Suppression[] {
  const parsed = notification.parse(JSON.parse(message));
  const kind = parsed.eventType ?? parsed.notificationType;
  if (kind === "Bounce" && parsed.bounce?.bounceType === "Permanent") {
    const reason = `bounce:${parsed.bounce.bounceType}:${parsed.bounce.bounceSubType ?? "General"}`;
    return parsed.bounce.bouncedRecipients.map((r) => ({ email: bareAddress(r.emailAddress), reason }));
  }
  if (kind === "Complaint" && parsed.complaint) {
    const reason = `complaint:${parsed.complaint.complaintFeedbackType ?? "abuse"}`;
    return parsed.complaint.complainedRecipients.map((r) => ({ email: bareAddress(r.emailAddress), reason }));
  }
  return [];
}

/** `"Jane Doe" <jane@example.org>` → `jane@example.org`. */
function bareAddress(address: string): string {
  return /<([^>]+)>/.exec(address)?.[1] ?? address;
}
