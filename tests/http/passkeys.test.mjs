// Passkeys over real HTTP, on either store, with a software authenticator built on node:crypto
// (tests/support/webauthn.mjs: a P-256 key, CBOR attestation objects, ES256 signatures):
// registration and its refusals (origin, RP ID, challenge, reuse, user presence, duplicates),
// a passkey as the second factor after the password, the passwordless sign-in, removal, the
// audit log, and refused answers counting towards the lockout. Every JSON answer is checked
// against the OpenAPI document.
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { apiUser, setUpApi } from '../support/api.mjs';
import { SoftAuthenticator } from '../support/webauthn.mjs';
import { waitFor } from '../support/wait.mjs';

const PUBLIC_URL = 'https://bank.test';
const RP = { rpId: 'bank.test', origin: PUBLIC_URL };
const env = { BANK_PUBLIC_URL: PUBLIC_URL };

async function registered(person, name = 'Laptop', authenticator = new SoftAuthenticator(RP)) {
  const options = await person.api.expect(200, 'POST', '/api/v1/me/passkeys/options');
  const added = await person.api.expect(201, 'POST', '/api/v1/me/passkeys', {
    json: { name, response: authenticator.create(options.body) },
  });
  return { authenticator, passkey: added.body, options: options.body };
}

async function passkeyChallenge(api, person) {
  const refused = await api.expect(401, 'POST', '/api/v1/login', {
    json: { email: person.email, password: person.password }, token: null, code: 'second_factor_required',
  });
  return refused.body;
}

async function events(person) {
  return (await person.api.expect(200, 'GET', '/api/v1/me/security-events?limit=50')).body.events;
}

test('without BANK_PUBLIC_URL passkeys are off: the list says so and registration answers 404', async (t) => {
  const { api } = await setUpApi(t);
  const person = await apiUser(api);
  const listed = await person.api.expect(200, 'GET', '/api/v1/me/passkeys');
  assert.deepEqual(listed.body, { available: false, passkeys: [] });
  await person.api.expect(404, 'POST', '/api/v1/me/passkeys/options', { code: 'not_found' });
  await api.expect(404, 'POST', '/api/v1/login/passkey/options', { token: null, code: 'not_found' });
});

test('registration: options with a random user handle; a passkey is added, named, listed and excluded next time', async (t) => {
  const { api } = await setUpApi(t, { env });
  const person = await apiUser(api);
  const { authenticator, passkey, options } = await registered(person, '  Work laptop ');
  assert.equal(options.rp.id, 'bank.test');
  assert.equal(options.user.name, person.email);
  assert.notEqual(Buffer.from(options.user.id, 'base64url').toString(), person.email, 'the user handle is not the email');
  assert.equal(Buffer.from(options.user.id, 'base64url').length, 32);
  assert.deepEqual(options.pubKeyCredParams.map((p) => p.alg), [-7, -257]);
  assert.equal(options.authenticatorSelection.residentKey, 'preferred');
  assert.deepEqual(options.excludeCredentials, []);
  assert.equal(passkey.id, authenticator.id);
  assert.equal(passkey.name, 'Work laptop', 'the name is trimmed');
  assert.equal(passkey.last_used_at, null);

  const listed = await person.api.expect(200, 'GET', '/api/v1/me/passkeys');
  assert.equal(listed.body.available, true);
  assert.deepEqual(listed.body.passkeys.map((p) => [p.id, p.name]), [[authenticator.id, 'Work laptop']]);
  const again = await person.api.expect(200, 'POST', '/api/v1/me/passkeys/options');
  assert.deepEqual(again.body.excludeCredentials, [{ type: 'public-key', id: authenticator.id }]);
  assert.equal(again.body.user.id, options.user.id, 'one user handle for all of a person\'s passkeys');
  // The same authenticator again is refused as a duplicate.
  await person.api.expect(409, 'POST', '/api/v1/me/passkeys', {
    json: { name: 'Again', response: authenticator.create(again.body) }, code: 'conflict',
  });
  const added = (await events(person)).find((event) => event.kind === 'passkey_added');
  assert.match(added.detail, /Passkey "Work laptop"/);
});

