// What protects a customer: headers, CSRF, sessions, ownership checks, escaping, sign-in
// lockout, registration limits and local-only redirects.
//
// The server allows 5 registrations per client address per hour, so every test that registers
// people starts its own server.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, startServer, signUp, register, login, postForm, createAccount, deposit, balanceOf,
  allTransactions, accountById, csrf, formError, fieldError, uniqueEmail, textOf, PASSWORD,
} from '../support/server.mjs';

function directives(csp) {
  const map = {};
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map[name.toLowerCase()] = values;
  }
  return map;
}

function assertSecurityHeaders(response, what) {
  const csp = response.headers.get('content-security-policy');
  assert.ok(csp, `${what}: Content-Security-Policy is present`);
  const policy = directives(csp);
  const scripts = policy['script-src'] ?? policy['default-src'];
  assert.ok(scripts, `${what}: CSP restricts scripts (script-src or default-src): ${csp}`);
  assert.ok(!scripts.includes("'unsafe-inline'"), `${what}: scripts may not be inline: ${csp}`);
  assert.ok(!scripts.includes('*'), `${what}: scripts may not come from anywhere: ${csp}`);
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff', `${what}: X-Content-Type-Options`);
  assert.equal(response.headers.get('x-frame-options')?.toUpperCase(), 'DENY', `${what}: X-Frame-Options`);
  assert.ok(response.headers.get('referrer-policy'), `${what}: Referrer-Policy is present`);
}

function assertNoStore(response, what) {
  assert.match(response.headers.get('cache-control') ?? '', /no-store/, `${what}: pages are Cache-Control: no-store`);
}

// A re-rendered form never sends the password back.
function assertPasswordNotEchoed(response, password) {
  assert.ok(!response.text.includes(password), 'the typed password is not in the re-rendered page');
}

test('every kind of response carries the security headers', async (t) => {
  const server = await startServer(t);
  const guest = new Client(server);

  const loginPage = await guest.get('/login');
  assert.equal(loginPage.status, 200);
  assertSecurityHeaders(loginPage, 'GET /login');
  assertNoStore(loginPage, 'GET /login');

  assertSecurityHeaders(await guest.get('/'), 'GET / (redirect)');
  assertSecurityHeaders(await guest.get('/healthz'), 'GET /healthz');
  assertSecurityHeaders(await guest.get('/static/css/bootstrap.min.css'), 'static asset');
  assertSecurityHeaders(await guest.get('/no/such/page'), 'GET unknown path (404)');
  assertSecurityHeaders(await guest.post('/login', { email: 'x@example.com', password: 'y' }), 'POST without csrf (403)');

  const { client } = await signUp(server);
  const dashboard = await client.get('/dashboard');
  assert.equal(dashboard.status, 200);
  assertSecurityHeaders(dashboard, 'GET /dashboard');
  assertNoStore(dashboard, 'GET /dashboard');
  const refused = await postForm(client, '/deposit', { account_id: '', amount: 'abc' });
  assertSecurityHeaders(refused, 'refused POST /deposit');
});

