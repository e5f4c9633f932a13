import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface Received { raw: Buffer; mail: ParsedMail; messageId: string; to: string[] }

export interface SinkOptions {
  /** an SMTP reply code to answer DATA with, per message (Message-ID and times this id was seen); undefined accepts */
  reply?: (messageId: string, seen: number) => number | undefined;
  /** 550 this recipient at RCPT TO */
  rejectRecipient?: string;
  /** waits before answering DATA: a slow server */
  delay?: (messageId: string) => Promise<void> | number;
  /** keep only Message-IDs, not parsed messages (big runs) */
  light?: boolean;
  /** listen on this port (default: any free one) */
  port?: number;
}

/** A real SMTP server on loopback that records what arrives and how many DATA exchanges ran at once. */
export async function startSmtp(options: SinkOptions = {}) {
  const received: Received[] = [];
  const ids: string[] = [];
  const attempts = new Map<string, number>();
  let inFlight = 0;
  let peak = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // open pooled connections are cut at once when the test closes the server
    closeTimeout: 100,
    onRcptTo(address, _session, callback) {
      if (address.address === options.rejectRecipient) return callback(Object.assign(new Error('No such user here'), { responseCode: 550 }));
      callback();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      inFlight++;
      peak = Math.max(peak, inFlight);
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks);
        const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(raw.toString('latin1'))?.[1] ?? '';
        const seen = (attempts.get(messageId) ?? 0) + 1;
        attempts.set(messageId, seen);
        const wait = await options.delay?.(messageId);
        if (typeof wait === 'number' && wait > 0) await new Promise((r) => setTimeout(r, wait));
        inFlight--;
        const code = options.reply?.(messageId, seen);
        if (code) return callback(Object.assign(new Error(code >= 500 ? 'Message refused' : 'Try again later'), { responseCode: code }));
        ids.push(messageId);
        if (!options.light) {
          received.push({ raw, messageId, mail: await simpleParser(raw), to: session.envelope.rcptTo.map((r) => r.address) });
        }
        callback();
      });
    },
  });
  // a client killed mid-exchange (the crash tests) resets its connection: expected, not a test failure
  server.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') throw err;
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Message-IDs of accepted messages, in order of acceptance */
    ids,
    peak: () => peak,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type Sink = Awaited<ReturnType<typeof startSmtp>>;

/** How many times each Message-ID was accepted, for those accepted more than once. */
export function duplicates(ids: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return new Map([...counts].filter(([, n]) => n > 1));
}
