/**
 * What a MailSource renders, and its conversion to nodemailer's options. Every value that lands
 * in a header is checked here, once, so no template, partner setting or contact field can add a
 * header or a recipient (header injection).
 */
import { createHash } from 'node:crypto';
import type { SendMailOptions } from 'nodemailer';

export interface OutgoingMessage {
  to: string;
  /** the partner's name, shown as the sender's display name */
  fromName: string;
  replyTo?: string | null;
  subject: string;
  text: string;
  html: string;
  /** extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058) */
  headers?: Record<string, string>;
  /** the outbox row's stable Message-ID */
  messageId: string;
  /** BCP 47 tag of the language the message is written in: the Content-Language header */
  language?: string | null;
}

/** A message that cannot be sent as rendered; sending it again would fail the same way. */
export class InvalidMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidMessageError';
  }
}

const LINE_BREAK = /[\r\n]/;
const ADDRESS = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+$/;
const HEADER_NAME = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
const LANGUAGE = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;
const MESSAGE_ID = /^<[^<>\s@]+@[^<>\s@]+>$/;
/** headers built from the message's own fields; a source may not set them again through `headers` */
const RESERVED = new Set(['from', 'to', 'cc', 'bcc', 'reply-to', 'subject', 'message-id', 'date', 'sender', 'return-path',
  'content-type', 'content-transfer-encoding', 'content-language', 'mime-version']);

/** Text shown to people (a subject, a display name): line breaks become spaces. */
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}

function address(value: string, field: string): string {
  const v = value.trim();
  if (LINE_BREAK.test(value) || !ADDRESS.test(v)) throw new InvalidMessageError(`${field} is not a single email address`);
  return v;
}

/** `<local@domain>`, from a bare or bracketed id. */
export function normalizeMessageId(id: string): string {
  const v = id.trim().startsWith('<') ? id.trim() : `<${id.trim()}>`;
  if (LINE_BREAK.test(id) || !MESSAGE_ID.test(v)) throw new InvalidMessageError('messageId is not of the form <local@domain>');
  return v;
}

/**
 * A stable Message-ID: the same seed (e.g. an invitation id and its send number) always gives the
 * same id, and the id reveals nothing of the seed. The domain is the sender address's.
 */
export function messageIdFor(mailFrom: string, seed: string): string {
  const domain = mailFrom.slice(mailFrom.lastIndexOf('@') + 1) || 'survey-relay.invalid';
  return `<${createHash('sha256').update(seed).digest('base64url').slice(0, 32)}@${domain}>`;
}

/** nodemailer's options for a rendered message, sent from `mailFrom` under the partner's name. */
export function toMailOptions(message: OutgoingMessage, mailFrom: string): SendMailOptions {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (!HEADER_NAME.test(name) || RESERVED.has(name.toLowerCase())) throw new InvalidMessageError(`header name ${JSON.stringify(name)} is not allowed`);
    if (LINE_BREAK.test(value)) throw new InvalidMessageError(`header ${name} contains a line break`);
    headers[name] = value;
  }
  if (message.language) {
    if (!LANGUAGE.test(message.language)) throw new InvalidMessageError('language is not a BCP 47 tag');
    headers['Content-Language'] = message.language;
  }
  return {
    // an address object: nodemailer quotes and RFC 2047-encodes the display name
    from: { name: oneLine(message.fromName), address: address(mailFrom, 'mailFrom') },
    to: address(message.to, 'to'),
    ...(message.replyTo ? { replyTo: address(message.replyTo, 'replyTo') } : {}),
    subject: oneLine(message.subject),
    text: message.text,
    html: message.html,
    messageId: normalizeMessageId(message.messageId),
    headers,
    // no attachments or remote content may be pulled in by a template
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}
