// Second factors over real HTTP: TOTP enrolment (API and pages, with the QR code), signing in
// in two steps, replayed codes, recovery codes, removal, and wrong codes counting towards the
// five-failure lockout. The codes are computed by oathtool (tests/support/totp.mjs); every
// JSON answer is checked against the OpenAPI document. Each test starts its own server on a
// clock at TOTP_START, so it knows the step the server is in.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import {
  BANK_BINARY, BANK_SOURCE_DIR, BANK_STORE, Client, csrf, startServer, elementById, flash, formError, login, postForm, register, textOf,
} from '../support/server.mjs';
import { apiUser, setUpApi } from '../support/api.mjs';
import { waitFor } from '../support/wait.mjs';
import {
  STEP0, oathtoolMissing, secretOf, totpClock, totpCode,
} from '../support/totp.mjs';

const skip = oathtoolMissing();

// Signs a person up through the API and confirms an authenticator app with the code of
// STEP0 - 1; returns the person, the secret and the recovery codes.
async function enrolledApiUser(api) {
  const person = await apiUser(api);
  const started = await person.api.expect(201, 'POST', '/api/v1/me/totp');
  const secret = started.body.secret;
  const confirmed = await person.api.expect(200, 'POST', '/api/v1/me/totp/confirm', {
    json: { code: totpCode(secret, STEP0 - 1) },
  });
  return { ...person, secret, recoveryCodes: confirmed.body.recovery_codes };
}

async function challengeFor(api, person) {
  const refused = await api.expect(401, 'POST', '/api/v1/login', {
    json: { email: person.email, password: person.password }, token: null, code: 'second_factor_required',
  });
  return refused.body.challenge_id;
}

async function eventKinds(person) {
  const events = await person.api.expect(200, 'GET', '/api/v1/me/security-events?limit=50');
  return events.body.events.map((event) => event.kind);
}

test('TOTP enrolment: a secret and otpauth URI, confirmed by a code from oathtool, ten recovery codes shown once', { skip }, async (t) => {
  const { api } = await setUpApi(t, { env: totpClock() });
  const person = await apiUser(api);
  const before = await person.api.expect(200, 'GET', '/api/v1/me/totp');
  assert.deepEqual([before.body.enrolled, before.body.pending], [false, false]);
  assert.equal(before.body.step_up_threshold, '1000.00', 'the default step-up threshold');

  const started = await person.api.expect(201, 'POST', '/api/v1/me/totp');
  const { secret, otpauth_uri: uri } = started.body;
  assert.match(uri, /^otpauth:\/\/totp\/Bank:/);
  assert.equal(secretOf(uri), secret, 'the QR code holds the secret shown as text');
  assert.match(uri, /algorithm=SHA1&digits=6&period=30/);
  assert.equal((await person.api.expect(200, 'GET', '/api/v1/me/totp')).body.pending, true);

  await person.api.expect(401, 'POST', '/api/v1/me/totp/confirm', {
    json: { code: totpCode(secret, STEP0 + 5) }, code: 'unauthenticated', field: 'code',
  });
  await person.api.expect(400, 'POST', '/api/v1/me/totp/confirm', { json: {}, field: 'code' });
  const confirmed = await person.api.expect(200, 'POST', '/api/v1/me/totp/confirm', {
    json: { code: totpCode(secret, STEP0 - 1) },
  });
  const codes = confirmed.body.recovery_codes;
  assert.equal(new Set(codes).size, 10, 'ten different recovery codes');
  const after = await person.api.expect(200, 'GET', '/api/v1/me/totp');
  assert.deepEqual([after.body.enrolled, after.body.recovery_codes_left], [true, 10]);
  assert.ok(!JSON.stringify(after.body).includes(codes[0]), 'the codes are not shown again');
  await person.api.expect(409, 'POST', '/api/v1/me/totp', { code: 'conflict' });
  assert.ok((await eventKinds(person)).includes('second_factor_enrolled'));
});