test('the session cookie is HttpOnly and SameSite=Lax, and signed-out visitors are sent to sign in', async (t) => {
  const server = await startServer(t);
  const guest = new Client(server);
  const toLogin = await guest.get('/dashboard');
  assert.equal(toLogin.status, 303);
  assert.equal(toLogin.location, '/login?next=%2Fdashboard');
  assert.equal((await guest.get('/')).location, '/login');

  const client = new Client(server);
  const { email } = await register(client);
  const signedIn = await login(client, email, PASSWORD);
  assert.equal(signedIn.status, 303);
  assert.equal(signedIn.location, '/dashboard');
  const cookie = signedIn.setCookies.find((line) => line.startsWith('bank_session='));
  assert.ok(cookie, `sign-in sets bank_session (Set-Cookie: ${signedIn.setCookies.join(' | ')})`);
  assert.match(cookie, /;\s*HttpOnly/i);
  assert.match(cookie, /;\s*SameSite=Lax/i);
  assert.match(cookie, /;\s*Path=\//i);

  // Signed in, the guest pages send you home.
  assert.equal((await client.get('/login')).location, '/dashboard');
  assert.equal((await client.get('/register')).location, '/dashboard');
  assert.equal((await client.get('/')).location, '/dashboard');
});

test('a POST without a valid csrf token answers 403 and changes nothing', async (t) => {
  const server = await startServer(t);
  const alice = await signUp(server);
  const bob = await signUp(server);
  const account = await createAccount(alice.client, 'checking', '100');
  const fields = { account_id: account.account_id, amount: '10', description: 'forged' };

  const missing = await alice.client.post('/deposit', fields);
  assert.equal(missing.status, 403, 'no csrf_token');
  const wrong = await alice.client.post('/deposit', { ...fields, csrf_token: 'not-the-token' });
  assert.equal(wrong.status, 403, 'made-up csrf_token');
  const bobsToken = csrf((await bob.client.get('/deposit')).text);
  const borrowed = await alice.client.post('/deposit', { ...fields, csrf_token: bobsToken });
  assert.equal(borrowed.status, 403, "another session's csrf_token");
  assert.equal(await balanceOf(alice.client, account.account_id), 100_00, 'balance unchanged');
  assert.equal((await allTransactions(alice.client, `account_id=${account.account_id}`)).length, 1);

  const logout = await alice.client.post('/logout', {});
  assert.equal(logout.status, 403, 'logout without a token');
  assert.equal((await alice.client.get('/dashboard')).status, 200, 'still signed in');

  const guest = new Client(server);
  await guest.get('/login');
  assert.equal((await guest.post('/login', { email: alice.email, password: alice.password })).status, 403,
    'sign-in without a token');

  // The token is also accepted as the X-CSRF-Token header.
  const token = csrf((await alice.client.get('/deposit')).text);
  const viaHeader = await alice.client.post('/deposit', fields, { headers: { 'x-csrf-token': token } });
  assert.equal(viaHeader.status, 303, 'X-CSRF-Token header is accepted');
  assert.equal(await balanceOf(alice.client, account.account_id), 110_00);
});

test("another person's account answers 404 everywhere and stays untouched", async (t) => {
  const server = await startServer(t);
  const alice = await signUp(server);
  const bob = await signUp(server);
  const mine = await createAccount(alice.client, 'checking', '100');
  const bobs = await createAccount(bob.client, 'checking', '50');

  const attempts = [
    ['/deposit', { account_id: bobs.account_id, amount: '10' }],
    ['/withdraw', { account_id: bobs.account_id, amount: '10' }],
    ['/transfer', { account_id: bobs.account_id, to_account_number: mine.account_number, amount: '10' }],
    ['/accounts/close', { account_id: bobs.account_id }, '/accounts'],
  ];
  for (const [path, fields, page] of attempts) {
    const response = await postForm(alice.client, path, fields, { page });
    assert.equal(response.status, 404, `POST ${path} with Bob's account_id`);
  }
  assert.equal((await alice.client.get(`/transactions?account_id=${bobs.account_id}`)).status, 404,
    "GET /transactions with Bob's account_id");
  assert.equal((await alice.client.get(`/transactions.csv?account_id=${bobs.account_id}`)).status, 404,
    "GET /transactions.csv with Bob's account_id");

  assert.equal(await balanceOf(bob.client, bobs.account_id), 50_00, "Bob's balance unchanged");
  assert.equal((await accountById(bob.client, bobs.account_id)).status, 'active', "Bob's account is still open");
  assert.equal((await allTransactions(bob.client, `account_id=${bobs.account_id}`)).length, 1);
  assert.equal(await balanceOf(alice.client, mine.account_id), 100_00, "Alice's balance unchanged");
});

test('text typed by a person is shown escaped, never as markup', async (t) => {
  const server = await startServer(t);
  const name = '<img src=x onerror=alert(2)>';
  const alice = await signUp(server, { full_name: name });
  const account = await createAccount(alice.client, 'checking');
  const script = '<script>alert(1)</script>';
  const response = await deposit(alice.client, account.account_id, '5', script);
  assert.equal(response.status, 303);

  const history = await alice.client.get('/transactions');
  assert.ok(history.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'description is shown escaped');
  assert.ok(!history.text.includes(script), 'description never appears as raw markup in /transactions');
  const dashboard = await alice.client.get('/dashboard');
  assert.ok(!dashboard.text.includes(script), 'nor on the dashboard');
  for (const page of ['/dashboard', '/profile']) {
    const html = (await alice.client.get(page)).text;
    assert.ok(!html.includes(name), `the full name is never raw markup on ${page}`);
  }
});

test('an unknown email and a wrong password get the same answer, without the password echoed', async (t) => {
  const server = await startServer(t);
  const client = new Client(server);
  const { email } = await register(client);

  const wrongPassword = await login(new Client(server), email, 'Wrong-password-1');
  const unknownEmail = await login(new Client(server), uniqueEmail('nobody'), 'Wrong-password-1');
  assert.equal(wrongPassword.status, 401);
  assert.equal(unknownEmail.status, 401);
  assert.ok(formError(wrongPassword.text), 'a form error is shown');
  assert.equal(formError(unknownEmail.text), formError(wrongPassword.text));
  assert.ok(wrongPassword.text.includes(email), 'the typed email is kept in the form');
  assertPasswordNotEchoed(wrongPassword, 'Wrong-password-1');
});

// Statuses of six wrong sign-ins, then the sign-in with `rightPassword`.
async function hammer(server, email, rightPassword) {
  const answers = [];
  for (let i = 0; i < 6; i += 1) {
    const response = await login(new Client(server), email, `Wrong-password-${i}`);
    answers.push({ status: response.status, message: formError(response.text) ?? '' });
  }
  const right = await login(new Client(server), email, rightPassword);
  answers.push({ status: right.status, message: formError(right.text) ?? '' });
  return answers;
}

test('five wrong passwords lock sign-in, even with the right password; unknown emails lock alike', async (t) => {
  const server = await startServer(t);
  const { email } = await register(new Client(server));

  const known = await hammer(server, email, PASSWORD);
  const statuses = known.map((a) => a.status);
  assert.deepEqual(statuses.slice(0, 4), [401, 401, 401, 401], `first four wrong passwords: ${statuses}`);
  const lockedAt = statuses.indexOf(423);
  assert.ok(lockedAt === 4 || lockedAt === 5, `the 5th or 6th answer is 423: ${statuses}`);
  for (const answer of known.slice(lockedAt)) {
    assert.equal(answer.status, 423, `once locked, every sign-in is refused: ${statuses}`);
    assert.match(answer.message, /locked/i);
  }
  assert.equal(known.at(-1).status, 423, 'the right password is refused while locked');

  const unknown = await hammer(server, uniqueEmail('ghost'), PASSWORD);
  const shape = (answers) => answers.map((a) => `${a.status} ${a.message.replace(/\d+/g, 'N')}`);
  assert.deepEqual(shape(unknown), shape(known), 'an unknown email is answered exactly like a known one');
});

test('registration refuses a taken email (409) and passwords outside 8..72 bytes (400)', async (t) => {
  const server = await startServer(t);
  const client = new Client(server);
  const first = await register(client, { full_name: 'First Person' });
  assert.equal(first.status, 303);
  assert.equal(first.location, '/login');

  const again = await register(new Client(server), { email: first.email, full_name: 'Second Person' });
  assert.equal(again.status, 409, 'same email');
  assert.ok(formError(again.text) || fieldError(again.text, 'email'), 'the page says why');
  assert.ok(again.text.includes('Second Person'), 'typed values are kept');
  assertPasswordNotEchoed(again, PASSWORD);
  const shouted = await register(new Client(server), { email: first.email.toUpperCase() });
  assert.equal(shouted.status, 409, 'emails are compared case-insensitively');

  const short = await register(new Client(server), { password: 'Short-1' });
  assert.equal(short.status, 400, '7 characters');
  assert.ok(fieldError(short.text, 'password'), 'error-password is shown');
  const long = await register(new Client(server), { password: `L0ng-${'x'.repeat(68)}` });
  assert.equal(long.status, 400, '73 bytes');
  assert.ok(fieldError(long.text, 'password'), 'error-password is shown');
});

test('password length is counted in bytes: 72 bytes pass, 74 bytes in 37 letters do not', async (t) => {
  const server = await startServer(t);
  const wide = await register(new Client(server), { password: 'é'.repeat(37) });
  assert.equal(wide.status, 400, '37 two-byte letters are 74 bytes');
  const exact = await register(new Client(server), { password: `P4ss-${'y'.repeat(67)}` });
  assert.equal(exact.status, 303, '72 bytes');
  const eight = await register(new Client(server), { password: 'Kq7-zx!w' });
  assert.equal(eight.status, 303, '8 bytes');
});

test('more than five registrations from one address answer 429', async (t) => {
  const server = await startServer(t);
  for (let i = 1; i <= 5; i += 1) {
    const response = await register(new Client(server));
    assert.equal(response.status, 303, `registration ${i}`);
  }
  const sixth = await register(new Client(server));
  assert.equal(sixth.status, 429, 'the sixth registration');
  assert.ok(formError(sixth.text), 'the page says why');
});

test('sign-in only ever redirects to a local path', async (t) => {
  const server = await startServer(t);
  const { email } = await register(new Client(server));
  for (const next of ['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)']) {
    const client = new Client(server);
    const response = await postForm(client, `/login?next=${encodeURIComponent(next)}`,
      { email, password: PASSWORD, next });
    assert.equal(response.status, 303, `sign-in with next=${next}`);
    assert.ok(/^\/(?![/\\])/.test(response.location), `Location ${response.location} stays local for next=${next}`);
    assert.ok(!response.location.includes('evil.example'), `Location ${response.location} for next=${next}`);
  }
  const local = await postForm(new Client(server), '/login?next=%2Ftransactions',
    { email, password: PASSWORD, next: '/transactions' });
  assert.equal(local.location, '/transactions', 'a local next is followed');
});

test('signed-out forms carry the bank_csrf cookie\'s token, and a token without its cookie is refused', async (t) => {
  const server = await startServer(t);
  const { email } = await register(new Client(server));

  const visitor = new Client(server);
  const page = await visitor.get('/login');
  const cookieToken = visitor.cookies.get('bank_csrf');
  assert.ok(cookieToken, 'GET /login sets the bank_csrf cookie');
  assert.equal(csrf(page.text), cookieToken, 'the form carries the token of the cookie');

  // Another visitor's token beside this visitor's cookie.
  const other = new Client(server);
  const otherToken = csrf((await other.get('/login')).text);
  assert.ok(otherToken && otherToken !== cookieToken, 'each visitor gets a token of their own');
  const mismatched = await visitor.post('/login', { csrf_token: otherToken, email, password: PASSWORD });
  assert.equal(mismatched.status, 403, 'a token that is not the cookie\'s');
  // The right token without its cookie, as a cross-site form would send it.
  const cookieless = new Client(server);
  const forged = await cookieless.post('/login', { csrf_token: cookieToken, email, password: PASSWORD });
  assert.equal(forged.status, 403, 'a token without its cookie');
  assert.equal(cookieless.cookies.get('bank_session'), undefined, 'no session for the forged sign-in');
  const forgedRegistration = await new Client(server).post('/register', {
    csrf_token: cookieToken, email: uniqueEmail('forged'), password: PASSWORD, confirm_password: PASSWORD, full_name: 'Forged',
  });
  assert.equal(forgedRegistration.status, 403, 'registration with a token without its cookie');

  // The cookie and its own token sign in.
  const signedIn = await visitor.post('/login', { csrf_token: cookieToken, email, password: PASSWORD });
  assert.equal(signedIn.status, 303, 'the matching pair');
  assert.ok(visitor.cookies.get('bank_session'), 'signed in');
});

test('sign-ins on the /login page and through the API share one per-address budget', async (t) => {
  const server = await startServer(t, { env: { BANK_LOGINS_PER_MINUTE: '4' } });
  const { email } = await register(new Client(server));
  const apiLogin = (password) => new Client(server).request('POST', '/api/v1/login', {
    headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
  });

  assert.equal((await login(new Client(server), email, 'Wrong-password-1')).status, 401, 'page, 1st');
  assert.equal((await apiLogin('Wrong-password-2')).status, 401, 'API, 2nd');
  assert.equal((await login(new Client(server), email, 'Wrong-password-3')).status, 401, 'page, 3rd');
  assert.equal((await apiLogin('Wrong-password-4')).status, 401, 'API, 4th');

  // The budget of 4 is spent, by both doors together: even the right password waits.
  const page = await login(new Client(server), email, PASSWORD);
  assert.equal(page.status, 429, 'the 5th sign-in, on the page');
  assert.match(page.headers.get('retry-after') ?? '', /^\d+$/, 'Retry-After on the page');
  assert.match(textOf(page.text), /Too many requests/);
  const api = await apiLogin(PASSWORD);
  assert.equal(api.status, 429, 'the 6th sign-in, through the API');
  assert.equal(JSON.parse(api.text).error.code, 'rate_limited');
});

test('a person has at most 10 sessions: the 11th sign-in ends the oldest and only it', async (t) => {
  const server = await startServer(t);
  const { email } = await register(new Client(server));
  const browsers = [];
  for (let i = 1; i <= 11; i += 1) {
    const browser = new Client(server);
    assert.equal((await login(browser, email)).status, 303, `sign-in ${i}`);
    browsers.push(browser);
  }
  const oldest = await browsers[0].get('/dashboard');
  assert.equal(oldest.status, 303, 'the oldest session has ended');
  assert.ok(oldest.location?.startsWith('/login'), `sent to sign in, not ${oldest.location}`);
  for (const [index, browser] of browsers.slice(1).entries()) {
    assert.equal((await browser.get('/dashboard')).status, 200, `session ${index + 2} is still signed in`);
  }
});