test('registration refusals: another origin or RP ID, a forged or reused challenge, no user presence, a bad name change nothing', async (t) => {
  const { api } = await setUpApi(t, { env });
  const person = await apiUser(api);
  const options = (await person.api.expect(200, 'POST', '/api/v1/me/passkeys/options')).body;
  const attempt = (tamper, name = 'Key') => person.api.request('POST', '/api/v1/me/passkeys', {
    json: { name, response: new SoftAuthenticator(RP).create(options, tamper) },
  });
  const refusals = [
    [{ origin: 'https://evil.test' }, 400, 'another origin'],
    [{ rpId: 'evil.test' }, 400, 'another RP ID'],
    [{ challenge: Buffer.from('pr.1.2.3.4').toString('base64url') }, 400, 'a forged challenge'],
    [{ type: 'webauthn.get' }, 400, 'an assertion instead of a registration'],
    [{ flags: 0x00 }, 400, 'no user presence'],
  ];
  for (const [tamper, status, what] of refusals) {
    const response = await attempt(tamper);
    assert.equal(response.status, status, `${what}: ${response.text}`);
    assert.equal(response.body.error.field, 'response', what);
  }
  assert.equal((await attempt({}, '')).status, 400, 'an empty name');
  assert.equal((await attempt({}, 'x'.repeat(65))).status, 400, 'a name over 64 characters');
  await person.api.expect(400, 'POST', '/api/v1/me/passkeys', { json: { name: 'Key', response: { type: 'public-key' } }, field: 'response' });
  assert.deepEqual((await person.api.expect(200, 'GET', '/api/v1/me/passkeys')).body.passkeys, []);

  assert.equal((await attempt({})).status, 201, 'the untampered answer registers');
  const reused = await attempt({});
  assert.equal(reused.status, 401, `a second passkey on the same challenge: ${reused.text}`);
  // Another person's registration challenge is not this person's.
  const other = await apiUser(api);
  const stolen = await other.api.request('POST', '/api/v1/me/passkeys', {
    json: { name: 'Key', response: new SoftAuthenticator(RP).create(options) },
  });
  assert.equal(stolen.status, 400, stolen.text);
});

test('a passkey as the second factor: the password answers second_factor_required with passkey options; one answer signs in once', async (t) => {
  const { api } = await setUpApi(t, { env });
  const person = await apiUser(api);
  const { authenticator } = await registered(person);
  const challenge = await passkeyChallenge(api, person);
  assert.deepEqual(challenge.methods, ['passkey']);
  assert.deepEqual(challenge.passkey_options.allowCredentials, [{ type: 'public-key', id: authenticator.id }]);
  assert.equal(Buffer.from(challenge.passkey_options.challenge, 'base64url').toString(), challenge.challenge_id);
  const answer = authenticator.get(challenge.passkey_options);
  const signedIn = await api.expect(200, 'POST', '/api/v1/login/second-factor', {
    json: { challenge_id: challenge.challenge_id, response: answer }, token: null,
  });
  await api.expect(200, 'GET', '/api/v1/me', { token: signedIn.body.token });
  // The same answer again, and a fresh answer to the used challenge, are refused.
  await api.expect(401, 'POST', '/api/v1/login/second-factor', {
    json: { challenge_id: challenge.challenge_id, response: answer }, token: null, code: 'unauthenticated',
  });
  await api.expect(401, 'POST', '/api/v1/login/second-factor', {
    json: { challenge_id: challenge.challenge_id, response: authenticator.get(challenge.passkey_options) }, token: null,
  });
  const listed = (await person.api.expect(200, 'GET', '/api/v1/me/passkeys')).body.passkeys;
  assert.notEqual(listed[0].last_used_at, null, 'the last use is shown');
  const used = (await events(person)).find((event) => event.kind === 'passkey_used');
  assert.match(used.detail, /Passkey "Laptop" \(second factor\)/);
});

test('second-factor refusals: another origin, RP ID or challenge, no presence, a bad signature, a counter that went back, another person\'s passkey', async (t) => {
  const { api } = await setUpApi(t, { env });
  const forger = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const other = await apiUser(api);
  const { authenticator: theirs } = await registered(other, 'Theirs');
  // Each refused answer counts towards the lockout (five), so two people share the cases.
  const cases = [
    [{ origin: 'https://evil.test' }, 'another origin'],
    [{ rpId: 'evil.test' }, 'another RP ID'],
    [{ signer: forger }, 'a signature by another key'],
    [{ signCount: 1 }, 'a counter that did not go up'],
    [{ flags: 0x04 }, 'no user presence'],
    [{ challenge: Buffer.from('si.x.1.2.3').toString('base64url') }, 'another challenge'],
  ];
  for (const group of [cases.slice(0, 4), cases.slice(4)]) {
    const person = await apiUser(api);
    const { authenticator } = await registered(person);
    for (const [tamper, what] of group) {
      const challenge = await passkeyChallenge(api, person);
      const response = await api.request('POST', '/api/v1/login/second-factor', {
        json: { challenge_id: challenge.challenge_id, response: authenticator.get(challenge.passkey_options, tamper) }, token: null,
      });
      assert.equal(response.status, 401, `${what}: ${response.text}`);
      assert.equal(response.body.token, undefined, what);
    }
    const challenge = await passkeyChallenge(api, person);
    await api.expect(401, 'POST', '/api/v1/login/second-factor', {
      json: { challenge_id: challenge.challenge_id, response: theirs.get(challenge.passkey_options) }, token: null,
    });
    // A refusal's audit event is written without holding up the answer (AuthService::
    // record_failure), so the last one may land just after it: wait for it, then count.
    const failures = await waitFor(async () => {
      const found = (await events(person)).filter((event) => event.kind === 'second_factor_failed');
      return found.length >= group.length && found;
    }, { what: 'each refused answer in the audit log' });
    assert.equal(failures.length, group.length, 'each refused answer is in the audit log once');
    // The untampered answer still signs in.
    await api.expect(200, 'POST', '/api/v1/login/second-factor', {
      json: { challenge_id: challenge.challenge_id, response: authenticator.get(challenge.passkey_options) }, token: null,
    });
  }
});

