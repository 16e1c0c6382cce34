// The customer walk-through in a real browser (Debian chromium driven by playwright-core):
// everything is done by clicking and typing, every page is screenshotted, and no page may log a
// console error, a CSP violation or a failed asset.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  startServer, signUp, createAccount, textById, uniqueEmail, BANK_TEST_OUTPUT,
} from '../support/server.mjs';
import { launchChromium, watchPage } from '../support/browser.mjs';

const SCREENSHOTS = path.join(BANK_TEST_OUTPUT, 'screenshots');
const PASSWORD = 'Browser-passw0rd';

test('a customer banks through the browser without a single console error', { timeout: 120_000 }, async (t) => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  for (const old of fs.readdirSync(SCREENSHOTS)) {
    if (/^\d\d-.*\.png$/.test(old)) fs.rmSync(path.join(SCREENSHOTS, old));
  }
  const server = await startServer(t);
  const context = await launchChromium(t);

  const problems = [];
  let shot = 0;

  // A refused form is re-rendered with 400 on purpose: only assets' statuses count.
  async function newPage(who) {
    return watchPage(context.pages()[0] ?? await context.newPage(), problems, { who, pageStatuses: false });
  }

  async function screenshot(page, name) {
    shot += 1;
    const file = path.join(SCREENSHOTS, `${String(shot).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
  }

  async function flashText(page) {
    return (await page.locator('#flash').textContent())?.trim();
  }

  async function submit(page, button, urlPattern) {
    await Promise.all([page.waitForURL(urlPattern), page.locator(button).click()]);
  }

  async function signUpAndIn(page, name, email) {
    await page.goto(`${server.url}/register`);
    await screenshot(page, `register-${name.split(' ')[0].toLowerCase()}`);
    await page.getByLabel('Full name').fill(name);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Confirm password').fill(PASSWORD);
    await submit(page, '#register-button', /\/login/);
    assert.equal(await flashText(page), 'Registration successful. Please sign in.');
    await screenshot(page, `login-${name.split(' ')[0].toLowerCase()}`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await submit(page, '#login-button', /\/dashboard/);
  }

  async function openAccount(page, type, initial) {
    await page.getByRole('link', { name: 'Accounts', exact: true }).click();
    await page.waitForURL(/\/accounts$/);
    await page.locator('#open-account').click();
    await page.waitForURL(/\/accounts\/create/);
    await page.getByLabel('Type').selectOption(type);
    if (initial !== undefined) await page.getByLabel(/Initial deposit/).fill(initial);
    await submit(page, '#create-account-button', /\/accounts$/);
    const message = await flashText(page);
    const number = /account (\d{10}) is open/.exec(message)?.[1];
    assert.ok(number, `flash names the new account: ${message}`);
    return number;
  }

  async function chooseAccount(page, label, number) {
    const select = page.getByLabel(label, { exact: true });
    const value = await select.locator('option', { hasText: number }).getAttribute('value');
    await select.selectOption(value);
  }

  async function moveMoney(page, link, fields) {
    await page.getByRole('navigation').getByRole('link', { name: link, exact: true }).click();
    await page.waitForURL(new RegExp(`/${link.toLowerCase()}`));
    await chooseAccount(page, link === 'Transfer' ? 'From account' : 'Account', fields.from);
    if (fields.to) await page.getByLabel('To account number').fill(fields.to);
    await page.getByLabel('Amount').fill(fields.amount);
    await page.getByLabel(/Description/).fill(fields.description);
    if (fields.shot) await screenshot(page, fields.shot);
    await submit(page, '#submit-button', /\/transactions\?account_id=/);
    return flashText(page);
  }

  // Alice registers, signs in and opens a checking account with nothing in it.
  const alice = await newPage('alice');
  await signUpAndIn(alice, 'Alice Walker', uniqueEmail('alice'));
  assert.equal((await alice.locator('#total-balance').textContent()).trim(), '$0.00');
  await screenshot(alice, 'dashboard-empty');
  const checking = await openAccount(alice, 'checking', '0');
  await screenshot(alice, 'accounts-checking');

  assert.equal(await moveMoney(alice, 'Deposit', { from: checking, amount: '1000', description: 'Salary', shot: 'deposit-form' }),
    `Deposited $1,000.00 into ${checking}. New balance: $1,000.00.`);
  await screenshot(alice, 'deposit-done');
  assert.equal(await moveMoney(alice, 'Withdraw', { from: checking, amount: '200', description: 'Groceries' }),
    `Withdrew $200.00 from ${checking}. New balance: $800.00.`);
  await screenshot(alice, 'withdraw-done');

  const savings = await openAccount(alice, 'savings');
  await screenshot(alice, 'accounts-two');

  // Bob banks here too; he is set up over plain HTTP.
  const bob = await signUp(server, { full_name: 'Bob Marley' });
  const bobChecking = (await createAccount(bob.client, 'checking')).account_number;

  assert.equal(await moveMoney(alice, 'Transfer', { from: checking, to: savings, amount: '300', description: 'Rainy day' }),
    `Transferred $300.00 to ${savings}. New balance: $500.00.`);
  await screenshot(alice, 'transfer-own');
  assert.equal(await moveMoney(alice, 'Transfer',
    { from: checking, to: bobChecking, amount: '50', description: 'Pizza', shot: 'transfer-form' }),
    `Transferred $50.00 to ${bobChecking}. New balance: $450.00.`);

  // History: every posting, newest first.
  await alice.getByRole('link', { name: 'Transactions', exact: true }).click();
  await alice.waitForURL(/\/transactions$/);
  const rows = alice.locator('#transactions-table tr[data-transaction-id]');
  assert.equal(await rows.count(), 5, 'deposit, withdrawal, two transfer legs to savings, transfer to Bob');
  const newest = await rows.first().innerText();
  assert.match(newest, /\$50\.00/);
  assert.match(newest, /\$450\.00/);
  await screenshot(alice, 'transactions');

  await alice.getByRole('link', { name: 'Analytics', exact: true }).click();
  await alice.waitForURL(/\/analytics/);
  const totals = await alice.locator('#totals').innerText();
  // Money in: the deposit; spending: the withdrawal and the payment to Bob. The $300 moved
  // between her own accounts is neither.
  assert.match(totals, /Money in\s+\$1,000\.00/);
  assert.match(totals, /Spending\s+\$250\.00/);
  await alice.waitForLoadState('networkidle');
  await screenshot(alice, 'analytics');

  // A savings goal on the savings account: its progress on /goals, then on the dashboard.
  await alice.getByRole('link', { name: 'Goals', exact: true }).click();
  await alice.waitForURL(/\/goals$/);
  await alice.getByLabel('Name', { exact: true }).fill('Holiday');
  await alice.getByLabel('Target', { exact: true }).fill('1200');
  await alice.getByLabel('Target date', { exact: true }).fill('2099-12-31');
  await alice.locator('#goal-form button[type=submit]').click();
  await alice.locator('#flash').waitFor();
  assert.match(await flashText(alice), /^Goal set: \$1,200\.00 for "Holiday" by 2099-12-31\.$/);
  assert.match(await alice.locator('.goal-text').first().innerText(), /\$300\.00 saved of \$1,200\.00/);
  await screenshot(alice, 'goals');

  await alice.getByRole('link', { name: 'Dashboard', exact: true }).click();
  await alice.waitForURL(/\/dashboard/);
  assert.equal((await alice.locator('#total-balance').textContent()).trim(), '$750.00');
  assert.match(await alice.locator('#goal-card').innerText(), /Holiday[\s\S]*\$300\.00 saved of \$1,200\.00/);
  await screenshot(alice, 'dashboard');
  await alice.setViewportSize({ width: 390, height: 844 });
  await alice.reload();
  await screenshot(alice, 'dashboard-phone');
  await alice.setViewportSize({ width: 1280, height: 900 });

  assert.equal(textById((await bob.client.get('/dashboard')).text, 'total-balance'), '$50.00', "Bob's total");

  // Signing out.
  await submit(alice, '#logout-button', /\/login/);
  assert.equal(await flashText(alice), 'You have been signed out.');
  await screenshot(alice, 'signed-out');
  await alice.goto(`${server.url}/dashboard`);
  assert.match(alice.url(), /\/login\?next=%2Fdashboard$/);

  // "Forgot your password?" on the sign-in page: this server has no mail server, and says so.
  await Promise.all([alice.waitForURL(/\/password-reset$/), alice.locator('#forgot-password').click()]);
  assert.match(await alice.locator('#reset-unavailable').textContent(), /not available here/);
  await screenshot(alice, 'password-reset-unavailable');

  assert.deepEqual(problems, [], 'no console errors, CSP violations or failed assets');
});
