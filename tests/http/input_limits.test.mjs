// What a form may carry (docs/SECURITY.md, "Input, encoding and the HTTP edge"): every text
// field refuses control characters and invalid UTF-8, saying which field, and changes nothing
// (signing in with such an email answers as any wrong email or password does); a form or a
// query string has at most limits::form_fields_max (32) fields.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, startServer, signUp, login, createAccount, balanceOf, allTransactions, csrf, fieldError, formError,
  rawRequest, uniqueEmail, PASSWORD,
} from '../support/server.mjs';
import { apiUser, openAccount, setUpApi } from '../support/api.mjs';

const FORM_FIELDS_MAX = 32;

// A form body where a value may be a Buffer of raw bytes (so that it can be invalid UTF-8).
function formBody(fields) {
  const encode = (value) => (Buffer.isBuffer(value)
    ? [...value].map((byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`).join('')
    : encodeURIComponent(value));
  return Object.entries(fields).map(([name, value]) => `${encodeURIComponent(name)}=${encode(value)}`).join('&');
}

async function postRaw(client, pathname, fields, page = pathname) {
  const token = csrf((await client.get(page)).text);
  assert.ok(token, `a csrf token on ${page}`);
  return client.request('POST', pathname, {
    body: formBody({ csrf_token: token, ...fields }),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

const BAD_TEXT = [
  ['a control character', 'Tea\u0007time'],
  ['a newline', 'two\nlines'],
  ['invalid UTF-8', Buffer.from([0x43, 0x61, 0xff, 0x66, 0xe9])],
];

// A new email address, well formed but for `value` (a string, or raw bytes) in its local part.
function emailAround(value) {
  const [local, domain] = uniqueEmail('ctl').split('@');
  return Buffer.isBuffer(value)
    ? Buffer.concat([Buffer.from(`${local}-`), value, Buffer.from(`@${domain}`)])
    : `${local}-${value}@${domain}`;
}

test('every text field of the pages refuses control characters and invalid UTF-8', async (t) => {
  const server = await startServer(t);
  const { client } = await signUp(server, { full_name: 'Clean Name' });
  const account = await createAccount(client, 'checking', '100');
  const payee = await createAccount(client, 'savings', '0');
  const rowsBefore = (await allTransactions(client)).length;

  for (const [what, value] of BAD_TEXT) {
    const cases = [
      ['/deposit', { account_id: account.account_id, amount: '1.00', description: value }, 'description'],
      ['/withdraw', { account_id: account.account_id, amount: '1.00', description: value, category: '' }, 'description'],
      ['/transfer', { account_id: account.account_id, to_account_number: payee.account_number, amount: '1.00', description: value, category: '' }, 'description'],
      ['/categories', { pattern: value, category: 'dining' }, 'pattern'],
      ['/categories', { pattern: 'cleanpattern', category: value }, 'category'],
      ['/profile', { action: 'profile', full_name: value, phone: '' }, 'full_name'],
      ['/profile', { action: 'profile', full_name: 'Clean Name', phone: value }, 'phone'],
    ];
    for (const [pathname, fields, field] of cases) {
      const response = await postRaw(client, pathname, fields);
      assert.equal(response.status, 400, `${pathname} ${field} with ${what}`);
      assert.ok(fieldError(response.text, field), `${pathname}: error-${field} says what is wrong with ${what}`);
    }
    const guest = new Client(server);
    const email = uniqueEmail('ctl');
    const badEmail = emailAround(value);
    for (const [fields, field] of [
      [{ email, password: PASSWORD, confirm_password: PASSWORD, full_name: value, phone: '' }, 'full_name'],
      [{ email, password: PASSWORD, confirm_password: PASSWORD, full_name: 'Clean', phone: value }, 'phone'],
      [{ email: badEmail, password: PASSWORD, confirm_password: PASSWORD, full_name: 'Clean', phone: '' }, 'email'],
    ]) {
      const response = await postRaw(guest, '/register', fields);
      assert.equal(response.status, 400, `/register ${field} with ${what}`);
      assert.ok(fieldError(response.text, field), `/register: error-${field} with ${what}`);
    }
    assert.equal((await login(new Client(server), email)).status, 401, `no account was made with ${what}`);
    // Signing in with such an email is refused as any wrong email or password is (saying
    // which field would tell what the bank checks), and signs no one in.
    const signIn = await postRaw(guest, '/login', { email: badEmail, password: PASSWORD });
    assert.equal(signIn.status, 401, `/login email with ${what}`);
    assert.match(formError(signIn.text) ?? '', /Invalid email or password/, `/login says why with ${what}`);
    assert.equal((await guest.get('/profile')).status, 303, `/login with ${what} signed no one in`);
  }

  assert.equal(await balanceOf(client, account.account_id), 100_00, 'no money moved');
  assert.equal((await allTransactions(client)).length, rowsBefore, 'no row was written');
  const profile = await client.get('/profile');
  assert.ok(profile.text.includes('Clean Name'), 'the name is unchanged');
  const rules = await client.get('/categories');
  assert.ok(!rules.text.includes('Tea'), 'no rule was added');
  assert.ok(!rules.text.includes('cleanpattern'), 'no rule was added with a refused category');
});

test('every text field of the API refuses control characters and invalid UTF-8', async (t) => {
  const { api } = await setUpApi(t);
  const person = await apiUser(api);
  const account = await openAccount(person.api, 'checking', '100');
  const payee = await openAccount(person.api, 'savings');
  // The JSON text of `json` with `value` (a string, or raw bytes) as the value of `field`.
  const bodyWith = (json, field, value) => {
    const marker = 'VALUE-MARKER';
    const [before, after] = JSON.stringify({ ...json, [field]: marker }).split(marker);
    const inner = Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value).slice(1, -1));
    return Buffer.concat([Buffer.from(before), inner, Buffer.from(after)]);
  };
  const asIs = (value) => value;
  const opening = (await person.api.expect(200, 'GET', '/api/v1/transactions')).body.transactions[0];
  // [path, the rest of the body, the field, how the bad text goes in, the refusal]
  const refused = { status: 400, code: 'validation_failed' };
  const cases = [
    ['/api/v1/me/tokens', { scope: 'read', expires_in_days: 30 }, 'name', asIs, refused],
    [`/api/v1/transactions/${opening.transaction_id}/category`, {}, 'category', asIs, refused],
    ['/api/v1/deposit', { account_id: account.account_id, amount: '1.00' }, 'description', asIs, refused],
    ['/api/v1/withdraw', { account_id: account.account_id, amount: '1.00' }, 'description', asIs, refused],
    ['/api/v1/transfer', { from_account_id: account.account_id, to_account_number: payee.account_number, amount: '1.00' }, 'description', asIs, refused],
    ['/api/v1/register', { email: uniqueEmail('ctl'), password: PASSWORD }, 'full_name', asIs, refused],
    ['/api/v1/register', { password: PASSWORD, full_name: 'Clean' }, 'email', emailAround, refused],
    ['/api/v1/category-rules', { category: 'dining' }, 'pattern', asIs, refused],
    ['/api/v1/category-rules', { pattern: 'cleanpattern' }, 'category', asIs, refused],
    // As any wrong email or password is (saying which field would tell what the bank checks).
    ['/api/v1/login', { password: PASSWORD }, 'email', emailAround, { status: 401, code: 'unauthenticated' }],
  ];
  for (const [what, value] of BAD_TEXT) {
    for (const [pathname, json, field, around, refusal] of cases) {
      const text = around(value);
      const response = await person.api.request('POST', pathname, {
        body: bodyWith(json, field, text), contentType: 'application/json',
      });
      // Invalid UTF-8 is not JSON text: the whole body is refused (400, naming no field).
      const expected = Buffer.isBuffer(value) ? refused : refusal;
      assert.equal(response.status, expected.status, `${pathname} ${field} with ${what}: ${response.text.slice(0, 200)}`);
      assert.equal(response.body.error.code, expected.code, `${pathname} ${field} with ${what}`);
      if (expected.status === 400 && !Buffer.isBuffer(value)) {
        assert.equal(response.body.error.field, field, `${pathname} names ${field} with ${what}`);
      }
    }
  }
  // The history's search text, in the query string.
  for (const [what, value] of BAD_TEXT) {
    const encoded = Buffer.isBuffer(value)
      ? [...value].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('')
      : encodeURIComponent(value);
    const search = await person.api.request('GET', `/api/v1/transactions?q=${encoded}`);
    assert.equal(search.status, 400, `q with ${what}`);
    assert.equal(search.body.error.field, 'q', `the search names q with ${what}`);
  }
  // The Idempotency-Key header (fetch refuses to send such a header: raw bytes).
  const body = JSON.stringify({ account_id: account.account_id, amount: '1.00' });
  const keyed = await rawRequest(person.api.server.port, Buffer.concat([
    Buffer.from(`POST /api/v1/deposit HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${person.api.token}\r\n`),
    Buffer.from('Idempotency-Key: key\u0007bell\r\n'),
    Buffer.from(`Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`),
  ]));
  assert.equal(keyed.status, 400, `an Idempotency-Key with a control character: ${keyed.head}`);
  const tokens = await person.api.expect(200, 'GET', '/api/v1/me/tokens');
  assert.deepEqual(tokens.body.tokens, [], 'no token was made');
  const recategorised = await person.api.expect(200, 'GET', '/api/v1/transactions');
  assert.equal(recategorised.body.transactions[0].category, opening.category, 'the category is unchanged');
  const rules = await person.api.expect(200, 'GET', '/api/v1/category-rules');
  assert.deepEqual(rules.body.rules, [], 'no rule was added');
  const after = await person.api.expect(200, 'GET', `/api/v1/accounts/${account.account_id}`);
  assert.equal(after.body.balance, '100.00', 'no money moved');
  const history = await person.api.expect(200, 'GET', '/api/v1/transactions');
  assert.equal(history.body.transactions.length, 1, 'only the opening deposit');
});

test(`a form or a query string carries at most ${FORM_FIELDS_MAX} fields`, async (t) => {
  const server = await startServer(t);
  const { client } = await signUp(server);
  const account = await createAccount(client, 'checking', '100');
  // csrf_token, account_id, amount, description: 4 fields, padded to the limit and one past it.
  const padded = (count) => Object.fromEntries(Array.from({ length: count - 4 }, (_, i) => [`pad${i}`, 'x']));

  const atLimit = await postRaw(client, '/deposit', { account_id: account.account_id, amount: '1.00', description: 'at the limit', ...padded(FORM_FIELDS_MAX) });
  assert.equal(atLimit.status, 303, `${FORM_FIELDS_MAX} fields are read`);
  const overLimit = await postRaw(client, '/deposit', { account_id: account.account_id, amount: '1.00', description: 'over the limit', ...padded(FORM_FIELDS_MAX + 1) });
  assert.equal(overLimit.status, 400, `${FORM_FIELDS_MAX + 1} fields are refused`);
  assert.equal(await balanceOf(client, account.account_id), 101_00, 'only the deposit within the limit was made');

  const query = (count) => Array.from({ length: count }, (_, i) => `q${i}=x`).join('&');
  assert.equal((await client.get(`/transactions?${query(FORM_FIELDS_MAX)}`)).status, 200, `a query of ${FORM_FIELDS_MAX} fields`);
  assert.equal((await client.get(`/transactions?${query(FORM_FIELDS_MAX + 1)}`)).status, 400, `a query of ${FORM_FIELDS_MAX + 1} fields`);
});
