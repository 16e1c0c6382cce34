// A real SMTP server on loopback for the password reset tests: tests/support/smtp_sink.py on
// Debian's python3-aiosmtpd, started per test and stopped when it ends. Each message it
// accepted is read back with its envelope, its raw bytes, its headers and its body.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './server.mjs';
import { waitFor, withCeiling } from './wait.mjs';

const SINK = path.join(path.dirname(fileURLToPath(import.meta.url)), 'smtp_sink.py');
// Debian's python3, where python3-aiosmtpd is installed (another python3 may come first on PATH).
const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

// True when python3-aiosmtpd can be imported, for a test's skip reason.
export function aiosmtpdAvailable() {
  const probe = spawn(PYTHON, ['-c', 'import aiosmtpd']);
  return new Promise((resolve) => probe.on('close', (code) => resolve(code === 0)));
}

// { headers (lower-case names), body, raw } of a message's text.
export function parseMail(raw) {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const headers = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: split < 0 ? '' : raw.slice(split + 4), raw };
}

// Starts the server; returns { url, port, dir, messages(), waitForMail(to), stop() }.
// options.tls = { cert, key } (PEM files): it offers STARTTLS and accepts mail only over TLS.
export async function startSmtpSink(t, options = {}) {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bank-smtp-'));
  const tlsArgs = options.tls ? [options.tls.cert, options.tls.key] : [];
  const child = spawn(PYTHON, [SINK, String(port), dir, ...tlsArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise((resolve) => child.on('close', resolve));
  await withCeiling(new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk.toString();
      if (output.includes('listening on')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then((code) => reject(new Error(`the SMTP sink exited (${code}): ${output}`)));
  }), { timeoutMs: 15_000, what: 'the SMTP sink to listen' });
  const sink = {
    url: `smtp://127.0.0.1:${port}`,
    port,
    dir,
    // Every message accepted so far, in order: { mail_from, rcpt_tos, tls, raw, headers, body }.
    messages() {
      return fs.readdirSync(dir).filter((name) => name.endsWith('.json')).sort().map((name) => {
        const envelope = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
        const raw = fs.readFileSync(path.join(dir, name.replace(/\.json$/, '.eml')), 'utf8');
        return { ...envelope, ...parseMail(raw) };
      });
    },
    to(address) {
      return this.messages().filter((message) => message.rcpt_tos.includes(address));
    },
    // The `count`th message to `address` (1: the first), once it has arrived.
    async waitForMail(address, count = 1) {
      await waitFor(() => this.to(address).length >= count,
        { timeoutMs: 30_000, what: `mail number ${count} to ${address}` });
      return this.to(address)[count - 1];
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  t.after(async () => {
    await sink.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return sink;
}

// The reset link of a message ({ url, token }), or null.
export function resetLinkOf(message) {
  const match = /(https?:\/\/\S+?\/password-reset\/confirm\?token=([0-9a-f]{64}))\r?\n/.exec(message.body);
  return match ? { url: match[1], token: match[2] } : null;
}
