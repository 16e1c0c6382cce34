// The pages a person can reach, for the tests that judge every page with an outside tool
// (axe-core in tests/browser/accessibility, the Nu Html Checker in tests/http/html_validity):
// a `bank demo-data` history with an admin (demo1) and a customer (demo2) on a fixed "today",
// the list of pages to visit signed out, as a customer and as an admin, and the error states
// (a failed sign-in, a refused payment, an empty form).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, BANK_BINARY } from './server.mjs';
import { testClock } from './clock.mjs';

export const DEMO_PASSWORD = 'demo-password';
export const ADMIN_EMAIL = 'demo1@example.com';
export const CUSTOMER_EMAIL = 'demo2@example.com';

// Pages anyone sees.
export const SIGNED_OUT_PAGES = ['/login', '/register', '/no-such-page', '/password-reset', '/password-reset/confirm?token=0'];

// Pages of a signed-in customer with a history (the filters and periods that change the layout
// included).
export const CUSTOMER_PAGES = [
  '/dashboard', '/accounts', '/accounts/create', '/deposit', '/withdraw', '/transfer',
  '/transactions', '/transactions?sort=largest&type=withdrawal', '/transactions?from=not-a-date',
  '/analytics', '/analytics?period=12m', '/analytics?period=custom&from=2020-01-01&to=2026-06-15',
  '/recurring', '/categories', '/profile', '/admin', '/profile/security', '/standing-orders', '/transfers/batch', '/budgets',
  '/budgets?month=2026-05', '/goals', '/webhooks', '/notifications', '/alerts', '/logout',
];

// Pages only an admin sees.
export const ADMIN_PAGES = ['/admin'];

// The forms submitted wrongly on purpose: each is { name, page, fields } where fields are typed
// into the form at `page` (label -> value; an account select gets its first account) before its
// submit button is pressed.
export const ERROR_STATES = [
  { name: 'failed-sign-in', page: '/login', signedIn: false,
    fields: { email: CUSTOMER_EMAIL, password: 'not-the-password' } },
  { name: 'empty-registration', page: '/register', signedIn: false, fields: {} },
  { name: 'refused-payment', page: '/withdraw', signedIn: true,
    fields: { amount: '999999', description: 'Too much' } },
  { name: 'empty-transfer', page: '/transfer', signedIn: true, fields: {} },
  { name: 'empty-deposit', page: '/deposit', signedIn: true, fields: {} },
  { name: 'refused-budget', page: '/budgets', signedIn: true, fields: {} },
  { name: 'refused-goal', page: '/goals', signedIn: true, fields: {} },
  { name: 'refused-webhook', page: '/webhooks', signedIn: true, fields: {} },
  { name: 'refused-alert', page: '/alerts', signedIn: true, fields: {} },
];

// A server on a 14-month demo history (3 people; demo1 is an admin), on a mid-month "today".
// Returns the server of startServer.
export async function startDemoBank(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bank-page-tour-'));
  const db = path.join(dir, 'bank.db');
  const clock = testClock();
  execFileSync(BANK_BINARY, ['demo-data', '--users', '3', '--months', '14', '--seed', '3', '--db', db],
    { timeout: 120_000, env: { ...process.env, ...clock } });
  execFileSync(BANK_BINARY, ['admin', 'grant', ADMIN_EMAIL, '--db', db], { timeout: 30_000 });
  const server = await startServer(t, { db, dir, env: clock });
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  await addBudgetsAndGoals(server);
  return server;
}

// The customer's budgets and savings goals, so that /budgets, /goals and the dashboard show
// their progress bars: one budget under its pace, one over (the demo history spends on
// groceries every week); one goal with an automatic transfer, one without; and a webhook
// endpoint, so that /webhooks shows one (nothing is sent to it: no event is queued).
async function addBudgetsAndGoals(server) {
  const call = async (pathname, body, token) => {
    const response = await fetch(`${server.url}${pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`POST ${pathname}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const { token } = await call('/api/v1/login', { email: CUSTOMER_EMAIL, password: DEMO_PASSWORD });
  await call('/api/v1/budgets', { category: 'groceries', amount: '1', rollover: 'both' }, token);
  await call('/api/v1/budgets', { category: 'travel', amount: '500', rollover: 'surplus' }, token);
  const listed = await fetch(`${server.url}/api/v1/accounts`, { headers: { authorization: `Bearer ${token}` } });
  const { accounts } = await listed.json();
  const savings = accounts.find((account) => account.account_type === 'savings');
  const checking = accounts.find((account) => account.account_type === 'checking');
  await call('/api/v1/goals', { account_id: savings.account_id, name: 'Holiday', target_amount: '100000', target_date: '2027-06-30',
    auto_transfer: { from_account_id: checking.account_id, day_of_month: 1 } }, token);
  await call('/api/v1/goals', { account_id: savings.account_id, name: 'New bike', target_amount: '900', target_date: '2026-12-31' }, token);
  await call('/api/v1/webhooks', { url: 'https://hooks.example.com/bank', events: ['security.sign_in'] }, token);
  // An alert rule, so /alerts lists one and /notifications fills as the evaluator reads the
  // history's postings above it.
  await call('/api/v1/alerts', { kind: 'transaction_above', threshold: '500' }, token);
}
