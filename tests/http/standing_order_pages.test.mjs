// /standing-orders, the page: linked from the navigation; the form sets up an order (CSRF
// checked, refusals shown on their field, nothing stored), the list shows the schedule in
// plain words and the next five dates, pause, resume and cancel are buttons; an order's page
// lists what became of each date; the history notes a posting a standing order made.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, signUp, createAccount, postForm, flash, fieldError, textOf, transactionRows,
} from '../support/server.mjs';
import { testClock } from '../support/clock.mjs';
import { waitFor } from '../support/wait.mjs';

test('the standing orders page', async (t) => {
  const server = await startServer(t, { env: { ...testClock('2026-06-15T12:00:00Z'), BANK_SCHEDULER_INTERVAL: 1 } });
  const ann = await signUp(server, { full_name: 'Ann Example' });
  const ben = await signUp(server, { full_name: 'Ben Example' });
  const from = await createAccount(ann.client, 'checking', '500');
  const to = await createAccount(ben.client, 'checking');
  const fields = (extra = {}) => ({
    account_id: from.account_id, to_account_number: to.account_number, amount: '40',
    description: 'Rent', category: '', start_date: '2026-06-16', rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1', ...extra,
  });

  await t.test('linked from the navigation, with the form and its labels', async () => {
    const dashboard = await ann.client.get('/dashboard');
    assert.match(dashboard.text, /href="\/standing-orders"/);
    const page = await ann.client.get('/standing-orders');
    assert.equal(page.status, 200);
    for (const id of ['account_id', 'to_account_number', 'amount', 'description', 'category', 'start_date', 'rrule']) {
      assert.match(page.text, new RegExp(`<label for="${id}"`), `a label for ${id}`);
    }
    assert.match(page.text, /No standing orders yet/);
  });

  await t.test('a refused order shows its message on the field and stores nothing', async () => {
    const refused = await postForm(ann.client, '/standing-orders', fields({ rrule: 'FREQ=MONTHLY;BYMONTHDAY=0' }));
    assert.equal(refused.status, 400);
    assert.match(fieldError(refused.text, 'rrule'), /BYMONTHDAY/);
    assert.match(refused.text, /value="FREQ=MONTHLY;BYMONTHDAY=0"/, 'the typed rule is kept');
    const badAmount = await postForm(ann.client, '/standing-orders', fields({ amount: 'lots' }));
    assert.equal(badAmount.status, 400);
    assert.ok(fieldError(badAmount.text, 'amount'));
    const withoutCsrf = await ann.client.post('/standing-orders', fields());
    assert.equal(withoutCsrf.status, 403);
    assert.match((await ann.client.get('/standing-orders')).text, /No standing orders yet/);
  });

  let orderId;
  await t.test('set up: the schedule in words and the next five dates', async () => {
    const created = await postForm(ann.client, '/standing-orders', fields());
    assert.equal(created.status, 303);
    const page = await ann.client.get(created.location);
    assert.match(flash(page.text).text, /Standing order set up: \$40\.00 to \d{10}, every month on the last day\./);
    assert.match(page.text, /every month on the last day/);
    for (const words of ['Tuesday, June 30, 2026', 'Friday, July 31, 2026', 'Monday, August 31, 2026',
      'Wednesday, September 30, 2026', 'Saturday, October 31, 2026']) {
      assert.ok(textOf(page.text).includes(words), `the next dates include ${words}`);
    }
    orderId = /data-order-id="([0-9a-f]+)"/.exec(page.text)[1];
  });

  await t.test('pause, resume and cancel are buttons with the CSRF token', async () => {
    const paused = await postForm(ann.client, `/standing-orders/${orderId}/status`, { status: 'paused' }, { page: '/standing-orders' });
    assert.equal(paused.status, 303);
    let page = await ann.client.get('/standing-orders');
    assert.match(flash(page.text).text, /"Rent" is paused\./);
    assert.match(page.text, />Resume</);
    await postForm(ann.client, `/standing-orders/${orderId}/status`, { status: 'active' }, { page: '/standing-orders' });
    page = await ann.client.get('/standing-orders');
    assert.match(flash(page.text).text, /"Rent" is running again\./);
    const cancelled = await postForm(ann.client, `/standing-orders/${orderId}/cancel`, {}, { page: '/standing-orders' });
    assert.equal(cancelled.status, 303);
    page = await ann.client.get('/standing-orders');
    assert.match(page.text, /class="order-status" data-label="Status">cancelled</);
    const theirs = await ben.client.get(`/standing-orders/${orderId}`);
    assert.equal(theirs.status, 404, 'another person cannot see it');
  });

  await t.test('an order due today runs; its page and the history say so', async () => {
    const created = await postForm(ann.client, '/standing-orders',
      fields({ start_date: '', rrule: 'FREQ=DAILY;COUNT=1', description: 'Pay Ben today', amount: '7.50' }));
    assert.equal(created.status, 303);
    const list = await ann.client.get('/standing-orders');
    const ids = [...list.text.matchAll(/data-order-id="([0-9a-f]+)"/g)].map((match) => match[1]);
    const id = ids.find((candidate) => candidate !== orderId);
    const page = await waitFor(async () => {
      const shown = await ann.client.get(`/standing-orders/${id}`);
      return shown.text.includes('class="occurrence-status" data-label="Outcome">posted<') && shown;
    }, { what: 'the order\'s page to show the date posted' });
    assert.ok(textOf(page.text).includes('Monday, June 15, 2026'));
    const history = await ann.client.get('/transactions');
    const row = transactionRows(history.text).find((r) => r.text.includes('Pay Ben today'));
    assert.ok(row, 'the posting is in the history');
    assert.match(history.text, /Pay Ben today <span class="badge text-bg-light standing-order-note">by standing order<\/span>/);
  });
});
