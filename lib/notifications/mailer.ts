/** The one interface mail goes out through; the SMTP adapter is smtp-mailer.ts. */
export type OutgoingMail = {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** `<id@host>`: the same on every retry, so a receiving server can tell a resend. */
  messageId: string;
};

export type Mailer = {
  send(mail: OutgoingMail): Promise<{ messageId: string; accepted: string[] }>;
  close(): void;
};
