// A person's sessions and personal access tokens (issue 13), over real HTTP: listing sign-ins
// with their device and address, ending one, "sign out everywhere else", making, using and
// revoking scoped tokens, and the refusals: another person's session id (404), a read token
// on a payment (403 insufficient_scope), a token managing tokens (403), a revoked or unknown
// token (401). Every JSON answer is validated against the OpenAPI document.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, login as formLogin, postForm, register, textOf, PASSWORD,
} from '../support/server.mjs';
import { apiUser, openAccount, setUpApi } from '../support/api.mjs';

async function signInAs(api, email, userAgent) {
  const response = await api.expect(200, 'POST', '/api/v1/login', {
    json: { email, password: PASSWORD }, token: null, headers: { 'user-agent': userAgent },
  });
  return api.as(response.body.token);
}

test('sessions list the device and address, end one by id, and sign out everywhere else', async (t) => {
  const { api } = await setUpApi(t);
  const ann = await apiUser(api);
  const laptop = await signInAs(api, ann.email, 'Laptop/1.0 (X11; Linux)');
  const phone = await signInAs(api, ann.email, 'Phone/2.0 (Android)');

  const listed = await laptop.expect(200, 'GET', '/api/v1/me/sessions');
  const sessions = listed.body.sessions;
  assert.equal(sessions.length, 3, 'apiUser signed in once, then the laptop and the phone');
  const current = sessions.filter((s) => s.current);
  assert.equal(current.length, 1, 'exactly one is this one');
  assert.equal(current[0].user_agent, 'Laptop/1.0 (X11; Linux)');
  assert.equal(current[0].address, '127.0.0.1');
  const phoneSession = sessions.find((s) => s.user_agent === 'Phone/2.0 (Android)');
  assert.ok(phoneSession, 'the phone is listed with its User-Agent');
  for (const token of [ann.token, laptop.token, phone.token]) {
    assert.ok(!listed.text.includes(token), 'no session token is ever in the answer');
  }

  await laptop.expect(200, 'DELETE', `/api/v1/me/sessions/${phoneSession.session_id}`);
  await phone.expect(401, 'GET', '/api/v1/me', { code: 'unauthenticated' });
  await laptop.expect(404, 'DELETE', `/api/v1/me/sessions/${phoneSession.session_id}`,
    { code: 'not_found' });

  await laptop.expect(200, 'POST', '/api/v1/me/sessions/revoke-others');
  await ann.api.expect(401, 'GET', '/api/v1/me');
  const after = await laptop.expect(200, 'GET', '/api/v1/me/sessions');
  assert.deepEqual(after.body.sessions.map((s) => s.current), [true], 'only this one is left');
  const events = await laptop.expect(200, 'GET', '/api/v1/me/security-events');
  const kinds = events.body.events.map((e) => e.kind);
  assert.ok(kinds.includes('session_ended') && kinds.includes('other_sessions_ended'), kinds.join());
});

test("another person's session or token id is not found, and changes nothing", async (t) => {
  const { api } = await setUpApi(t);
  const ann = await apiUser(api);
  const bob = await apiUser(api);
  const [bobSession] = (await bob.api.expect(200, 'GET', '/api/v1/me/sessions')).body.sessions;
  const bobToken = await bob.api.expect(201, 'POST', '/api/v1/me/tokens', {
    json: { name: 'Bob script', scope: 'read', expires_in_days: 7 },
  });
  await ann.api.expect(404, 'DELETE', `/api/v1/me/sessions/${bobSession.session_id}`, { code: 'not_found' });
  await ann.api.expect(404, 'DELETE', `/api/v1/me/tokens/${bobToken.body.token_id}`, { code: 'not_found' });
  await ann.api.expect(404, 'DELETE', `/api/v1/me/tokens/${bobSession.session_id}`,
    { code: 'not_found' });
  await bob.api.expect(200, 'GET', '/api/v1/me');
  await bob.api.as(bobToken.body.token).expect(200, 'GET', '/api/v1/accounts');
});

