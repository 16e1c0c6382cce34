// The /analytics page names the days its figures cover: they end today, not at the end of the
// month or of a custom period still running, and the tables start at the first posting. On a
// mid-month day picked with the BANK_TEST_NOW hook (tests/support/clock.mjs).
import test from 'node:test';
import assert from 'node:assert/strict';
import { Client, login, textById } from '../support/server.mjs';
import { apiUser, openAccount, setUpApi } from '../support/api.mjs';
import { testClock } from '../support/clock.mjs';

const TODAY = '2026-06-15';

test('the period label ends today; the balance and month tables start at the first posting', async (t) => {
  const { server, api } = await setUpApi(t, { env: testClock(`${TODAY}T12:00:00Z`) });
  const person = await apiUser(api);
  await openAccount(person.api, 'checking', '250');
  const client = new Client(server);
  assert.equal((await login(client, person.email, person.password)).status, 303);
  const label = async (query) => textById((await client.get(`/analytics${query}`)).text, 'period-label');

  assert.equal(await label(''), `This month (2026-06-01 to ${TODAY}, today)`);
  assert.equal(await label('?period=3m'), `Last 3 months (2026-04-01 to ${TODAY}, today)`);
  assert.equal(await label('?period=custom&from=2026-06-01&to=2026-07-31'),
    `2026-06-01 to 2026-07-31 (2026-06-01 to ${TODAY}, today)`, 'a custom period still running ends today');
  assert.equal(await label('?period=custom&from=2026-05-01&to=2026-05-31'),
    '2026-05-01 to 2026-05-31 (2026-05-01 to 2026-05-31)', 'a period that is over ends on its last day');
  // The API keeps the period asked for.
  const { body } = await person.api.expect(200, 'GET', '/api/v1/analytics/summary');
  assert.deepEqual([body.period.from, body.period.to], ['2026-06-01', '2026-06-30']);

  // Over the last 12 months, a person whose first posting is today: no weeks of $0.00 before it
  // and no day after today.
  const year = await client.get('/analytics?period=12m');
  const balanceDays = textById(year.text, 'balance-table').match(/\d{4}-\d{2}-\d{2}/g);
  assert.deepEqual(balanceDays, [TODAY]);
  const months = textById(year.text, 'months-table').match(/\d{4}-\d{2}/g);
  assert.deepEqual(months, ['2026-06']);
});
