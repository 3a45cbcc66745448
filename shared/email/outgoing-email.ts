/** One email as codecurrent writes it, before MIME. */
export interface OutgoingEmail {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** RFC 8058 one-click unsubscribe URL (POST). Omitted only on the confirmation email. */
  readonly unsubscribeUrl?: string;
  /** Lets SES event records be traced back without carrying the address (`subscriber`, `kind`). */
  readonly tags?: Readonly<Record<string, string>>;
}
