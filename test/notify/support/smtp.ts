/**
 * A real SMTP server on 127.0.0.1 (the `smtp-server` package) for the e-mail tests: it records
 * what it received (envelope, raw message, the login it was given) and can require a login,
 * offer STARTTLS or speak TLS from the first byte with a self-signed certificate.
 * Messages are decoded here (headers, encoded words, quoted-printable, base64, multipart) so that
 * tests assert on the words a reader sees, and on the raw bytes for secrets.
 */
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface Received {
  from: string;
  to: string[];
  raw: string;
  /** The user the client logged in as, when it did. */
  user: string | null;
  /** Whether the connection was encrypted when the message came. */
  secure: boolean;
}

export interface TestSmtp {
  port: number;
  received: Received[];
  /** Logins tried: user and whether the password was right. */
  logins: { user: string; ok: boolean }[];
  close(): Promise<void>;
}

export interface TestSmtpOptions {
  /** Require this login (AUTH PLAIN or LOGIN). */
  auth?: { user: string; password: string };
  /** 'starttls': plain connection offering STARTTLS; 'implicit': TLS from the first byte; none: plain only. */
  tls?: 'starttls' | 'implicit';
  /** Refuse these recipients at RCPT TO. */
  refuse?: string[];
}

let certificate: Promise<{ key: string; cert: string }> | undefined;

/** One self-signed certificate for 127.0.0.1 per test process (EC: fast to make). */
export function selfSignedCertificate(): Promise<{ key: string; cert: string }> {
  certificate ??= generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec', algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] }],
  }).then((p) => ({ key: p.private, cert: p.cert }));
  return certificate;
}

export async function startSmtp(options: TestSmtpOptions = {}): Promise<TestSmtp> {
  const received: Received[] = [];
  const logins: TestSmtp['logins'] = [];
  const tls = options.tls ? await selfSignedCertificate() : undefined;
  const config: SMTPServerOptions = {
    secure: options.tls === 'implicit',
    ...(tls ? { key: tls.key, cert: tls.cert } : {}),
    disabledCommands: [...(options.tls ? [] : ['STARTTLS']), ...(options.auth ? [] : ['AUTH'])],
    authOptional: !options.auth,
    allowInsecureAuth: !options.tls,
    logger: false,
    onAuth(auth, _session, callback) {
      const ok = !!options.auth && auth.username === options.auth.user && auth.password === options.auth.password;
      logins.push({ user: auth.username ?? '', ok });
      if (!ok) return callback(new Error('Invalid username or password'));
      callback(null, { user: auth.username });
    },
    onRcptTo(address, _session, callback) {
      if (options.refuse?.includes(address.address)) {
        const err = Object.assign(new Error(`Mailbox ${address.address} unavailable`), { responseCode: 550 });
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: typeof session.user === 'string' ? session.user : null,
          secure: session.secure,
        });
        callback(null, `OK: message ${received.length} queued`);
      });
    },
  };
  const server = new SMTPServer(config);
  server.on('error', () => undefined); // a client that drops the connection is not the test's failure
  const net = await new Promise<import('node:net').Server>((resolve) => {
    const s = server.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    port: (net.address() as AddressInfo).port,
    received,
    logins,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

// ------------------------------------------------------------------ decoding

export interface Part {
  headers: Record<string, string>;
  /** Decoded body (text as UTF-8). */
  body: string;
}

export interface Decoded {
  headers: Record<string, string>;
  subject: string;
  /** Leaf parts, decoded. */
  parts: Part[];
  /** The text/plain part. */
  text: string;
  html: string;
  attachments: { filename: string; content: string }[];
}

function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=\s*(?==\?)?/g, (_m, _cs: string, enc: string, data: string) => {
    if (enc.toUpperCase() === 'B') return Buffer.from(data, 'base64').toString('utf8');
    const bytes = data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  });
}

function splitHeaders(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return out;
}

function decodeBody(body: string, encoding: string): string {
  const enc = encoding.toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') {
    const soft = body.replace(/=\r?\n/g, '');
    return Buffer.from(soft.replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  }
  return body;
}

function leafParts(raw: string): Part[] {
  const cut = raw.search(/\r?\n\r?\n/);
  const headers = splitHeaders(cut < 0 ? raw : raw.slice(0, cut));
  const body = cut < 0 ? '' : raw.slice(cut).replace(/^\r?\n\r?\n/, '');
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    return body.split(`--${boundary}`).slice(1).filter((p) => !p.startsWith('--')).flatMap((p) => leafParts(p.replace(/^\r?\n/, '')));
  }
  return [{ headers, body: decodeBody(body, headers['content-transfer-encoding'] ?? '7bit') }];
}

export function decode(raw: string): Decoded {
  const cut = raw.search(/\r?\n\r?\n/);
  const headers = splitHeaders(raw.slice(0, cut));
  const parts = leafParts(raw);
  const isAttachment = (p: Part) => /attachment/i.test(p.headers['content-disposition'] ?? '');
  const text = parts.find((p) => !isAttachment(p) && /text\/plain/i.test(p.headers['content-type'] ?? 'text/plain'))?.body ?? '';
  const html = parts.find((p) => !isAttachment(p) && /text\/html/i.test(p.headers['content-type'] ?? ''))?.body ?? '';
  const attachments = parts.filter(isAttachment).map((p) => ({
    filename: decodeWords(/filename="?([^";]+)"?/i.exec(p.headers['content-disposition'] ?? '')?.[1] ?? ''),
    content: p.body,
  }));
  return { headers, subject: decodeWords(headers.subject ?? ''), parts, text: text.replace(/\r\n/g, '\n'), html, attachments };
}