test('a read token reads but cannot move money; a payments token can; revoked means 401', async (t) => {
  const { api } = await setUpApi(t);
  const ann = await apiUser(api);
  const account = await openAccount(ann.api, 'checking', '100.00');
  const read = await ann.api.expect(201, 'POST', '/api/v1/me/tokens', {
    json: { name: 'Budget app', scope: 'read', expires_in_days: 30 },
  });
  assert.match(read.body.token, /^[0-9a-f]{64}$/);
  assert.equal(read.body.scope, 'read');
  const reader = ann.api.as(read.body.token);
  await reader.expect(200, 'GET', '/api/v1/accounts');
  await reader.expect(200, 'GET', '/api/v1/transactions');
  await reader.expect(200, 'GET', '/api/v1/analytics');
  const refused = await reader.expect(403, 'POST', '/api/v1/withdraw', {
    json: { account_id: account.account_id, amount: '1.00' }, code: 'insufficient_scope',
  });
  assert.match(refused.body.error.message, /read scope/);
  await reader.expect(403, 'POST', '/api/v1/me/tokens', {
    json: { name: 'Escalate', scope: 'payments', expires_in_days: 1 }, code: 'insufficient_scope',
  });
  await reader.expect(403, 'GET', '/api/v1/me/tokens', { code: 'insufficient_scope' });
  const balance = (await ann.api.expect(200, 'GET', `/api/v1/accounts/${account.account_id}`)).body.balance;
  assert.equal(balance, '100.00', 'the refused withdrawal moved nothing');

  const pay = await ann.api.expect(201, 'POST', '/api/v1/me/tokens', {
    json: { name: 'Bill payer', scope: 'payments', expires_in_days: 365 },
  });
  await ann.api.as(pay.body.token).expect(201, 'POST', '/api/v1/withdraw', {
    json: { account_id: account.account_id, amount: '1.00' },
  });

  const listed = await ann.api.expect(200, 'GET', '/api/v1/me/tokens');
  assert.deepEqual(listed.body.tokens.map((x) => x.name), ['Bill payer', 'Budget app']);
  assert.ok(!listed.text.includes(read.body.token) && !listed.text.includes(pay.body.token),
    'no token secret in the list');
  const sessions = await ann.api.expect(200, 'GET', '/api/v1/me/sessions');
  assert.equal(sessions.body.sessions.length, 1, 'tokens are not sessions');

  await ann.api.expect(200, 'DELETE', `/api/v1/me/tokens/${read.body.token_id}`);
  await reader.expect(401, 'GET', '/api/v1/accounts', { code: 'unauthenticated' });
  await ann.api.expect(401, 'GET', '/api/v1/accounts', { token: 'f'.repeat(64) });
});

test('token requests are checked: name, scope and 1 to 365 days', async (t) => {
  const { api } = await setUpApi(t);
  const ann = await apiUser(api);
  const bad = [
    [{ name: '', scope: 'read', expires_in_days: 1 }, 'name'],
    [{ name: 'x', scope: 'full', expires_in_days: 1 }, 'scope'],
    [{ name: 'x', scope: 'read', expires_in_days: 0 }, 'expires_in_days'],
    [{ name: 'x', scope: 'read', expires_in_days: 366 }, 'expires_in_days'],
    [{ name: 'x', scope: 'read', expires_in_days: '30' }, 'expires_in_days'],
  ];
  for (const [json, field] of bad) {
    await ann.api.expect(400, 'POST', '/api/v1/me/tokens', { json, field, code: 'validation_failed' });
  }
  const listed = await ann.api.expect(200, 'GET', '/api/v1/me/tokens');
  assert.equal(listed.body.tokens.length, 0, 'nothing was made');
});

test('/profile lists sessions and tokens, makes a token shown once, and signs out elsewhere', async (t) => {
  const { server, api } = await setUpApi(t);
  const client = new Client(server);
  const registered = await register(client);
  assert.equal(registered.status, 303);
  assert.equal((await formLogin(client, registered.email)).status, 303);
  const other = await api.expect(200, 'POST', '/api/v1/login', {
    json: { email: registered.email, password: PASSWORD }, token: null, headers: { 'user-agent': 'Other/9' },
  });

  const profile = await client.get('/profile');
  assert.equal(profile.status, 200);
  assert.match(textOf(profile.text), /Other\/9/, 'the other session is listed');
  assert.match(textOf(profile.text), /This session/);

  const made = await postForm(client, '/profile/tokens', { name: 'Spreadsheet', scope: 'read', expires_in_days: '30' },
    { page: '/profile' });
  assert.equal(made.status, 200, 'the new token is shown on the answer itself, once');
  const token = /id="new-token"[^>]*>([0-9a-f]{64})</.exec(made.text)?.[1];
  assert.ok(token, 'the token is on the page');
  await api.as(token).expect(200, 'GET', '/api/v1/accounts');
  const again = await client.get('/profile');
  assert.ok(!again.text.includes(token), 'never shown again');
  assert.match(textOf(again.text), /Spreadsheet/);

  const signedOut = await postForm(client, '/profile/sessions/revoke-others', {}, { page: '/profile' });
  assert.equal(signedOut.status, 303);
  await api.as(other.body.token).expect(401, 'GET', '/api/v1/me');
  assert.equal((await client.get('/profile')).status, 200, 'this session stays');
});