test('with TOTP, the password alone answers second_factor_required; a code finishes once; a replayed code and a used challenge are refused', { skip }, async (t) => {
  const { api } = await setUpApi(t, { env: totpClock() });
  const person = await enrolledApiUser(api);
  const refused = await api.expect(401, 'POST', '/api/v1/login', {
    json: { email: person.email, password: person.password }, token: null, code: 'second_factor_required',
  });
  assert.deepEqual(refused.body.methods, ['totp', 'recovery_code']);
  assert.equal(refused.body.token, undefined, 'no token before the second factor');
  const challenge = refused.body.challenge_id;

  // The code that confirmed the enrolment was used: replaying it is refused.
  await api.expect(401, 'POST', '/api/v1/login/second-factor', {
    json: { challenge_id: challenge, code: totpCode(person.secret, STEP0 - 1) }, token: null, code: 'unauthenticated',
  });
  const signedIn = await api.expect(200, 'POST', '/api/v1/login/second-factor', {
    json: { challenge_id: challenge, code: totpCode(person.secret, STEP0) }, token: null,
  });
  await api.expect(200, 'GET', '/api/v1/me', { token: signedIn.body.token });
  // The same code again, with a new challenge: refused.
  await api.expect(401, 'POST', '/api/v1/login/second-factor', {
    json: { challenge_id: await challengeFor(api, person), code: totpCode(person.secret, STEP0) }, token: null,
  });
  // The used challenge with a fresh code: refused.
  await api.expect(401, 'POST', '/api/v1/login/second-factor', {
    json: { challenge_id: challenge, code: totpCode(person.secret, STEP0 + 1) }, token: null,
  });
  // A forged challenge id and a request with both answers are refused without a session.
  await api.expect(401, 'POST', '/api/v1/login/second-factor', {
    json: { challenge_id: `${challenge.slice(0, -4)}0000`, code: totpCode(person.secret, STEP0 + 1) }, token: null,
  });
  await api.expect(400, 'POST', '/api/v1/login/second-factor', {
    json: { challenge_id: challenge, code: '123456', recovery_code: person.recoveryCodes[0] }, token: null,
  });
  const kinds = await eventKinds(person);
  for (const kind of ['second_factor_used', 'second_factor_failed', 'login_succeeded']) {
    assert.ok(kinds.includes(kind), `${kind} is in the audit log: ${kinds}`);
  }
});

test('wrong second-factor codes count towards the five-failure lockout, across sign-ins', { skip }, async (t) => {
  const { api } = await setUpApi(t, { env: totpClock() });
  const person = await enrolledApiUser(api);
  const wrong = totpCode(person.secret, STEP0 + 7);
  let challenge = await challengeFor(api, person);
  for (let i = 0; i < 2; i += 1) {
    await api.expect(401, 'POST', '/api/v1/login/second-factor', {
      json: { challenge_id: challenge, code: wrong }, token: null, code: 'unauthenticated',
    });
  }
  // Signing in again with the password does not clear the count.
  challenge = await challengeFor(api, person);
  for (let i = 0; i < 2; i += 1) {
    await api.expect(401, 'POST', '/api/v1/login/second-factor', {
      json: { challenge_id: challenge, code: wrong }, token: null, code: 'unauthenticated',
    });
  }
  await api.expect(423, 'POST', '/api/v1/login/second-factor', {
    json: { challenge_id: challenge, code: wrong }, token: null, code: 'account_locked',
  });
  // Locked: the right code and the right password are refused too.
  await api.expect(423, 'POST', '/api/v1/login/second-factor', {
    json: { challenge_id: challenge, code: totpCode(person.secret, STEP0) }, token: null, code: 'account_locked',
  });
  await api.expect(423, 'POST', '/api/v1/login', {
    json: { email: person.email, password: person.password }, token: null, code: 'account_locked',
  });
  // The failures' audit events are written without holding up the answers: wait for them.
  const kinds = await waitFor(async () => {
    const found = await eventKinds(person);
    return found.filter((kind) => kind === 'second_factor_failed').length >= 5 && found.includes('locked_out') && found;
  }, { what: 'five second_factor_failed events and locked_out in the audit log', describe: async () => (await eventKinds(person)).join() });
  assert.equal(kinds.filter((kind) => kind === 'second_factor_failed').length, 5, kinds.join());
});

test('a recovery code signs in once; new recovery codes and removal need a current code', { skip }, async (t) => {
  const { api } = await setUpApi(t, { env: totpClock() });
  const person = await enrolledApiUser(api);
  const [first, second] = person.recoveryCodes;
  const signedIn = await api.expect(200, 'POST', '/api/v1/login/second-factor', {
    json: { challenge_id: await challengeFor(api, person), recovery_code: first.toUpperCase() }, token: null,
  });
  await api.expect(401, 'POST', '/api/v1/login/second-factor', {
    json: { challenge_id: await challengeFor(api, person), recovery_code: first }, token: null,
    code: 'unauthenticated', field: 'recovery_code',
  });
  const me = person.api.as(signedIn.body.token);
  assert.equal((await me.expect(200, 'GET', '/api/v1/me/totp')).body.recovery_codes_left, 9);

  await me.expect(401, 'POST', '/api/v1/me/totp/recovery-codes', { json: { code: totpCode(person.secret, STEP0 + 9) } });
  const renewed = await me.expect(200, 'POST', '/api/v1/me/totp/recovery-codes', {
    json: { code: totpCode(person.secret, STEP0) },
  });
  assert.ok(!renewed.body.recovery_codes.includes(second));
  await api.expect(401, 'POST', '/api/v1/login/second-factor', {
    json: { challenge_id: await challengeFor(api, person), recovery_code: second }, token: null,
  });

  await me.expect(401, 'DELETE', '/api/v1/me/totp', { json: { code: totpCode(person.secret, STEP0) }, field: 'code' });
  await me.expect(200, 'DELETE', '/api/v1/me/totp', { json: { code: totpCode(person.secret, STEP0 + 1) } });
  await api.expect(200, 'POST', '/api/v1/login', { json: { email: person.email, password: person.password }, token: null });
  const kinds = await eventKinds(person);
  for (const kind of ['recovery_codes_regenerated', 'second_factor_removed']) {
    assert.ok(kinds.includes(kind), `${kind} is in the audit log`);
  }
});

