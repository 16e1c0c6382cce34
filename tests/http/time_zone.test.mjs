// Each person's time zone: chosen at registration (the page sends the browser's guess, the API
// an optional `time_zone`), changed on /profile or with POST /api/v1/me/time-zone, refused with
// nothing changed when it is not a zone of the tz database. Every time a page shows is in that
// zone with its name in the footer; "this month" and the analytics' days are the person's, to
// the cent; the API's timestamps stay UTC. The server's clock is put where the test needs it
// with BANK_TEST_NOW (docs/TESTING.md): 06:30 UTC on 1 April 2026 is 23:30 on 31 March in Los
// Angeles (PDT, UTC-7, three weeks after the clocks went forward), 07:30 UTC is 00:30 on
// 1 April there.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, csrf, elementById, fieldError, flash, login, parseCsv, postForm, register, textById, transactionRows,
  uniqueEmail, PASSWORD,
} from '../support/server.mjs';
import { setUpApi, openAccount } from '../support/api.mjs';
import { testClock } from '../support/clock.mjs';

const LOS_ANGELES = 'America/Los_Angeles';

// Registers through the API (with `time_zone` when given) and signs in.
async function person(api, time_zone) {
  const email = uniqueEmail('tz');
  const registered = await api.expect(201, 'POST', '/api/v1/register', {
    json: { email, password: PASSWORD, full_name: 'Ada Lovelace', ...(time_zone ? { time_zone } : {}) },
    token: null,
  });
  const signedIn = await api.expect(200, 'POST', '/api/v1/login', { json: { email, password: PASSWORD }, token: null });
  return { email, user: registered.body, api: api.as(signedIn.body.token) };
}

async function signIn(api, email) {
  const signedIn = await api.expect(200, 'POST', '/api/v1/login', { json: { email, password: PASSWORD }, token: null });
  return api.as(signedIn.body.token);
}

async function pageClient(server, email) {
  const client = new Client(server);
  const signedIn = await login(client, email);
  assert.equal(signedIn.status, 303, 'signed in on the pages');
  return client;
}

async function deposit(api, account, amount) {
  return (await api.expect(201, 'POST', '/api/v1/deposit', {
    json: { account_id: account.account_id, amount, description: 'Pay' },
  })).body;
}

function summary(api, query) {
  return api.expect(200, 'GET', `/api/v1/analytics/summary?${query}`).then((response) => response.body);
}

test('a person chooses a time zone in the API and changes it; a name not in the tz database changes nothing', async (t) => {
  const { api } = await setUpApi(t, { env: testClock() });

  await t.test('the API takes time_zone at registration and answers it on /me', async () => {
    const kiri = await person(api, 'Pacific/Auckland');
    assert.equal(kiri.user.time_zone, 'Pacific/Auckland');
    assert.equal((await kiri.api.expect(200, 'GET', '/api/v1/me')).body.time_zone, 'Pacific/Auckland');
    const plain = await person(api);
    assert.equal((await plain.api.expect(200, 'GET', '/api/v1/me')).body.time_zone, 'UTC');

    const martian = uniqueEmail('tz');
    await api.expect(400, 'POST', '/api/v1/register', {
      json: { email: martian, password: PASSWORD, full_name: 'Marvin', time_zone: 'Mars/Olympus_Mons' },
      token: null, code: 'validation_failed', field: 'time_zone',
    });
    await api.expect(401, 'POST', '/api/v1/login', { json: { email: martian, password: PASSWORD }, token: null });
  });

  await t.test('POST /api/v1/me/time-zone changes it; a wrong name is refused and changes nothing', async () => {
    const ada = await person(api, LOS_ANGELES);
    const changed = await ada.api.expect(200, 'POST', '/api/v1/me/time-zone', { json: { time_zone: 'Europe/Paris' } });
    assert.equal(changed.body.time_zone, 'Europe/Paris');
    for (const wrong of ['Mars/Base', 'europe/paris', 'UTC+2', '../../etc/passwd', '']) {
      const refused = await ada.api.expect(400, 'POST', '/api/v1/me/time-zone', {
        json: { time_zone: wrong }, code: 'validation_failed', field: 'time_zone',
      });
      assert.match(refused.body.error.message, /time zone/i);
    }
    assert.equal((await ada.api.expect(200, 'GET', '/api/v1/me')).body.time_zone, 'Europe/Paris');
  });

});

