// JSON API v1, signing up and in: the OpenAPI document itself, register, login, me, logout,
// lockout, the login rate limit, calls without a token, and cookie-authenticated API calls
// (which need the X-CSRF-Token header). Every JSON response is validated against the OpenAPI
// document the server serves.
//
// The server allows 5 registrations per client address per hour, so tests that register more
// than a few people start their own server.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  Client, login as formLogin, csrf, BANK_SOURCE_DIR, register as formRegister, formError,
} from '../support/server.mjs';
import {
  apiUser, openAccount, setUpApi, uniqueEmail, PASSWORD,
} from '../support/api.mjs';

// The endpoints of the issue (#3), each with its method.
const CONTRACT = [
  ['POST', '/api/v1/register'], ['POST', '/api/v1/login'], ['POST', '/api/v1/logout'],
  ['GET', '/api/v1/me'], ['GET', '/api/v1/accounts'], ['POST', '/api/v1/accounts'],
  ['GET', '/api/v1/accounts/{account_id}'], ['POST', '/api/v1/deposit'], ['POST', '/api/v1/withdraw'],
  ['POST', '/api/v1/transfer'], ['GET', '/api/v1/transactions'], ['GET', '/api/v1/analytics'],
  ['GET', '/api/v1/openapi.json'],
];

const setUp = setUpApi;

test('GET /api/v1/openapi.json is the OpenAPI 3.1 document of every endpoint of the contract', async (t) => {
  const { server, spec } = await setUp(t);
  const documented = new Set(spec.operations().map(({ method, template }) => `${method} ${template}`));
  for (const [method, template] of CONTRACT) {
    assert.ok(documented.has(`${method} ${template}`), `${method} ${template} is documented`);
  }
  const onDisk = JSON.parse(fs.readFileSync(path.join(BANK_SOURCE_DIR, 'web', 'openapi.json'), 'utf8'));
  assert.deepEqual(spec.document, onDisk, 'the served document is web/openapi.json');
  // Every documented error response is the common error shape.
  for (const { method, template } of spec.operations()) {
    const op = spec.document.paths[template][method.toLowerCase()];
    for (const [status, response] of Object.entries(op.responses)) {
      if (Number(status) < 400) continue;
      assert.equal(response.content?.['application/json']?.schema?.$ref, '#/components/schemas/Error',
        `${method} ${template} ${status} is an Error`);
    }
  }
  const response = await fetch(`${server.url}/api/v1/openapi.json`);
  assert.equal(response.status, 200);
});

test('POST /api/v1/register: 201, 400, 409, 413, 415', async (t) => {
  const { api } = await setUp(t);
  const email = uniqueEmail('reg');

  const created = await api.expect(201, 'POST', '/api/v1/register', {
    json: { email, password: PASSWORD, full_name: 'Ada Lovelace', phone: '+44 20 7946 0000' },
  });
  assert.equal(created.body.email, email);
  assert.equal(created.body.full_name, 'Ada Lovelace');
  assert.ok(!created.text.includes(PASSWORD), 'the password is not echoed');

  await api.expect(409, 'POST', '/api/v1/register', {
    json: { email, password: PASSWORD, full_name: 'Someone Else' },
  });

  // Validation: each refused before any registration is counted.
  const cases = [
    [{ password: PASSWORD, full_name: 'No Email' }, 'email'],
    [{ email: uniqueEmail(), full_name: 'No Password' }, 'password'],
    [{ email: uniqueEmail(), password: PASSWORD }, 'full_name'],
    [{ email: 'not-an-email', password: PASSWORD, full_name: 'Bad Email' }, 'email'],
    [{ email: uniqueEmail(), password: 'short', full_name: 'Short Password' }, 'password'],
    [{ email: uniqueEmail(), password: PASSWORD, full_name: 'Extra', admin: true }, 'admin'],
    [{ email: uniqueEmail(), password: PASSWORD, full_name: 42 }, 'full_name'],
  ];
  for (const [json, field] of cases) {
    await api.expect(400, 'POST', '/api/v1/register', { json, code: 'validation_failed', field });
  }
  await api.expect(400, 'POST', '/api/v1/register', {
    body: '{"email": ', contentType: 'application/json', code: 'validation_failed',
  });
  await api.expect(400, 'POST', '/api/v1/register', {
    body: '["a", "b"]', contentType: 'application/json', code: 'validation_failed',
  });

  await api.expect(415, 'POST', '/api/v1/register', {
    body: JSON.stringify({ email: uniqueEmail(), password: PASSWORD, full_name: 'Plain Text' }),
    contentType: 'text/plain', code: 'unsupported_media_type',
  });
  await api.expect(415, 'POST', '/api/v1/register', {
    body: new URLSearchParams({ email: uniqueEmail(), password: PASSWORD, full_name: 'Form' }).toString(),
    contentType: 'application/x-www-form-urlencoded', code: 'unsupported_media_type',
  });
  await api.expect(413, 'POST', '/api/v1/register', {
    json: { email: uniqueEmail(), password: PASSWORD, full_name: 'x'.repeat(70 * 1024) },
    code: 'payload_too_large',
  });
});

