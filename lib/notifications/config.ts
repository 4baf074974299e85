/**
 * How mail leaves the shop, chosen once from the environment: through SMTP
 * when `SMTP_URL` is set, otherwise it is only stored (and read in the dev
 * mailbox at /dev/mailbox).
 */
export const DEFAULT_MAIL_FROM = 'Stockwise <shop@localhost>';

export type MailSettings = { kind: 'smtp'; url: string; from: string } | { kind: 'store'; from: string };

export function mailSettings(env: NodeJS.ProcessEnv = process.env): MailSettings {
  const from = env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM;
  const url = env.SMTP_URL?.trim();
  return url ? { kind: 'smtp', url, from } : { kind: 'store', from };
}

/** The graphile-worker task that hands one queued mail to SMTP (registered in worker/tasks.ts). */
export const MAIL_TASK = 'send-mail';
export const MAIL_MAX_ATTEMPTS = 10;
