// JSON API v1 rate limits: BANK_API_REQUESTS_PER_MINUTE per bearer token and, for calls without a
// token, per client address; the refusal is 429 rate_limited with Retry-After. Every JSON
// response is validated against the OpenAPI document the server serves.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  Api, OpenApi, openAccount, setUpApi, startApiServer, uniqueEmail, PASSWORD,
} from '../support/api.mjs';
import { waitFor } from '../support/wait.mjs';

const LIMIT = 8;

function assertRetryAfter(response) {
  const value = response.headers.get('retry-after');
  assert.match(value ?? '', /^\d+$/, `Retry-After is a number of seconds: ${value}`);
  assert.ok(Number(value) >= 1 && Number(value) <= 60, `Retry-After ${value} is within the minute`);
}

test('API requests beyond BANK_API_REQUESTS_PER_MINUTE: 429 rate_limited with Retry-After, per token and per address', async (t) => {
  const server = await startApiServer(t, { env: { BANK_API_REQUESTS_PER_MINUTE: String(LIMIT) } });
  // The document is fetched outside the limited paths' budget accounting below: it is call 1
  // from this address.
  const response = await fetch(`${server.url}/api/v1/openapi.json`);
  assert.equal(response.status, 200);
  const spec = new OpenApi(await response.json());
  const api = new Api(server, spec);
  let fromAddress = 1;

  const email = uniqueEmail('limits');
  await api.expect(201, 'POST', '/api/v1/register', { json: { email, password: PASSWORD, full_name: 'Rate Limited' } });
  const first = (await api.expect(200, 'POST', '/api/v1/login', { json: { email, password: PASSWORD } })).body.token;
  const second = (await api.expect(200, 'POST', '/api/v1/login', { json: { email, password: PASSWORD } })).body.token;
  fromAddress += 3;

  // Per token: LIMIT calls pass, the next is refused, whatever the endpoint.
  const user = api.as(first);
  const account = await openAccount(user, 'checking', '5');
  for (let i = 1; i < LIMIT; i += 1) await user.expect(200, 'GET', '/api/v1/me');
  const refused = await user.expect(429, 'GET', '/api/v1/me', { code: 'rate_limited' });
  assertRetryAfter(refused);
  assertRetryAfter(await user.expect(429, 'GET', '/api/v1/accounts', { code: 'rate_limited' }));
  assertRetryAfter(await user.expect(429, 'POST', '/api/v1/deposit', {
    json: { account_id: account.account_id, amount: '1.00' }, code: 'rate_limited',
  }));
  assertRetryAfter(await user.expect(429, 'GET', '/api/v1/transactions', { code: 'rate_limited' }));

  // Another token of the same person has its own budget.
  const other = api.as(second);
  const balance = await other.expect(200, 'GET', `/api/v1/accounts/${account.account_id}`);
  assert.equal(balance.body.balance, '5.00', 'the refused deposit was not posted');

  // Without a token the client address is the key.
  for (; fromAddress < LIMIT; fromAddress += 1) {
    await api.expect(401, 'GET', '/api/v1/me', { token: null, code: 'unauthenticated' });
  }
  assertRetryAfter(await api.expect(429, 'GET', '/api/v1/me', { token: null, code: 'rate_limited' }));
  assertRetryAfter(await api.expect(429, 'POST', '/api/v1/login', {
    token: null, json: { email, password: PASSWORD }, code: 'rate_limited',
  }));
  assertRetryAfter(await api.expect(429, 'POST', '/api/v1/register', {
    token: null, json: { email: uniqueEmail(), password: PASSWORD, full_name: 'Too Late' }, code: 'rate_limited',
  }));
  // The tokens are limited on their own, not by the address.
  await other.expect(200, 'GET', '/api/v1/me');
});

test('after the registration limit, Retry-After counts down to the moment the address may register again', async (t) => {
  const { api } = await setUpApi(t);
  // limits::registrations_per_address_max (5) per limits::registration_window (an hour).
  const registeringFrom = Date.now();
  for (let i = 0; i < 5; i += 1) {
    await api.expect(201, 'POST', '/api/v1/register', { json: { email: uniqueEmail('reg'), password: PASSWORD, full_name: 'Early Bird' } });
  }
  const refuse = async () => {
    const sentAt = Date.now();
    const refused = await api.expect(429, 'POST', '/api/v1/register', {
      json: { email: uniqueEmail('late'), password: PASSWORD, full_name: 'Too Late' }, code: 'rate_limited',
    });
    const value = refused.headers.get('retry-after');
    assert.match(value ?? '', /^\d+$/, `Retry-After is a number of seconds: ${value}`);
    return { seconds: Number(value), sentAt, at: Date.now() };
  };
  const first = await refuse();
  // The first of the five registrations was sent at registeringFrom: the address gets in an
  // hour after it (bounds from the test's own clock, whatever the machine's speed).
  const sinceFirstRegistration = (first.at - registeringFrom) / 1000;
  assert.ok(first.seconds <= 3600 && first.seconds >= 3600 - sinceFirstRegistration - 1,
    `Retry-After ${first.seconds} is the rest of the hour (${sinceFirstRegistration.toFixed(1)} s after the first registration)`);
  let later;
  await waitFor(async () => {
    later = await refuse();
    return later.seconds < first.seconds - 1;
  }, { timeoutMs: 30_000, intervalMs: 500, what: 'Retry-After to count down' });
  // It counts down with the clock (a repeated full window would keep a client waiting
  // forever), and never faster than time passes between the two requests.
  const fell = first.seconds - later.seconds;
  const atMost = (later.at - first.sentAt) / 1000;
  assert.ok(fell <= atMost + 1, `Retry-After fell by ${fell} s in at most ${atMost.toFixed(1)} s`);
});
