// Walks the route table (`bank routes`, the table docs/ROUTES.md shows) over HTTP and checks
// each route's access: signed out, a customer on an admin route, a customer reaching for
// another customer's account, rule or transaction, and a POST without its CSRF token.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  BANK_BINARY, BANK_SOURCE_DIR, Client, balanceOf, createAccount, csrf, deposit, postForm, signUp, startServer, tags,
  transactionRows,
} from '../support/server.mjs';

// { method, path, access, csrf, rateLimit } per line of the Markdown table.
function parseTable(text) {
  return text.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| method')).map((line) => {
    const [method, pathname, access, check, rateLimit] = line.split('|').slice(1, -1).map((cell) => cell.trim());
    return { method, path: pathname, access, csrf: check, rateLimit };
  });
}

const isApi = (route) => route.path.startsWith('/api/');
const needsIdentity = (route) => route.access === 'signed in' || route.access === 'admin';

// A request as a browser or an API client would send it: a form for pages, JSON for the API.
function send(client, route, pathname, { fields = {}, headers = {} } = {}) {
  if (route.method === 'GET') return client.request('GET', pathname, { headers });
  if (isApi(route)) {
    return client.request(route.method, pathname, {
      body: JSON.stringify(fields), headers: { 'content-type': 'application/json', ...headers },
    });
  }
  return client.request('POST', pathname, { form: fields, headers });
}

