// Reset mail over TLS, against a real SMTP server on loopback (Debian's python3-aiosmtpd,
// tests/support/smtp_sink.py) that offers STARTTLS with a throwaway certificate and accepts
// mail only over TLS: with BANK_SMTP_URL=smtp://…?starttls and BANK_SMTP_CA_FILE trusting the
// certificate the mail arrives encrypted; a certificate the bank does not trust, or a server
// that offers no TLS, gets no mail at all (never a fallback to clear text), and the person's
// audit log says the link could not be emailed. Mail does not depend on the store: SQLite only.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Api, apiUser, loadOpenApi } from '../support/api.mjs';
import { freePort, startServer } from '../support/server.mjs';
import { aiosmtpdAvailable, resetLinkOf, startSmtpSink } from '../support/smtp.mjs';
import { waitFor } from '../support/wait.mjs';

const skip = (await aiosmtpdAvailable()) ? false : 'python3-aiosmtpd is not installed (scripts/dev setup)';

// A self-signed certificate for 127.0.0.1 (the name libcurl checks), removed after the test.
function throwawayCertificate(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bank-smtp-tls-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
    '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  return { cert, key };
}

async function bankMailingThrough(t, smtpUrl, env = {}) {
  const port = await freePort();
  const server = await startServer(t, {
    port,
    env: {
      BANK_SMTP_URL: smtpUrl, BANK_MAIL_FROM: 'no-reply@bank.example', BANK_PUBLIC_URL: `http://127.0.0.1:${port}`, ...env,
    },
  });
  return new Api(server, await loadOpenApi(server));
}

// Asks for a reset link for a new person; resolves once their audit log records the request,
// to its detail ("A link was emailed" or "The link could not be emailed").
async function askForLink(api) {
  const person = await apiUser(api);
  await api.expect(202, 'POST', '/api/v1/password-reset', { json: { email: person.email }, token: null });
  let detail;
  await waitFor(async () => {
    const events = (await person.api.expect(200, 'GET', '/api/v1/me/security-events')).body.events;
    detail = events.find((event) => event.kind === 'password_reset_requested')?.detail;
    return detail !== undefined;
  }, { timeoutMs: 30_000, what: 'password_reset_requested in the audit log' });
  return { person, detail };
}

test('STARTTLS with a private CA named by BANK_SMTP_CA_FILE: the reset mail arrives encrypted', { skip }, async (t) => {
  const tls = throwawayCertificate(t);
  const sink = await startSmtpSink(t, { tls });
  const api = await bankMailingThrough(t, `${sink.url}?starttls`, { BANK_SMTP_CA_FILE: tls.cert });
  const { person, detail } = await askForLink(api);
  assert.equal(detail, 'A link was emailed');
  const mail = await sink.waitForMail(person.email);
  assert.equal(mail.tls, true, 'the session was encrypted');
  assert.ok(resetLinkOf(mail), 'the message carries the link');
});

test('a mail server whose certificate is not trusted gets no mail', { skip }, async (t) => {
  const sink = await startSmtpSink(t, { tls: throwawayCertificate(t) });
  const api = await bankMailingThrough(t, `${sink.url}?starttls`);
  const { detail } = await askForLink(api);
  assert.equal(detail, 'The link could not be emailed');
  assert.deepEqual(sink.messages(), []);
});

test('?starttls to a server that offers no TLS: the mail is not sent in clear', { skip }, async (t) => {
  const sink = await startSmtpSink(t);
  const api = await bankMailingThrough(t, `${sink.url}?starttls`);
  const { detail } = await askForLink(api);
  assert.equal(detail, 'The link could not be emailed');
  assert.deepEqual(sink.messages(), []);
});

test('bank serve refuses a BANK_SMTP_CA_FILE it cannot read', { skip }, async (t) => {
  const sink = await startSmtpSink(t);
  await assert.rejects(bankMailingThrough(t, `${sink.url}?starttls`, { BANK_SMTP_CA_FILE: '/nonexistent/ca.pem' }),
    /BANK_SMTP_CA_FILE \/nonexistent\/ca\.pem cannot be read/);
});
