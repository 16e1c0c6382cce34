// An administrator disables and enables a person (issue 13), over real HTTP on either store:
// every session and access token of the person ends at once, signing in is refused with a
// clear message (only to the holder of the right password), enabling lets them back in, and
// both audit logs record it. Only administrators may do it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  BANK_BINARY, Client, flash, login as formLogin, postForm, PASSWORD,
} from '../support/server.mjs';
import { apiUser, setUpApi } from '../support/api.mjs';

function grantAdmin(server, email) {
  const env = { ...process.env, ...(server.tablePrefix ? { BANK_DYNAMODB_TABLE_PREFIX: server.tablePrefix } : {}) };
  execFileSync(BANK_BINARY, ['admin', 'grant', email, '--db', server.db], { env, timeout: 30_000 });
}

test('disabling ends every session and token at once; enabling lets the person sign in again', async (t) => {
  const { server, api } = await setUpApi(t);
  const admin = await apiUser(api, { full_name: 'Root Admin' });
  grantAdmin(server, admin.email);
  const ann = await apiUser(api);
  const token = await ann.api.expect(201, 'POST', '/api/v1/me/tokens', {
    json: { name: 'Script', scope: 'payments', expires_in_days: 30 },
  });

  await ann.api.expect(403, 'POST', `/api/v1/admin/users/${admin.user.user_id}/disable`, { code: 'forbidden' });
  await admin.api.expect(400, 'POST', `/api/v1/admin/users/${admin.user.user_id}/disable`,
    { code: 'validation_failed' });
  await admin.api.expect(404, 'POST', '/api/v1/admin/users/no-such-person/disable', { code: 'not_found' });

  // Both used first, so the server keeps them (service/session_cache.hpp) when she is disabled.
  await ann.api.expect(200, 'GET', '/api/v1/me');
  await ann.api.as(token.body.token).expect(200, 'GET', '/api/v1/accounts');
  const disabled = await admin.api.expect(200, 'POST', `/api/v1/admin/users/${ann.user.user_id}/disable`);
  assert.equal(disabled.body.disabled, true);
  await ann.api.expect(401, 'GET', '/api/v1/me', { code: 'unauthenticated' });
  await ann.api.as(token.body.token).expect(401, 'GET', '/api/v1/accounts');
  const refused = await api.expect(403, 'POST', '/api/v1/login', {
    json: { email: ann.email, password: PASSWORD }, token: null, code: 'account_disabled',
  });
  assert.match(refused.body.error.message, /disabled/);
  await api.expect(401, 'POST', '/api/v1/login', {
    json: { email: ann.email, password: 'Not-the-passw0rd' }, token: null, code: 'unauthenticated',
  });

  await admin.api.expect(200, 'POST', `/api/v1/admin/users/${ann.user.user_id}/enable`);
  const back = await api.expect(200, 'POST', '/api/v1/login', { json: { email: ann.email, password: PASSWORD }, token: null });
  await ann.api.as(token.body.token).expect(401, 'GET', '/api/v1/accounts', { code: 'unauthenticated' });
  const events = await api.as(back.body.token).expect(200, 'GET', '/api/v1/me/security-events');
  const kinds = events.body.events.map((e) => e.kind);
  assert.ok(kinds.includes('account_disabled') && kinds.includes('account_enabled'), kinds.join());
  const own = await admin.api.expect(200, 'GET', '/api/v1/me/security-events');
  const actions = own.body.events.filter((e) => e.kind === 'admin_action').map((e) => e.detail);
  assert.ok(actions.some((d) => d.startsWith(`Disabled ${ann.email}`)), actions.join());
  assert.ok(actions.some((d) => d.startsWith(`Enabled ${ann.email}`)), actions.join());
});

test('the admin page disables a person by email and the sign-in page says why', async (t) => {
  const { server, api } = await setUpApi(t);
  const admin = await apiUser(api);
  grantAdmin(server, admin.email);
  const ann = await apiUser(api);
  const adminClient = new Client(server);
  assert.equal((await formLogin(adminClient, admin.email)).status, 303);
  const annClient = new Client(server);
  assert.equal((await formLogin(annClient, ann.email)).status, 303);

  const done = await postForm(adminClient, '/admin/users/access', { email: ann.email, action: 'disable' }, { page: '/admin' });
  assert.equal(done.status, 303);
  assert.match(flash((await adminClient.get('/admin')).text)?.text || '', /is disabled/);
  assert.equal((await annClient.get('/dashboard')).status, 303, 'the page session ended: sent to sign in');
  const again = await formLogin(new Client(server), ann.email);
  assert.equal(again.status, 403);
  assert.match(again.text, /disabled by the bank/);
});