test('pages: /profile/security shows the QR code (SVG, no script) and the secret; signing in asks for the code on a second page', { skip }, async (t) => {
  const { server } = await setUpApi(t, { env: totpClock() });
  const client = new Client(server);
  const { email, password } = await register(client);
  assert.equal((await login(client, email, password)).status, 303);
  const empty = await client.get('/profile/security');
  assert.equal(empty.status, 200);
  assert.ok(elementById(empty.text, 'start-totp'), 'a button to set up an authenticator app');

  const started = await postForm(client, '/profile/security/totp', {}, { page: '/profile/security' });
  assert.equal(started.status, 303);
  const pending = await client.get('/profile/security');
  const secret = textOf(elementById(pending.text, 'totp-secret'));
  assert.match(secret, /^[A-Z2-7]{32}$/, 'the secret is shown as text');
  assert.match(pending.text, /<img src="\/profile\/security\/totp\.svg"/);
  const qr = await client.get('/profile/security/totp.svg');
  assert.equal(qr.status, 200);
  assert.match(qr.headers.get('content-type'), /^image\/svg\+xml/);
  assert.match(qr.text, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.doesNotMatch(qr.text, /<script|on[a-z]+=/i, 'nothing in the image runs');
  assert.equal((await new Client(server).get('/profile/security/totp.svg')).status, 303, 'signed-in only');

  const wrong = await postForm(client, '/profile/security/totp/confirm', { code: totpCode(secret, STEP0 + 6) },
    { page: '/profile/security' });
  assert.equal(wrong.status, 401);
  assert.match(formError(wrong.text), /code is not right/);
  const confirmed = await postForm(client, '/profile/security/totp/confirm', { code: totpCode(secret, STEP0 - 1) },
    { page: '/profile/security' });
  assert.equal(confirmed.status, 200);
  assert.equal((confirmed.text.match(/class="recovery-code"/g) || []).length, 10);

  const other = new Client(server);
  const first = await login(other, email, password);
  assert.equal(first.status, 200, 'the password leads to the code page, not into the bank');
  assert.ok(!other.cookies.has('bank_session'), 'no session yet');
  const challenge = elementById(first.text, 'code') && csrf(first.text) && first.text.match(/name="challenge_id" value="([^"]+)"/)[1];
  const refused = await other.post('/login/second-factor', {
    csrf_token: csrf(first.text), challenge_id: challenge, method: 'totp', code: totpCode(secret, STEP0 - 1),
  });
  assert.equal(refused.status, 401, 'the enrolment code is not accepted again');
  const done = await other.post('/login/second-factor', {
    csrf_token: csrf(first.text), challenge_id: challenge, method: 'totp', code: totpCode(secret, STEP0),
  });
  assert.equal(done.status, 303);
  assert.equal(done.location, '/dashboard');
  const dashboard = await other.get('/dashboard');
  assert.match(flash(dashboard.text).text, /Welcome back/);
});

test('the server key: made with mode 0600 beside an SQLite database and logged; DynamoDB refuses to start without BANK_SECRET_KEY_FILE', async (t) => {
  if (BANK_STORE === 'sqlite') {
    const server = await startServer(t);
    const keyFile = `${server.db}.key`;
    assert.equal(fs.statSync(keyFile).mode & 0o777, 0o600);
    assert.match(fs.readFileSync(keyFile, 'utf8'), /^[0-9a-f]{64}\n$/);
    const log = fs.readFileSync(server.logFile, 'utf8');
    assert.match(log, /created a new server key in .*\.key \(mode 0600\)/);
    assert.ok(!log.includes(fs.readFileSync(keyFile, 'utf8').trim()), 'the key itself is never logged');
  }
  const refused = spawnSync(BANK_BINARY, ['serve', '--port', '0'], {
    env: {
      PATH: process.env.PATH, BANK_STORE: 'dynamodb', AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'x',
      AWS_SECRET_ACCESS_KEY: 'y', BANK_DYNAMODB_ENDPOINT: 'http://127.0.0.1:9', BANK_SOURCE_DIR,
    },
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.notEqual(refused.status, 0);
  assert.match(refused.stdout + refused.stderr, /BANK_SECRET_KEY_FILE must name the server key file/);
});
