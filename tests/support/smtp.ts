// A real SMTP server in this process (smtp-server) that parses each message with mailparser.
import type { AddressInfo } from 'node:net';
import { simpleParser, ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Inbox {
  url: string;
  messages: ParsedMail[];
  /** Makes the next n deliveries fail with a 451 (temporary failure). */
  failNext(n: number): void;
  /** Waits until at least n messages have arrived. */
  waitFor(n: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export async function startInbox(): Promise<Inbox> {
  const messages: ParsedMail[] = [];
  let failures = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      if (failures > 0) {
        failures--;
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('mailbox busy, try later'), { responseCode: 451 })));
        return;
      }
      simpleParser(stream).then((mail) => {
        messages.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    failNext: (n) => (failures = n),
    async waitFor(n) {
      for (let i = 0; i < 200 && messages.length < n; i++) await new Promise((r) => setTimeout(r, 25));
      return messages;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The set-password link's token from a message (checked in both the text and the HTML part). */
export function linkToken(mail: ParsedMail): string {
  const fromText = /\/set-password#([A-Za-z0-9_-]{43})/.exec(mail.text ?? '')?.[1];
  const fromHtml = /\/set-password#([A-Za-z0-9_-]{43})/.exec(typeof mail.html === 'string' ? mail.html : '')?.[1];
  if (!fromText || fromText !== fromHtml) throw new Error('the mail has no single set-password link in both parts');
  return fromText;
}