test('registrations beyond 5 per address per hour are refused with 429 rate_limited', async (t) => {
  const { api } = await setUp(t);
  for (let i = 0; i < 5; i += 1) {
    await api.expect(201, 'POST', '/api/v1/register', {
      json: { email: uniqueEmail(`limit${i}`), password: PASSWORD, full_name: 'Rate Limit' },
    });
  }
  const refused = await api.expect(429, 'POST', '/api/v1/register', {
    json: { email: uniqueEmail('limit6'), password: PASSWORD, full_name: 'Rate Limit' }, code: 'rate_limited',
  });
  assert.match(refused.headers.get('retry-after') ?? '', /^\d+$/, 'Retry-After says how many seconds');
});

test('login, me, logout: the token works until logout, then 401 at once', async (t) => {
  const { api } = await setUp(t);
  const email = uniqueEmail('login');
  const registered = await api.expect(201, 'POST', '/api/v1/register', {
    json: { email, password: PASSWORD, full_name: 'Katherine Johnson', phone: '555-0100' },
  });

  const first = await api.expect(200, 'POST', '/api/v1/login', { json: { email, password: PASSWORD } });
  assert.ok(Date.parse(first.body.expires_at) > Date.now(), 'expires_at is in the future');
  assert.match(first.body.expires_at, /Z$|\+00:00$/, 'expires_at is UTC');
  const second = await api.expect(200, 'POST', '/api/v1/login', {
    json: { email: email.toUpperCase(), password: PASSWORD },
  });
  assert.notEqual(first.body.token, second.body.token, 'each login is its own session');

  const me = await api.expect(200, 'GET', '/api/v1/me', { token: first.body.token });
  assert.equal(me.body.user_id, registered.body.user_id);
  assert.equal(me.body.email, email);
  assert.equal(me.body.full_name, 'Katherine Johnson');
  assert.equal(me.body.role, 'customer');

  // Wrong credentials, malformed requests.
  await api.expect(401, 'POST', '/api/v1/login', { json: { email, password: 'Wrong-passw0rd' }, code: 'unauthenticated' });
  await api.expect(401, 'POST', '/api/v1/login', {
    json: { email: uniqueEmail('nobody'), password: PASSWORD }, code: 'unauthenticated',
  });
  await api.expect(400, 'POST', '/api/v1/login', { json: { email }, code: 'validation_failed', field: 'password' });
  await api.expect(400, 'POST', '/api/v1/login', {
    json: { email, password: PASSWORD, remember: true }, code: 'validation_failed', field: 'remember',
  });
  await api.expect(415, 'POST', '/api/v1/login', {
    body: JSON.stringify({ email, password: PASSWORD }), contentType: 'text/plain', code: 'unsupported_media_type',
  });

  const out = await api.expect(200, 'POST', '/api/v1/logout', { token: first.body.token });
  assert.equal(out.body.signed_out, true);
  await api.expect(401, 'GET', '/api/v1/me', { token: first.body.token, code: 'unauthenticated' });
  await api.expect(401, 'GET', '/api/v1/accounts', { token: first.body.token, code: 'unauthenticated' });
  await api.expect(401, 'POST', '/api/v1/accounts', {
    token: first.body.token, json: { account_type: 'checking' }, code: 'unauthenticated',
  });
  await api.expect(401, 'POST', '/api/v1/logout', { token: first.body.token, code: 'unauthenticated' });
  // Only that session ended.
  await api.expect(200, 'GET', '/api/v1/me', { token: second.body.token });
});

