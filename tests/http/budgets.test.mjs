// Budgets over real HTTP, on either store: a person's random history over two months (the
// server started on 20 May and again on 10 June, on the same store), budgets of every kind of
// rollover, and every figure of GET /api/v1/budgets (spent, carried in, available, left, days
// left, on pace) checked against a computation in this file from the raw postings of
// /api/v1/transactions, transfers between the person's own accounts left out. The refusals
// name their field and change nothing; PATCH and DELETE; the per-person limit; nobody reads
// or changes another person's budget. Then the /budgets page and the dashboard's card show
// the same figures. Every JSON answer is checked against the OpenAPI document.
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, postForm, flash, fieldError, textOf, login, formatMoney } from '../support/server.mjs';
import {
  setUpApi, apiUser, openAccount, allTransactions, cents, amount,
} from '../support/api.mjs';
import { testClock } from '../support/clock.mjs';

const MAY = '2026-05-20T12:00:00Z';
const JUNE = '2026-06-10T12:00:00Z';
const SPENDING = ['groceries', 'dining', 'transport', 'shopping'];
const BUDGETS_MAX = 100; // core/budget_limits.hpp

// A small seeded generator (mulberry32), so a failing history can be made again from its seed.
function generator(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

// Postings of one month: withdrawals of random categories and amounts, a payment to someone
// else (spending) and a move to the person's own savings (not spending), all categorised.
async function randomMonth(person, random, accounts) {
  const { checking, savings, payee } = accounts;
  const pick = (list) => list[Math.floor(random() * list.length)];
  const count = 6 + Math.floor(random() * 6);
  for (let i = 0; i < count; i += 1) {
    const value = 100 + Math.floor(random() * 150_00);
    await person.expect(201, 'POST', '/api/v1/withdraw', {
      json: { account_id: checking.account_id, amount: amount(value), description: `Shop ${i}`, category: pick(SPENDING) },
    });
  }
  await person.expect(201, 'POST', '/api/v1/transfer', {
    json: { from_account_id: checking.account_id, to_account_number: payee.account_number,
      amount: amount(1000 + Math.floor(random() * 90_00)), description: 'Dinner with a friend', category: 'dining' },
  });
  await person.expect(201, 'POST', '/api/v1/transfer', {
    json: { from_account_id: checking.account_id, to_account_number: savings.account_number,
      amount: amount(5000 + Math.floor(random() * 200_00)), description: 'Put aside', category: pick(SPENDING) },
  });
}

// The independent computation: spending per "YYYY-MM" and category from the raw postings.
function spendingOf(rows, ownNumbers) {
  const spent = new Map();
  for (const row of rows) {
    const outgoing = row.transaction_type === 'withdrawal' || row.transaction_type === 'transfer_out';
    if (!outgoing) continue;
    if (row.transaction_type === 'transfer_out' && ownNumbers.has(row.counterparty_account_number)) continue;
    const key = `${row.timestamp.slice(0, 7)} ${row.category}`;
    spent.set(key, (spent.get(key) || 0) + cents(row.amount));
  }
  return (month, category) => spent.get(`${month} ${category}`) || 0;
}

// The rollover, month by month, as the issue states it.
function expectedFigures(category, chain, spentIn) {
  let carried = 0;
  let last;
  for (const { month, amountCents, rollover } of chain) {
    const available = amountCents + carried;
    const spent = spentIn(month, category);
    const left = available - spent;
    last = { carried_in: carried, available, spent, left };
    carried = rollover === 'none' ? 0 : rollover === 'surplus' ? Math.max(left, 0) : left;
  }
  return last;
}

function onPace(spent, available, daysGone, daysInMonth) {
  return spent * daysInMonth <= available * daysGone;
}

async function setUp(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bank-budgets-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const may = await setUpApi(t, { dir, env: testClock(MAY), name: 'budgets-may' });
  return { dir, may };
}

test('budgets: every figure against the raw postings, refusals, limits and the pages', async (t) => {
  const seed = Number(process.env.BANK_TEST_SEED || crypto.randomInt(1, 2 ** 31));
  t.diagnostic(`seed ${seed} (BANK_TEST_SEED=${seed} makes the same history again)`);
  const random = generator(seed);
  const { dir, may } = await setUp(t);
  const ann = await apiUser(may.api, { full_name: 'Ann Budget' });
  const ben = await apiUser(may.api, { full_name: 'Ben Other' });
  const checking = await openAccount(ann.api, 'checking', '20000');
  const savings = await openAccount(ann.api, 'savings');
  const payee = await openAccount(ben.api, 'checking');
  const accounts = { checking, savings, payee };
  const person = ann.api;

  const budgets = {};
  await t.test('POST sets budgets of every rollover, one month or every month', async () => {
    const set = async (json) => (await person.expect(201, 'POST', '/api/v1/budgets', { json })).body;
    budgets.groceries = await set({ category: 'groceries', amount: '300', rollover: 'both' });
    budgets.dining = await set({ category: 'dining', amount: '150.50', rollover: 'surplus' });
    budgets.transport = await set({ category: 'transport', amount: '80', month: '2026-05', rollover: 'none' });
    budgets.shopping = await set({ category: 'shopping', amount: '200' });
    budgets.shoppingJune = await set({ category: 'shopping', amount: '999.99', month: '2026-06', rollover: 'none' });
    assert.equal(budgets.groceries.month, null);
    assert.equal(budgets.groceries.start_month, '2026-05');
    assert.equal(budgets.shopping.rollover, 'none', 'none when left out');
    assert.equal(budgets.dining.amount, '150.50');
    assert.equal(budgets.transport.month, '2026-05');
  });

  await t.test('refusals name the field and store nothing', async () => {
    const refuse = (status, json, field, code = 'validation_failed') =>
      person.expect(status, 'POST', '/api/v1/budgets', { json, field, code });
    await refuse(400, { category: 'pets', amount: '10' }, 'category');
    await refuse(400, { amount: '10' }, 'category');
    await refuse(400, { category: 'rent', amount: '0' }, 'amount');
    await refuse(400, { category: 'rent', amount: '0.00' }, 'amount');
    await refuse(400, { category: 'rent', amount: '-5' }, 'amount');
    await refuse(400, { category: 'rent', amount: 'lots' }, 'amount');
    await refuse(400, { category: 'rent', amount: '100000000.01' }, 'amount');
    await refuse(400, { category: 'rent', amount: 10 }, 'amount');
    await refuse(400, { category: 'rent', amount: '10', month: '2026-13' }, 'month');
    await refuse(400, { category: 'rent', amount: '10', month: '26-05' }, 'month');
    await refuse(400, { category: 'rent', amount: '10', rollover: 'sometimes' }, 'rollover');
    await refuse(400, { category: 'rent', amount: '10', colour: 'red' }, 'colour');
    await refuse(409, { category: 'groceries', amount: '10' }, 'category', 'conflict');
    await refuse(409, { category: 'transport', amount: '10', month: '2026-05' }, 'category', 'conflict');
    await person.expect(400, 'GET', '/api/v1/budgets?month=May', { field: 'month', code: 'validation_failed' });
    const { body } = await person.expect(200, 'GET', '/api/v1/budgets');
    assert.deepEqual(body.budgets.map((b) => b.category).sort(), ['dining', 'groceries', 'shopping', 'transport']);
  });

  await randomMonth(person, random, accounts);

  // A new server on the same store, three weeks later: June.
  await may.server.stop();
  const june = await setUpApi(t, { dir, db: may.server.db, tablePrefix: may.server.tablePrefix, env: testClock(JUNE), name: 'budgets-june' });
  // Three weeks on, the sessions of May have ended: each signs in again.
  const signIn = async ({ email, password }) => june.api.as((await june.api.expect(200, 'POST', '/api/v1/login',
    { json: { email, password }, token: null })).body.token);
  const annInJune = await signIn(ann);
  const benInJune = await signIn(ben);
  await randomMonth(annInJune, random, accounts);

  const rows = await allTransactions(annInJune);
  const spentIn = spendingOf(rows, new Set([checking.account_number, savings.account_number]));

  await t.test('June: every figure agrees with the raw postings', async () => {
    const { body } = await annInJune.expect(200, 'GET', '/api/v1/budgets');
    assert.equal(body.month, '2026-06');
    const byCategory = new Map(body.budgets.map((b) => [b.category, b]));
    assert.deepEqual([...byCategory.keys()], ['groceries', 'dining', 'shopping'], 'in the categories\' order; transport was May only');
    const chains = {
      groceries: [{ month: '2026-05', amountCents: 300_00, rollover: 'both' }, { month: '2026-06', amountCents: 300_00, rollover: 'both' }],
      dining: [{ month: '2026-05', amountCents: 150_50, rollover: 'surplus' }, { month: '2026-06', amountCents: 150_50, rollover: 'surplus' }],
      shopping: [{ month: '2026-05', amountCents: 200_00, rollover: 'none' }, { month: '2026-06', amountCents: 999_99, rollover: 'none' }],
    };
    for (const [category, chain] of Object.entries(chains)) {
      const shown = byCategory.get(category);
      const want = expectedFigures(category, chain, spentIn);
      assert.equal(cents(shown.spent), want.spent, `${category} spent`);
      assert.equal(cents(shown.carried_in), want.carried_in, `${category} carried in`);
      assert.equal(cents(shown.available), want.available, `${category} available`);
      assert.equal(cents(shown.left), want.left, `${category} left`);
      assert.equal(shown.days_in_month, 30);
      assert.equal(shown.days_gone, 10);
      assert.equal(shown.days_left, 21);
      assert.equal(shown.on_pace, onPace(want.spent, want.available, 10, 30), `${category} on pace`);
    }
    assert.equal(byCategory.get('shopping').budget_id, budgets.shoppingJune.budget_id, 'June\'s own shopping budget');
  });

  await t.test('May, asked for: the month is over', async () => {
    const { body } = await annInJune.expect(200, 'GET', '/api/v1/budgets?month=2026-05');
    assert.deepEqual(body.budgets.map((b) => b.category), ['groceries', 'dining', 'transport', 'shopping']);
    for (const shown of body.budgets) {
      const budgetCents = cents(shown.amount);
      const spent = spentIn('2026-05', shown.category);
      assert.equal(cents(shown.spent), spent, `${shown.category} spent in May`);
      assert.equal(cents(shown.carried_in), 0);
      assert.equal(cents(shown.left), budgetCents - spent);
      assert.equal(shown.days_left, 0);
      assert.equal(shown.days_gone, 31);
      assert.equal(shown.on_pace, spent <= budgetCents, `${shown.category} on pace in May`);
    }
    const before = await annInJune.expect(200, 'GET', '/api/v1/budgets?month=2026-04');
    assert.deepEqual(before.body.budgets, [], 'no budget before the month it was set');
  });

  await t.test('PATCH changes amount and rollover; the figures follow', async () => {
    const changed = await annInJune.expect(200, 'PATCH', `/api/v1/budgets/${budgets.groceries.budget_id}`,
      { json: { amount: '350', rollover: 'none' } });
    assert.equal(changed.body.amount, '350.00');
    assert.equal(changed.body.rollover, 'none');
    assert.equal(changed.body.month, null);
    const { body } = await annInJune.expect(200, 'GET', '/api/v1/budgets');
    const groceries = body.budgets.find((b) => b.category === 'groceries');
    assert.equal(cents(groceries.carried_in), 0, 'May carries nothing now');
    assert.equal(cents(groceries.left), 350_00 - spentIn('2026-06', 'groceries'));
    await annInJune.expect(400, 'PATCH', `/api/v1/budgets/${budgets.groceries.budget_id}`, { json: { amount: '0' }, field: 'amount' });
    await annInJune.expect(400, 'PATCH', `/api/v1/budgets/${budgets.groceries.budget_id}`, { json: { category: 'rent' }, field: 'category' });
    await annInJune.expect(404, 'PATCH', '/api/v1/budgets/0000000000', { json: { amount: '5' }, code: 'not_found' });
  });

  await t.test('nobody reads, changes or deletes another person\'s budget', async () => {
    assert.deepEqual((await benInJune.expect(200, 'GET', '/api/v1/budgets')).body.budgets, []);
    await benInJune.expect(404, 'PATCH', `/api/v1/budgets/${budgets.dining.budget_id}`, { json: { amount: '1' }, code: 'not_found' });
    await benInJune.expect(404, 'DELETE', `/api/v1/budgets/${budgets.dining.budget_id}`, { code: 'not_found' });
    await june.api.expect(401, 'GET', '/api/v1/budgets', { token: null });
    const { body } = await annInJune.expect(200, 'GET', '/api/v1/budgets');
    assert.equal(body.budgets.find((b) => b.category === 'dining').amount, '150.50');
  });

  await t.test('DELETE removes it and frees its slot', async () => {
    const deleted = await annInJune.expect(200, 'DELETE', `/api/v1/budgets/${budgets.shoppingJune.budget_id}`);
    assert.equal(deleted.body.budget_id, budgets.shoppingJune.budget_id);
    await annInJune.expect(404, 'DELETE', `/api/v1/budgets/${budgets.shoppingJune.budget_id}`, { code: 'not_found' });
    const { body } = await annInJune.expect(200, 'GET', '/api/v1/budgets');
    assert.equal(body.budgets.find((b) => b.category === 'shopping').budget_id, budgets.shopping.budget_id,
      'the every-month budget is in force again');
  });

  await t.test(`at most ${BUDGETS_MAX} budgets per person`, async () => {
    const carol = await apiUser(june.api, { full_name: 'Carol Many' });
    const categories = ['groceries', 'dining', 'rent', 'utilities', 'transport', 'shopping', 'entertainment', 'health', 'travel', 'savings'];
    for (let i = 0; i < BUDGETS_MAX; i += 1) {
      const month = `${2027 + Math.floor(i / 120)}-${String((Math.floor(i / categories.length) % 12) + 1).padStart(2, '0')}`;
      await carol.api.expect(201, 'POST', '/api/v1/budgets', { json: { category: categories[i % categories.length], amount: '1', month } });
    }
    const refused = await carol.api.expect(400, 'POST', '/api/v1/budgets', { json: { category: 'other', amount: '1' }, code: 'validation_failed' });
    assert.match(refused.body.error.message, new RegExp(`\\(${BUDGETS_MAX}\\)`));
  });

  await t.test('the /budgets page and the dashboard card show the same figures', async () => {
    const client = new Client(june.server);
    await login(client, ann.email, ann.password);
    const { body } = await annInJune.expect(200, 'GET', '/api/v1/budgets');
    const page = await client.get('/budgets');
    assert.equal(page.status, 200);
    const dashboard = await client.get('/dashboard');
    assert.match(dashboard.text, /href="\/budgets"/, 'linked from the navigation');
    for (const html of [page.text, dashboard.text]) {
      for (const shown of body.budgets) {
        const item = new RegExp(`data-budget-id="${shown.budget_id}"[\\s\\S]*?<p class="small mb-0 budget-text"[^>]*>([\\s\\S]*?)</p>`).exec(html);
        assert.ok(item, `${shown.category} is shown`);
        const words = textOf(item[1]);
        assert.ok(words.includes(`${formatMoney(cents(shown.spent))} spent`), words);
        assert.ok(words.includes('21 days left'), words);
        const left = cents(shown.left);
        assert.ok(words.includes(left < 0 ? `${formatMoney(-left)} over` : `${formatMoney(left)} left`), words);
      }
    }
    const form = await postForm(client, '/budgets', { category: 'travel', amount: '0', month: '', rollover: 'none' });
    assert.equal(form.status, 400);
    assert.ok(fieldError(form.text, 'amount'));
    const created = await postForm(client, '/budgets', { category: 'travel', amount: '75', month: '2026-06', rollover: 'surplus' });
    assert.equal(created.status, 303);
    const after = await client.get(created.location);
    assert.match(flash(after.text).text, /Budget set: \$75\.00 for travel, 2026-06\./);
    const travelId = /data-budget-id="([0-9a-f]+)" data-category="travel"/.exec(after.text)[1];
    // The dashboard seen before is not served again from its cache: the card has the new budget.
    assert.match((await client.get('/dashboard')).text, new RegExp(`data-budget-id="${travelId}"`));
    const edited = await postForm(client, `/budgets/${travelId}/edit`, { amount: '80', rollover: 'both' }, { page: '/budgets' });
    assert.equal(edited.status, 303);
    assert.match(flash((await client.get(edited.location)).text).text, /travel budget is now \$80\.00/);
    const removed = await postForm(client, `/budgets/${travelId}/delete`, {}, { page: '/budgets' });
    assert.equal(removed.status, 303);
    const gone = await annInJune.expect(200, 'GET', '/api/v1/budgets');
    assert.equal(gone.body.budgets.some((b) => b.category === 'travel'), false);
    const badMonth = await client.get('/budgets?month=someday');
    assert.equal(badMonth.status, 400);
    assert.ok(fieldError(badMonth.text, 'month'));
  });
});