test('every route of the table answers its access', { timeout: 180_000 }, async (t) => {
  const listing = execFileSync(BANK_BINARY, ['routes']).toString();
  const routes = parseTable(listing);
  assert.ok(routes.length >= 50, `routes listed: ${routes.length}`);
  const documented = fs.readFileSync(path.join(BANK_SOURCE_DIR, 'docs', 'ROUTES.md'), 'utf8');
  assert.ok(documented.includes(listing), 'docs/ROUTES.md shows the table `bank routes` prints');

  const server = await startServer(t);
  // The owner: an account with $100.00, a posting and a rule that the other customer reaches for.
  const owner = await signUp(server);
  const account = await createAccount(owner.client, 'checking', '100.00');
  assert.equal((await deposit(owner.client, account.account_id, '5.00', 'coffee')).status, 303);
  const posting = transactionRows((await owner.client.get(`/transactions?account_id=${account.account_id}`)).text)[0];
  assert.equal((await postForm(owner.client, '/categories', { pattern: 'coffee', category: 'dining' })).status, 303);
  const rule = tags((await owner.client.get('/categories')).text, 'tr').find((tag) => tag.attributes['data-rule-id']);
  const [ownSession] = JSON.parse((await owner.client.get('/api/v1/me/sessions')).text).sessions;
  const payee = await createAccount(owner.client, 'savings');
  assert.equal((await postForm(owner.client, '/standing-orders', {
    account_id: account.account_id, to_account_number: payee.account_number, amount: '1.00',
    description: 'Rent', rrule: 'FREQ=YEARLY', start_date: '2099-01-01',  // never due during the test
  })).status, 303);
  const order = tags((await owner.client.get('/standing-orders')).text, 'tr').find((tag) => tag.attributes['data-order-id']);
  assert.equal((await postForm(owner.client, '/budgets', { category: 'dining', amount: '50', month: '', rollover: 'none' })).status, 303);
  const budget = tags((await owner.client.get('/budgets')).text, 'tr').find((tag) => tag.attributes['data-budget-id']);
  assert.equal((await postForm(owner.client, '/goals', {
    account_id: payee.account_id, name: 'Roof', target_amount: '500', target_date: '2099-01-01',
  })).status, 303);
  const goal = tags((await owner.client.get('/goals')).text, 'article').find((tag) => tag.attributes['data-goal-id']);
  const owned = {
    account_id: account.account_id, rule_id: rule.attributes['data-rule-id'], transaction_id: posting.id,
    session_id: ownSession.session_id, standing_order_id: order.attributes['data-order-id'],
    budget_id: budget.attributes['data-budget-id'], goal_id: goal.attributes['data-goal-id'],
  };
  const fill = (pathname) => pathname.replace(/\{(\w+)\}/g, (whole, name) => owned[name]);

  const customer = await signUp(server);
  const theirs = await createAccount(customer.client, 'checking', '1.00');
  const customerToken = csrf((await customer.client.get('/dashboard')).text);

  await t.test('signed out: signed-in and admin routes send to sign-in (pages) or answer 401 (API)', async () => {
    for (const route of routes) {
      const visitor = new Client(server);
      const token = csrf((await visitor.get('/login')).text);  // the signed-out double-submit token
      const response = await send(visitor, route, fill(route.path), { fields: isApi(route) ? {} : { csrf_token: token } });
      const name = `${route.method} ${route.path} (${route.access})`;
      if (needsIdentity(route) && isApi(route)) {
        assert.equal(response.status, 401, name);
      } else if (needsIdentity(route)) {
        assert.equal(response.status, 303, name);
        assert.match(response.location ?? '', /^\/login/, name);
      } else if (response.status === 501) {
        // Password resets on a server without BANK_SMTP_URL: not available here, by design.
        assert.match(route.path, /password-reset/, name);
        assert.match(response.text, /not_configured|reset-unavailable/, name);
      } else {
        assert.ok(response.status < 500 && response.status !== 403, `${name}: ${response.status}`);
        assert.ok(!/Sign in first/.test(response.text), name);
        assert.ok(!/^\/login\?next=/.test(response.location ?? ''), name);
      }
    }
  });

  await t.test('a customer on an admin route: 403', async () => {
    for (const route of routes.filter((r) => r.access === 'admin')) {
      const response = await send(customer.client, route, fill(route.path));
      assert.equal(response.status, 403, `${route.method} ${route.path}`);
    }
  });

  await t.test("a customer reaching for another customer's account, rule or transaction: 404", async () => {
    // Routes naming the resource in a form field, beside those naming it in the path.
    const fields = {
      'POST /accounts/close': { account_id: owned.account_id },
      'POST /deposit': { account_id: owned.account_id, amount: '1.00' },
      'POST /withdraw': { account_id: owned.account_id, amount: '1.00' },
      'POST /transfer': { account_id: owned.account_id, to_account_number: theirs.account_number, amount: '1.00' },
      'POST /categories/delete': { rule_id: owned.rule_id },
      'POST /transactions/category': { transaction_id: owned.transaction_id, category: 'dining', return_to: '/transactions' },
      'POST /api/v1/deposit': { account_id: owned.account_id, amount: '1.00' },
      'POST /api/v1/withdraw': { account_id: owned.account_id, amount: '1.00' },
      'POST /api/v1/transfer': { from_account_id: owned.account_id, to_account_number: theirs.account_number, amount: '1.00' },
      'POST /api/v1/transactions/{transaction_id}/category': { category: 'dining' },
      'POST /standing-orders/{standing_order_id}/status': { status: 'paused' },
      'POST /budgets/{budget_id}/edit': { amount: '1', rollover: 'none' },
      'PATCH /api/v1/budgets/{budget_id}': { amount: '1' },
      'POST /goals/{goal_id}/edit': { name: 'Mine', target_amount: '1', target_date: '2099-01-01' },
      'POST /goals/{goal_id}/transfer': { from_account_id: theirs.account_id, day_of_month: '1' },
      'PATCH /api/v1/goals/{goal_id}': { name: 'Mine' },
    };
    const reaching = routes.filter((r) => r.access === 'signed in' && (r.path.includes('{') || fields[`${r.method} ${r.path}`]));
    assert.ok(reaching.length >= 12, `routes tried with another customer's resource: ${reaching.length}`);
    for (const route of reaching) {
      const form = { ...(fields[`${route.method} ${route.path}`] || {}) };
      if (!isApi(route)) form.csrf_token = customerToken;
      const response = await send(customer.client, route, fill(route.path), { fields: form, headers: { 'X-CSRF-Token': customerToken } });
      assert.equal(response.status, 404, `${route.method} ${route.path}: ${response.text.slice(0, 200)}`);
    }
  });

  await t.test('a POST or DELETE without its CSRF token, with a cookie session: 403', async () => {
    const posts = routes.filter((r) => r.method === 'POST' || r.method === 'DELETE');
    assert.ok(posts.every((r) => r.csrf === 'checked'), 'every POST and DELETE is CSRF-checked');
    for (const route of posts) {
      const response = await send(customer.client, route, fill(route.path), { fields: { account_id: theirs.account_id } });
      assert.equal(response.status, 403, `${route.method} ${route.path}`);
    }
    assert.equal((await customer.client.get('/dashboard')).status, 200, 'the refused POST /logout left the session');
    assert.equal((await owner.client.get('/dashboard')).status, 200, "the owner's session was not ended by another");
  });

  assert.equal(await balanceOf(owner.client, account.account_id), 10_500, "the owner's balance did not move");
  assert.ok((await owner.client.get('/categories')).text.includes(owned.rule_id), "the owner's rule is still there");
});