test('passwordless: a discoverable passkey signs in alone with user verification; wrong handle, no verification, unknown or reused answers are refused', async (t) => {
  const { api } = await setUpApi(t, { env });
  const person = await apiUser(api);
  const { authenticator } = await registered(person, 'Phone');
  const options = async () => (await api.expect(200, 'POST', '/api/v1/login/passkey/options', { token: null })).body;
  const first = await options();
  assert.deepEqual(first.allowCredentials, []);
  assert.equal(first.userVerification, 'required');
  assert.equal(first.rpId, 'bank.test');
  const answer = authenticator.get(first);
  const signedIn = await api.expect(200, 'POST', '/api/v1/login/passkey', { json: { response: answer }, token: null });
  assert.ok(signedIn.body.expires_at);
  const me = await api.expect(200, 'GET', '/api/v1/me', { token: signedIn.body.token });
  assert.equal(me.body.email, person.email);
  await api.expect(401, 'POST', '/api/v1/login/passkey', { json: { response: answer }, token: null, code: 'unauthenticated' });

  const refusals = [
    [{ flags: 0x01 }, 401, 'present but not verified'],
    [{ userHandle: Buffer.from('someone else').toString('base64url') }, 401, 'another user handle'],
    [{ userHandle: null }, 401, 'no user handle'],
    [{ origin: 'http://bank.test' }, 401, 'another origin (http)'],
  ];
  for (const [tamper, status, what] of refusals) {
    const response = await api.request('POST', '/api/v1/login/passkey', {
      json: { response: authenticator.get(await options(), tamper) }, token: null,
    });
    assert.equal(response.status, status, `${what}: ${response.text}`);
  }
  const stranger = new SoftAuthenticator(RP);
  stranger.userHandle = 'AAAA';
  await api.expect(401, 'POST', '/api/v1/login/passkey', { json: { response: stranger.get(await options()) }, token: null });
  await api.expect(401, 'POST', '/api/v1/login/passkey', {
    json: { response: authenticator.get({ challenge: Buffer.from('pl.1.2.3').toString('base64url') }) }, token: null,
  });
  const used = (await events(person)).find((event) => event.kind === 'passkey_used');
  assert.match(used.detail, /Passkey "Phone" \(passwordless\)/);
});

test('refused passkey answers count towards the lockout; a locked or removed passkey no longer signs in', async (t) => {
  const { api } = await setUpApi(t, { env });
  const person = await apiUser(api);
  const { authenticator } = await registered(person);
  const forger = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const options = async () => (await api.expect(200, 'POST', '/api/v1/login/passkey/options', { token: null })).body;
  for (let i = 0; i < 4; i += 1) {
    await api.expect(401, 'POST', '/api/v1/login/passkey', {
      json: { response: authenticator.get(await options(), { signer: forger }) }, token: null,
    });
  }
  await api.expect(423, 'POST', '/api/v1/login/passkey', {
    json: { response: authenticator.get(await options(), { signer: forger }) }, token: null, code: 'account_locked',
  });
  await api.expect(423, 'POST', '/api/v1/login/passkey', {
    json: { response: authenticator.get(await options()) }, token: null, code: 'account_locked',
  });
});

test('removal: the passkey is gone, its owner alone may remove it, and the password alone signs in again', async (t) => {
  const { api } = await setUpApi(t, { env });
  const person = await apiUser(api);
  const { authenticator } = await registered(person);
  const other = await apiUser(api);
  await other.api.expect(404, 'DELETE', `/api/v1/me/passkeys/${authenticator.id}`, { code: 'not_found' });
  await person.api.expect(200, 'DELETE', `/api/v1/me/passkeys/${authenticator.id}`);
  await person.api.expect(404, 'DELETE', `/api/v1/me/passkeys/${authenticator.id}`);
  assert.deepEqual((await person.api.expect(200, 'GET', '/api/v1/me/passkeys')).body.passkeys, []);
  await api.expect(200, 'POST', '/api/v1/login', { json: { email: person.email, password: person.password }, token: null });
  const options = (await api.expect(200, 'POST', '/api/v1/login/passkey/options', { token: null })).body;
  await api.expect(401, 'POST', '/api/v1/login/passkey', { json: { response: authenticator.get(options) }, token: null });
  const removed = (await events(person)).find((event) => event.kind === 'passkey_removed');
  assert.match(removed.detail, /Passkey "Laptop"/);
});