// A server of its own: registrations are limited per address (limits::registrations_per_address_max).
test('the pages: the browser guess at registration, the choice on /profile', async (t) => {
  const { server } = await setUpApi(t, { env: testClock() });

  await t.test('the registration page sends the browser guess through a script file of its own', async () => {
    const client = new Client(server);
    const form = await client.get('/register');
    assert.ok(elementById(form.text, 'time_zone'), 'the hidden time_zone field');
    assert.match(form.text, /<script src="\/static\/js\/time_zone\.js"><\/script>/);
    const script = await client.get('/static/js/time_zone.js');
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type'), /javascript/);
    assert.match(script.text, /Intl\.DateTimeFormat\(\)\.resolvedOptions\(\)\.timeZone/);

    const refused = await register(client, { time_zone: 'Atlantis/Capital' });
    assert.equal(refused.status, 400);
    assert.match(fieldError(refused.text, 'time_zone'), /IANA/);
    const noScript = await register(new Client(server), { time_zone: '' });
    assert.equal(noScript.status, 303);
    const guessed = await register(new Client(server), { time_zone: LOS_ANGELES });
    assert.equal(guessed.status, 303);
    const page = await (await pageClient(server, guessed.email)).get('/profile');
    assert.match(page.text, /Times in America\/Los_Angeles\./);
    assert.match(page.text, /<option selected>America\/Los_Angeles<\/option>/);
    const utcPage = await (await pageClient(server, noScript.email)).get('/dashboard');
    assert.match(utcPage.text, /Times in UTC\./);
  });

  await t.test('/profile changes it with the CSRF token only; a wrong name is refused', async () => {
    const registered = await register(new Client(server), { time_zone: LOS_ANGELES });
    const client = await pageClient(server, registered.email);
    const forged = await client.post('/profile/time-zone', { time_zone: 'Asia/Tokyo' });
    assert.equal(forged.status, 403);
    const refused = await postForm(client, '/profile/time-zone', { time_zone: 'Atlantis/Capital' }, { page: '/profile' });
    assert.equal(refused.status, 400);
    assert.match(fieldError(refused.text, 'time_zone'), /IANA/);
    assert.match(refused.text, /Times in America\/Los_Angeles\./);
    const saved = await postForm(client, '/profile/time-zone', { time_zone: 'Asia/Tokyo' }, { page: '/profile' });
    assert.equal(saved.status, 303);
    const profile = await client.get('/profile');
    assert.equal(flash(profile.text).text, 'Times are now shown in Asia/Tokyo.');
    assert.match(profile.text, /Times in Asia\/Tokyo\./);
    assert.ok(csrf(profile.text));
  });
});

