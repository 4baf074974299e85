/** The SMTP adapter (nodemailer). `SMTP_URL` is a connection URL: smtp://user:pass@host:587 or smtps://… */
import nodemailer from 'nodemailer';
import type { Mailer, OutgoingMail } from './mailer';

export function createSmtpMailer(url: string, options: { timeoutMs?: number } = {}): Mailer {
  const timeout = options.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    async send(mail: OutgoingMail) {
      const info = await transport.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
      });
      const rejected = (info.rejected ?? []).map(String);
      if (rejected.length > 0) throw new Error(`SMTP server rejected ${rejected.join(', ')}`);
      return { messageId: info.messageId, accepted: (info.accepted ?? []).map(String) };
    },
    close() {
      transport.close();
    },
  };
}

// One transport per URL for the life of the process (the worker sends many mails).
const mailers = new Map<string, Mailer>();

export function smtpMailerFor(url: string): Mailer {
  let mailer = mailers.get(url);
  if (!mailer) {
    mailer = createSmtpMailer(url);
    mailers.set(url, mailer);
  }
  return mailer;
}