test('every signed-in endpoint answers 401 without a token or with a bad one', async (t) => {
  const { api, spec } = await setUp(t);
  const concrete = (template) => template.replace('{account_id}', '0123456789abcdef0123456789abcdef');
  const secured = spec.operations().filter(({ method, template }) => {
    const op = spec.document.paths[template][method.toLowerCase()];
    return (op.security ?? spec.document.security ?? []).length > 0;
  });
  const names = secured.map(({ method, template }) => `${method} ${template}`);
  for (const expected of ['POST /api/v1/logout', 'GET /api/v1/me', 'GET /api/v1/accounts', 'POST /api/v1/accounts',
    'GET /api/v1/accounts/{account_id}', 'POST /api/v1/deposit', 'POST /api/v1/withdraw', 'POST /api/v1/transfer',
    'GET /api/v1/transactions', 'GET /api/v1/analytics']) {
    assert.ok(names.includes(expected), `${expected} needs a token in the document`);
  }
  for (const { method, template } of secured) {
    const options = method === 'POST' ? { json: {} } : {};
    await api.expect(401, method, concrete(template), { ...options, token: null, code: 'unauthenticated' });
    await api.expect(401, method, concrete(template), { ...options, token: 'f'.repeat(64), code: 'unauthenticated' });
  }
});

test('five wrong passwords lock signing in: 423 account_locked', async (t) => {
  const { api } = await setUp(t);
  const { email } = await apiUser(api);
  for (let attempt = 1; attempt <= 4; attempt += 1) {
    await api.expect(401, 'POST', '/api/v1/login', { json: { email, password: `Wrong-passw0rd${attempt}` }, code: 'unauthenticated' });
  }
  const fifth = await api.request('POST', '/api/v1/login', { json: { email, password: 'Wrong-passw0rd5' } });
  assert.ok([401, 423].includes(fifth.status), `the fifth wrong password: ${fifth.status}`);
  const locked = await api.expect(423, 'POST', '/api/v1/login', { json: { email, password: PASSWORD }, code: 'account_locked' });
  assert.ok(!('token' in locked.body));
});

test('logins beyond BANK_LOGINS_PER_MINUTE from one address: 429 rate_limited with Retry-After', async (t) => {
  const { api } = await setUp(t, { env: { BANK_LOGINS_PER_MINUTE: '3' } });
  for (let i = 0; i < 3; i += 1) {
    await api.expect(401, 'POST', '/api/v1/login', { json: { email: uniqueEmail('rl'), password: PASSWORD }, code: 'unauthenticated' });
  }
  const refused = await api.expect(429, 'POST', '/api/v1/login', {
    json: { email: uniqueEmail('rl'), password: PASSWORD }, code: 'rate_limited',
  });
  const retryAfter = refused.headers.get('retry-after');
  assert.match(retryAfter ?? '', /^\d+$/, 'Retry-After is a number of seconds');
  assert.ok(Number(retryAfter) >= 1 && Number(retryAfter) <= 60, `Retry-After ${retryAfter} is within the minute`);
  // Other API calls are not login attempts.
  await api.expect(201, 'POST', '/api/v1/register', {
    json: { email: uniqueEmail('rl'), password: PASSWORD, full_name: 'Still Allowed' },
  });
});

