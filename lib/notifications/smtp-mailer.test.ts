import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headerOf, startSmtpServer, type TestSmtpServer } from '@/test/smtp-server';
import { createSmtpMailer } from './smtp-mailer';

const mail = {
  from: 'Stockwise <shop@localhost>',
  to: 'pat@example.com',
  subject: 'Order #1042 is paid and confirmed',
  text: 'We received your payment.',
  html: '<p>We received your payment.</p>',
  messageId: '<0b7f6a52-0000-4000-8000-000000000001@stockwise.mail>',
};

let server: TestSmtpServer;
beforeAll(async () => {
  server = await startSmtpServer({ user: 'shop', password: 's3cret pass', rejectRecipient: (address) => address.startsWith('nobody@') });
});
afterAll(() => server.close());

describe('the SMTP adapter against a real SMTP server', () => {
  it('logs in and hands over the message with its sender, recipient, subject, Message-ID and both bodies', async () => {
    const mailer = createSmtpMailer(server.url);
    try {
      const result = await mailer.send(mail);
      expect(result.accepted).toEqual(['pat@example.com']);
      expect(result.messageId).toBe(mail.messageId);
    } finally {
      mailer.close();
    }
    const got = server.received.at(-1)!;
    expect(got.from).toBe('shop@localhost');
    expect(got.to).toEqual(['pat@example.com']);
    expect(headerOf(got.raw, 'Subject')).toBe(mail.subject);
    expect(headerOf(got.raw, 'From')).toBe('Stockwise <shop@localhost>');
    expect(headerOf(got.raw, 'Message-ID')).toBe(mail.messageId);
    expect(got.raw).toContain('multipart/alternative');
    expect(got.raw).toContain('We received your payment.');
    expect(got.raw).toContain('<p>We received your payment.</p>');
  });

  it('fails when the server refuses the recipient', async () => {
    const mailer = createSmtpMailer(server.url);
    const before = server.received.length;
    await expect(mailer.send({ ...mail, to: 'nobody@example.com' })).rejects.toThrow(/nobody@example\.com/);
    mailer.close();
    expect(server.received.length).toBe(before);
  });

  it('fails on a temporary error from the server, and on a wrong password', async () => {
    const mailer = createSmtpMailer(server.url);
    server.failNext(1);
    await expect(mailer.send(mail)).rejects.toThrow(/try again later/);
    mailer.close();
    const wrong = createSmtpMailer(server.url.replace('s3cret%20pass', 'wrong'));
    await expect(wrong.send(mail)).rejects.toThrow(/Invalid username or password|auth/i);
    wrong.close();
  });

  it('fails when no server listens', async () => {
    const other = await startSmtpServer();
    const url = other.url;
    await other.close();
    const mailer = createSmtpMailer(url, { timeoutMs: 2000 });
    await expect(mailer.send(mail)).rejects.toThrow(/ECONNREFUSED|connect/i);
    mailer.close();
  });
});