test('a posting at 23:30 on the last day of a month in Los Angeles is in that local month', async (t) => {
  const first = await setUpApi(t, { env: testClock('2026-04-01T06:30:00Z') });
  const angeleno = await person(first.api, LOS_ANGELES);
  const londoner = await person(first.api);
  const account = await openAccount(angeleno.api);
  const utcAccount = await openAccount(londoner.api);
  const late = await deposit(angeleno.api, account, '123.45');
  assert.match(late.transaction.timestamp, /^2026-04-01T06:3\d:\d\d\.\d{6}Z$/, 'the API keeps UTC');
  await deposit(londoner.api, utcAccount, '123.45');

  await t.test('this month, its days and its months are the person\'s', async () => {
    const local = await summary(angeleno.api, 'period=month');
    assert.deepEqual([local.period.from, local.period.to], ['2026-03-01', '2026-03-31']);
    assert.equal(local.money_in, '123.45');
    assert.deepEqual(local.months.map((m) => [m.month, m.money_in]), [['2026-03', '123.45']]);
    const utc = await summary(londoner.api, 'period=month');
    assert.deepEqual([utc.period.from, utc.period.to], ['2026-04-01', '2026-04-30']);
    assert.equal(utc.money_in, '123.45');
    assert.deepEqual(utc.months.map((m) => [m.month, m.money_in]), [['2026-04', '123.45']]);
    const day = (date) => `period=custom&from=${date}&to=${date}`;
    assert.equal((await summary(angeleno.api, day('2026-03-31'))).money_in, '123.45');
    assert.equal((await summary(angeleno.api, day('2026-04-01'))).money_in, '0.00');
    assert.equal((await summary(londoner.api, day('2026-03-31'))).money_in, '0.00');
    assert.equal((await summary(londoner.api, day('2026-04-01'))).money_in, '123.45');
  });

  await t.test('the pages show the local time, the zone and the local month', async () => {
    const client = await pageClient(first.server, angeleno.email);
    const history = await client.get('/transactions');
    assert.match(history.text, /Mar 31, 2026 23:3\d PDT/);
    assert.match(history.text, /<time datetime="2026-04-01T06:3\d:\d\d\.\d{3}Z">/);
    assert.match(history.text, /Times in America\/Los_Angeles\./);
    const analytics = await client.get('/analytics');
    assert.equal(textById(analytics.text, 'analytics-in'), '$123.45');
    assert.match(textById(analytics.text, 'period-label'), /2026-03-01 to 2026-03-31/);
    const utcHistory = await (await pageClient(first.server, londoner.email)).get('/transactions');
    assert.match(utcHistory.text, /Apr 01, 2026 06:3\d UTC/);
  });

  await t.test('the history\'s date filters are the person\'s days on the page, UTC days in the API', async () => {
    const client = await pageClient(first.server, angeleno.email);
    const onDay = async (date) => transactionRows((await client.get(`/transactions?from=${date}&to=${date}`)).text).length;
    assert.equal(await onDay('2026-03-31'), 1, 'the deposit at 23:30 on 31 March, Los Angeles time');
    assert.equal(await onDay('2026-04-01'), 0, 'nothing on 1 April in Los Angeles yet');
    const csv = await client.get('/transactions.csv?from=2026-03-31&to=2026-03-31');
    assert.equal(parseCsv(csv.text).length - 1, 1, 'the export takes the same days');
    const api = async (date) => (await angeleno.api.expect(200, 'GET', `/api/v1/transactions?from=${date}&to=${date}`)).body.transactions.length;
    assert.equal(await api('2026-03-31'), 0, 'the API keeps UTC days');
    assert.equal(await api('2026-04-01'), 1);
  });

  // An hour later by the clock, on the same store: 00:30 on 1 April in Los Angeles. With a
  // fixed standard-time offset (UTC-8) it would still be March.
  await first.server.stop();
  const second = await setUpApi(t, {
    db: first.server.db, dir: first.server.dir, tablePrefix: first.server.tablePrefix,
    env: testClock('2026-04-01T07:30:00Z'),
  });
  const angelenoAgain = await signIn(second.api, angeleno.email);
  await deposit(angelenoAgain, account, '10.00');

  await t.test('after midnight local time the new month starts, and the old one keeps its posting', async () => {
    const april = await summary(angelenoAgain, 'period=month');
    assert.deepEqual([april.period.from, april.period.to], ['2026-04-01', '2026-04-30']);
    assert.equal(april.money_in, '10.00');
    assert.deepEqual(april.months.map((m) => [m.month, m.money_in]), [['2026-03', '123.45'], ['2026-04', '10.00']]);
    const quarter = await summary(angelenoAgain, 'period=3m');
    assert.deepEqual([quarter.period.from, quarter.period.to], ['2026-02-01', '2026-04-30']);
    assert.equal(quarter.money_in, '133.45');
    const client = await pageClient(second.server, angeleno.email);
    const analytics = await client.get('/analytics');
    assert.equal(textById(analytics.text, 'analytics-in'), '$10.00');
    const history = await client.get('/transactions');
    assert.match(history.text, /Apr 01, 2026 00:3\d PDT/);
  });
});