test('cookie-authenticated API calls need X-CSRF-Token; bearer calls do not', async (t) => {
  const { server, spec, api } = await setUp(t);
  const person = await apiUser(api);
  const account = await openAccount(person.api, 'checking');

  const browser = new Client(server);
  const signedIn = await formLogin(browser, person.email, person.password);
  assert.equal(signedIn.status, 303, 'signed in through the /login form');
  const page = await browser.get('/dashboard');
  assert.equal(page.status, 200);
  const token = csrf(page.text);
  assert.ok(token, 'the page carries a csrf token');
  const cookieApi = {
    async call(method, pathname, json, headers = {}) {
      const response = await browser.request(method, pathname, {
        body: json === undefined ? undefined : JSON.stringify(json),
        headers: json === undefined ? headers : { 'content-type': 'application/json', ...headers },
      });
      return { ...response, body: spec.check(method, pathname, response) };
    },
  };
  const deposit = { account_id: account.account_id, amount: '12.50' };

  await t.test('GET with the cookie alone works', async () => {
    const me = await cookieApi.call('GET', '/api/v1/me');
    assert.equal(me.status, 200);
    assert.equal(me.body.email, person.email);
  });

  await t.test('POST with the cookie and X-CSRF-Token works', async () => {
    const posted = await cookieApi.call('POST', '/api/v1/deposit', deposit, { 'x-csrf-token': token });
    assert.equal(posted.status, 201, posted.text);
    assert.equal(posted.body.balance, '12.50');
  });

  await t.test('POST with the cookie but no X-CSRF-Token: 403 forbidden, nothing posted', async () => {
    const response = await browser.request('POST', '/api/v1/deposit', {
      body: JSON.stringify(deposit), headers: { 'content-type': 'application/json' },
    });
    assert.equal(response.status, 403, response.text);
    assert.equal(JSON.parse(response.text).error.code, 'forbidden');
    const wrong = await browser.request('POST', '/api/v1/deposit', {
      body: JSON.stringify(deposit), headers: { 'content-type': 'application/json', 'x-csrf-token': 'a'.repeat(64) },
    });
    assert.equal(wrong.status, 403, 'a wrong X-CSRF-Token is refused too');
    const balance = await person.api.expect(200, 'GET', `/api/v1/accounts/${account.account_id}`);
    assert.equal(balance.body.balance, '12.50', 'the refused deposits were not posted');
    // Last, so that the checks above run even when the document lacks the status.
    spec.check('POST', '/api/v1/deposit', response);
  });

  await t.test('the bearer token needs no CSRF header', async () => {
    const posted = await person.api.expect(201, 'POST', '/api/v1/deposit', { json: deposit });
    assert.equal(posted.body.balance, '25.00');
  });

  await t.test('logout by cookie needs the header too, and ends the cookie session', async () => {
    const refused = await browser.request('POST', '/api/v1/logout', {});
    assert.equal(refused.status, 403, refused.text);
    const out = await cookieApi.call('POST', '/api/v1/logout', undefined, { 'x-csrf-token': token });
    assert.equal(out.status, 200, out.text);
    const after = await browser.request('GET', '/api/v1/me', {});
    assert.equal(after.status, 401);
    spec.check('GET', '/api/v1/me', after);
    spec.check('POST', '/api/v1/logout', refused);
  });
});

test('the /register page past the limit: 429 with the API\'s Retry-After and when to try again', async (t) => {
  const { server, api } = await setUp(t);
  // Five sign-ups from this address (the API and the page count together), the first just now.
  for (let i = 0; i < 5; i += 1) {
    await api.expect(201, 'POST', '/api/v1/register', {
      json: { email: uniqueEmail(`pagelimit${i}`), password: PASSWORD, full_name: 'Rate Limit' },
    });
  }
  const refused = await formRegister(new Client(server), { full_name: 'Page Limit' });
  assert.equal(refused.status, 429);
  const seconds = Number(refused.headers.get('retry-after'));
  assert.match(refused.headers.get('retry-after') ?? '', /^\d+$/, 'Retry-After is a number of seconds');
  // The first of the five leaves the hour's window about an hour after it: not a fixed minute.
  assert.ok(seconds > 60 && seconds <= 60 * 60, `Retry-After ${seconds} counts to the hour's end`);
  const message = formError(refused.text) ?? '';
  const said = message.match(/^Too many registrations from your address\. Please try again in (\d+) minutes\.$/);
  assert.ok(said, `the page says when to try again: ${message}`);
  const minutes = Math.ceil(seconds / 60);
  assert.ok(Number(said[1]) === minutes || Number(said[1]) === minutes + 1, `${said[1]} minutes for ${seconds} s`);
  const viaApi = await api.expect(429, 'POST', '/api/v1/register', {
    json: { email: uniqueEmail('pagelimit6'), password: PASSWORD, full_name: 'Rate Limit' }, code: 'rate_limited',
  });
  const apiSeconds = Number(viaApi.headers.get('retry-after'));
  assert.ok(apiSeconds <= seconds && apiSeconds >= seconds - 5, `the API's ${apiSeconds} and the page's ${seconds} agree`);
  assert.match(viaApi.body.error.message, /try again in \d+ minutes\./);
});
