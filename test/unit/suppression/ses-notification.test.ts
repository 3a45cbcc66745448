import { describe, expect, it } from "vitest";
import { suppressionsOf } from "#shared/suppression/ses-notification.js";

describe("SES events", () => {
  const bounce = (bounceType: string) =>
    JSON.stringify({
      eventType: "Bounce",
      bounce: {
        bounceType,
        bounceSubType: "General",
        bouncedRecipients: [{ emailAddress: "Gone <gone@example.org>" }],
      },
      mail: { destination: ["gone@example.org"] },
    });

  it("suppress a permanently bounced address, not a transient bounce", () => {
    expect(suppressionsOf(bounce("Permanent"))).toEqual([
      { email: "gone@example.org", reason: "bounce:Permanent:General" },
    ]);
    expect(suppressionsOf(bounce("Transient"))).toEqual([]);
  });

  it("suppress a complaint, from configuration-set events and identity notifications alike", () => {
    const complaint = (key: string) =>
      JSON.stringify({
        [key]: "Complaint",
        complaint: { complainedRecipients: [{ emailAddress: "angry@example.org" }] },
      });
    expect(suppressionsOf(complaint("eventType"))).toEqual([
      { email: "angry@example.org", reason: "complaint:abuse" },
    ]);
    expect(suppressionsOf(complaint("notificationType"))).toHaveLength(1);
    expect(suppressionsOf(JSON.stringify({ eventType: "Delivery" }))).toEqual([]);
  });
});
