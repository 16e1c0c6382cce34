// Password reset by email (issue 13), over real HTTP and a real SMTP server on loopback
// (tests/support/smtp_sink.py, Debian's python3-aiosmtpd): the mail is read as the server
// received it, its link followed, and the new password set. Then the old password is refused
// and the new one works, every other session has ended, the link works once, an expired link
// is refused (BANK_TEST_NOW moves the server's clock past the link's 30 minutes), an unknown
// email gets the same answer and no mail, a weak password is refused with the policy's
// reason and changes nothing, and a second factor still guards signing in after a reset. Without BANK_SMTP_URL the page says resets are not available
// and the API answers 501 not_configured. Every JSON answer is checked against the OpenAPI
// document.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BANK_BINARY, BANK_SOURCE_DIR, Client, fieldError, flash, formError, freePort, login, postForm, signUp, startServer, textOf, uniqueEmail,
  PASSWORD,
} from '../support/server.mjs';
import { Api, apiUser, loadOpenApi } from '../support/api.mjs';
import { aiosmtpdAvailable, resetLinkOf, startSmtpSink } from '../support/smtp.mjs';
import { waitFor } from '../support/wait.mjs';
import { STEP0, oathtoolMissing, totpClock, totpCode } from '../support/totp.mjs';

const MAIL_FROM = 'no-reply@bank.example';
const NEW_PASSWORD = 'Granite-Heron-Oboe-5';
const START = '2026-06-15T12:00:00Z';
const AFTER_THE_LINK = '2026-06-15T12:31:00Z'; // 31 minutes later: past every link's 30
const skip = (await aiosmtpdAvailable()) ? false : 'python3-aiosmtpd is not installed (scripts/dev setup)';

// A server that sends reset mails through `sink`, its links pointing at itself.
async function serverWithMail(t, sink, options = {}) {
  const port = options.port || (await freePort());
  const server = await startServer(t, {
    ...options,
    port,
    env: {
      BANK_SMTP_URL: sink.url, BANK_MAIL_FROM: MAIL_FROM, BANK_PUBLIC_URL: `http://127.0.0.1:${port}`,
      ...(options.env || {}),
    },
  });
  return { server, api: new Api(server, await loadOpenApi(server)) };
}

async function askForLink(api, email) {
  return api.expect(202, 'POST', '/api/v1/password-reset', { json: { email }, token: null });
}

test('the mailed link sets a new password once and ends every session', { skip }, async (t) => {
  const sink = await startSmtpSink(t);
  const { server, api } = await serverWithMail(t, sink);
  const ann = await apiUser(api, { full_name: 'Ann Example' });
  const browser = new Client(server);
  assert.equal((await login(browser, ann.email)).status, 303, 'a second session, in a browser');

  const asked = await askForLink(api, ann.email);
  assert.match(asked.body.message, /If that email is registered/);
  const mail = await sink.waitForMail(ann.email);

  await t.test('the message has its headers, CRLF line endings, the link and the warning', () => {
    assert.equal(mail.mail_from, MAIL_FROM, 'the envelope sender');
    assert.deepEqual(mail.rcpt_tos, [ann.email], 'the envelope recipient');
    assert.equal(mail.headers.from, MAIL_FROM);
    assert.equal(mail.headers.to, ann.email);
    assert.equal(mail.headers.subject, 'Reset your password');
    assert.match(mail.headers['message-id'], /^<[0-9a-f]{32}@bank\.example>$/);
    assert.ok(!Number.isNaN(Date.parse(mail.headers.date)), `a date: ${mail.headers.date}`);
    assert.match(mail.headers['content-type'], /^text\/plain; charset=utf-8$/);
    assert.ok(!/[^\r]\n/.test(mail.raw), 'every line ends in CRLF');
    assert.match(mail.body, /within 30 minutes/);
    assert.match(mail.body, /If this wasn't you, ignore this email/);
    assert.ok(resetLinkOf(mail).url.startsWith(`${server.url}/password-reset/confirm?token=`), mail.body);
  });

  const link = resetLinkOf(mail);
  const linkPath = link.url.slice(server.url.length);
  const visitor = new Client(server);
  const page = await visitor.get(linkPath);
  assert.equal(page.status, 200);
  assert.match(textOf(page.text), /Choose a new password/);

  await t.test('a weak or mistyped new password is refused and changes nothing', async () => {
    const weak = await postForm(visitor, '/password-reset/confirm',
      { token: link.token, password: 'sunshine', confirm_password: 'sunshine' }, { page: linkPath });
    assert.equal(weak.status, 400);
    assert.match(fieldError(weak.text, 'password'), /too easy to guess/);
    const named = await api.expect(400, 'POST', '/api/v1/password-reset/confirm', {
      json: { token: link.token, password: 'Example-Ann-Quartz' }, token: null,
      code: 'validation_failed', field: 'password',
    });
    assert.match(named.body.error.message, /cannot contain your name/);
    const mistyped = await postForm(visitor, '/password-reset/confirm',
      { token: link.token, password: NEW_PASSWORD, confirm_password: `${NEW_PASSWORD}x` }, { page: linkPath });
    assert.equal(mistyped.status, 400);
    assert.match(fieldError(mistyped.text, 'confirm_password'), /do not match/);
    await ann.api.expect(200, 'GET', '/api/v1/me');
    await api.expect(200, 'POST', '/api/v1/login', { json: { email: ann.email, password: PASSWORD }, token: null });
  });

  const reset = await postForm(visitor, '/password-reset/confirm',
    { token: link.token, password: NEW_PASSWORD, confirm_password: NEW_PASSWORD }, { page: linkPath });
  assert.equal(reset.status, 303);
  assert.equal(reset.location, '/login');
  assert.match(flash((await visitor.get('/login')).text).text, /Your password is changed/);

  await t.test('every session has ended; the old password is refused, the new one works', async () => {
    await ann.api.expect(401, 'GET', '/api/v1/me', { code: 'unauthenticated' });
    const page = await browser.get('/dashboard');
    assert.equal(page.status, 303, 'the browser session ended');
    assert.match(page.location, /^\/login/);
    await api.expect(401, 'POST', '/api/v1/login', { json: { email: ann.email, password: PASSWORD }, token: null });
    const signedIn = await api.expect(200, 'POST', '/api/v1/login',
      { json: { email: ann.email, password: NEW_PASSWORD }, token: null });
    const annAgain = api.as(signedIn.body.token);
    // The request's event is written by the mail thread once the mail went out.
    const events = await waitFor(async () => {
      const listed = await annAgain.expect(200, 'GET', '/api/v1/me/security-events');
      const kinds = listed.body.events.map((event) => event.kind);
      return kinds.includes('password_reset_requested') && kinds.includes('password_reset') && listed;
    }, { what: 'password_reset_requested and password_reset in the audit log' });
    assert.ok(!events.text.includes(link.token), 'the token is nowhere in the log');
  });

  await t.test('the link works once', async () => {
    const again = await visitor.get(linkPath);
    assert.match(formError(again.text), /does not work any more/);
    assert.ok(!again.text.includes('name="password"'), 'no password form for a spent link');
    await api.expect(400, 'POST', '/api/v1/password-reset/confirm', {
      json: { token: link.token, password: 'Another-Heron-Oboe-6' }, token: null,
      code: 'validation_failed', field: 'token',
    });
    await api.expect(200, 'POST', '/api/v1/login', { json: { email: ann.email, password: NEW_PASSWORD }, token: null });
  });
});

test('an unknown email gets the same answer and no mail', { skip }, async (t) => {
  const sink = await startSmtpSink(t);
  const { server, api } = await serverWithMail(t, sink);
  const bob = await apiUser(api);
  const stranger = uniqueEmail('nobody');

  const known = await askForLink(api, bob.email);
  const unknown = await askForLink(api, stranger);
  assert.equal(unknown.text, known.text, 'the same body');
  const pageFor = async (email) => postForm(new Client(server), '/password-reset', { email });
  const [knownPage, unknownPage] = [await pageFor(bob.email), await pageFor(stranger)];
  assert.equal(knownPage.status, 303);
  assert.equal(unknownPage.status, knownPage.status);
  assert.equal(unknownPage.location, knownPage.location);
  const flashOf = async (response) => {
    const client = new Client(server);
    client.keepCookies(response.setCookies);
    return flash((await client.get(response.location)).text).text;
  };
  assert.equal(await flashOf(unknownPage), await flashOf(knownPage));
  assert.match(await flashOf(unknownPage), /If that email is registered, a link .* is on its way/);

  // The requests are handled in order: once Bob's second mail is in, the stranger's requests
  // were handled before it.
  await askForLink(api, bob.email);
  await sink.waitForMail(bob.email, 3);
  assert.deepEqual(sink.to(stranger), [], 'no mail to an unregistered address');
  assert.equal(sink.messages().length, 3, "only Bob's mails");

  await api.expect(400, 'POST', '/api/v1/password-reset', {
    json: { email: 'not an email' }, token: null, code: 'validation_failed', field: 'email',
  });
  await api.expect(400, 'POST', '/api/v1/password-reset', {
    json: { email: bob.email, extra: 1 }, token: null, code: 'validation_failed',
  });
});

test('a link past its 30 minutes is refused and changes nothing', { skip }, async (t) => {
  const sink = await startSmtpSink(t);
  const first = await serverWithMail(t, sink, { env: { BANK_TEST_NOW: START } });
  const cy = await apiUser(first.api);
  await askForLink(first.api, cy.email);
  const link = resetLinkOf(await sink.waitForMail(cy.email));
  await first.server.stop();

  const later = await serverWithMail(t, sink, {
    db: first.server.db, dir: first.server.dir, tablePrefix: first.server.tablePrefix,
    env: { BANK_TEST_NOW: AFTER_THE_LINK },
  });
  const page = await new Client(later.server).get(`/password-reset/confirm?token=${link.token}`);
  assert.match(formError(page.text), /expired \(a link lasts 30 minutes\)/);
  await later.api.expect(400, 'POST', '/api/v1/password-reset/confirm', {
    json: { token: link.token, password: NEW_PASSWORD }, token: null, code: 'validation_failed', field: 'token',
  });
  await later.api.expect(200, 'POST', '/api/v1/login', { json: { email: cy.email, password: PASSWORD }, token: null });
});

test('reset requests count against the sign-in limit per address', { skip }, async (t) => {
  const sink = await startSmtpSink(t);
  const { api } = await serverWithMail(t, sink, { env: { BANK_LOGINS_PER_MINUTE: 2 } });
  const email = uniqueEmail('flood');
  await askForLink(api, email);
  await askForLink(api, email);
  const refused = await api.expect(429, 'POST', '/api/v1/password-reset', { json: { email }, token: null });
  assert.ok(refused.headers.get('retry-after'), 'Retry-After says when to come back');
});

// The server starts at TOTP_START (tests/support/totp.mjs), so the codes of STEP0 - 1 and
// STEP0 are accepted within its first 30 seconds.
test('a reset does not remove the second factor: the new password still needs the code', { skip: skip || oathtoolMissing() }, async (t) => {
  const sink = await startSmtpSink(t);
  const { api } = await serverWithMail(t, sink, { env: totpClock() });
  const dee = await apiUser(api);
  const started = await dee.api.expect(201, 'POST', '/api/v1/me/totp');
  await dee.api.expect(200, 'POST', '/api/v1/me/totp/confirm', { json: { code: totpCode(started.body.secret, STEP0 - 1) } });
  await askForLink(api, dee.email);
  const link = resetLinkOf(await sink.waitForMail(dee.email));
  await api.expect(200, 'POST', '/api/v1/password-reset/confirm', {
    json: { token: link.token, password: NEW_PASSWORD }, token: null,
  });
  const refused = await api.expect(401, 'POST', '/api/v1/login', {
    json: { email: dee.email, password: NEW_PASSWORD }, token: null, code: 'second_factor_required',
  });
  await api.expect(200, 'POST', '/api/v1/login/second-factor', {
    json: { challenge_id: refused.body.challenge_id, code: totpCode(started.body.secret, STEP0) }, token: null,
  });
});

test('without BANK_SMTP_URL the page says resets are not available and the API answers 501', async (t) => {
  const server = await startServer(t);
  const api = new Api(server, await loadOpenApi(server));
  const visitor = new Client(server);
  const loginPage = await visitor.get('/login');
  assert.match(loginPage.text, /href="\/password-reset"[^>]*>Forgot your password\?</);
  const page = await visitor.get('/password-reset');
  assert.match(textOf(page.text), /Password resets by email are not available here/);
  assert.ok(!page.text.includes('name="email"'), 'no form that would pretend to send a mail');
  const { email } = await signUp(server);
  const posted = await postForm(new Client(server), '/password-reset', { email }, { page: '/login' });
  assert.equal(posted.status, 501);
  assert.match(textOf(posted.text), /not available here/);
  await api.expect(501, 'POST', '/api/v1/password-reset', { json: { email }, token: null, code: 'not_configured' });
  await api.expect(501, 'POST', '/api/v1/password-reset/confirm', {
    json: { token: '0'.repeat(64), password: NEW_PASSWORD }, token: null, code: 'not_configured',
  });
});

// `bank serve` on SQLite with a mail configuration that cannot work: it refuses to start and
// says why, never repeating the SMTP password.
function serveRefusal(env) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bank-mail-config-'));
  try {
    const run = spawnSync(BANK_BINARY, ['serve', '--port', '0', '--store', 'sqlite', '--db', path.join(dir, 'bank.db')], {
      env: { ...process.env, BANK_SOURCE_DIR, BANK_STORE: 'sqlite', BANK_SMTP_URL: '', BANK_MAIL_FROM: '', BANK_PUBLIC_URL: '', ...env },
      encoding: 'utf8', timeout: 30_000,
    });
    return { code: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('bank serve refuses a mail configuration that cannot work, naming what is missing', () => {
  const noOrigin = serveRefusal({ BANK_SMTP_URL: 'smtp://127.0.0.1:2525', BANK_MAIL_FROM: MAIL_FROM });
  assert.equal(noOrigin.code, 1, noOrigin.output);
  assert.match(noOrigin.output, /BANK_SMTP_URL needs BANK_PUBLIC_URL/);
  const noSender = serveRefusal({ BANK_SMTP_URL: 'smtp://127.0.0.1:2525', BANK_PUBLIC_URL: 'https://bank.example' });
  assert.equal(noSender.code, 1, noSender.output);
  assert.match(noSender.output, /BANK_SMTP_URL needs BANK_MAIL_FROM/);
  const clear = serveRefusal({
    BANK_SMTP_URL: 'smtp://ann:s3cret-pw@mail.example.com:25', BANK_MAIL_FROM: MAIL_FROM, BANK_PUBLIC_URL: 'https://bank.example',
  });
  assert.equal(clear.code, 1, clear.output);
  assert.match(clear.output, /credentials but no TLS/);
  assert.ok(!clear.output.includes('s3cret-pw'), 'the password is never repeated');
});
