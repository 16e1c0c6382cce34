// An authenticator app set up and used in a real browser (Debian chromium driven by
// playwright-core): the QR code is shown as an image under the pages' CSP, the secret as text,
// the first code finishes the set-up and shows the recovery codes, signing in asks for a code
// on a second page, and a transfer to a new payee shows the payee and amount being approved.
// Codes from oathtool at the server's clock (tests/support/totp.mjs). No page may log a
// console error, a CSP violation or a failed asset.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, signUp, createAccount, uniqueEmail,
} from '../support/server.mjs';
import { launchChromium, watchPage } from '../support/browser.mjs';
import {
  STEP0, oathtoolMissing, totpClock, totpCode,
} from '../support/totp.mjs';

const PASSWORD = 'Browser-passw0rd';

test('an authenticator app: set up by scanning or typing, then asked at sign-in and for a new payee', { skip: oathtoolMissing(), timeout: 120_000 }, async (t) => {
  const server = await startServer(t, { env: totpClock() });
  const payee = await createAccount((await signUp(server)).client, 'checking');
  const context = await launchChromium(t);
  const problems = [];
  const page = await watchPage(await context.newPage(), problems, { who: 'ada', pageStatuses: false });
  const submit = (button, url) => Promise.all([page.waitForURL(url), page.locator(button).click()]);

  const email = uniqueEmail('browser');
  await page.goto(`${server.url}/register`);
  await page.getByLabel('Full name').fill('Ada Lovelace');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm password').fill(PASSWORD);
  await submit('#register-button', /\/login/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await submit('#login-button', /\/dashboard/);

  await page.goto(`${server.url}/profile`);
  await submit('#security-link', /\/profile\/security$/);
  await submit('#start-totp', /\/profile\/security$/);
  const qrWidth = await page.locator('#totp-qr').evaluate(async (image) => {
    await image.decode();
    return image.naturalWidth;
  });
  assert.ok(qrWidth > 0, 'the QR code image loads');
  const secret = (await page.locator('#totp-secret').textContent()).trim();
  await page.getByLabel('The code your app shows now').fill(totpCode(secret, STEP0 - 1));
  await submit('#confirm-totp', /\/profile\/security\/totp\/confirm$/);
  assert.equal(await page.locator('.recovery-code').count(), 10);

  // GET /logout only offers the button; signing out is its POST.
  await page.goto(`${server.url}/logout`);
  await submit('#logout-confirm', /\/login/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await submit('#login-button', /\/login$/);
  await page.getByLabel('Code', { exact: true }).fill(totpCode(secret, STEP0));
  await submit('#code-button', /\/dashboard/);

  await page.goto(`${server.url}/accounts/create`);
  await page.getByLabel(/Initial deposit/).fill('100.00');
  await submit('#create-account-button', /\/accounts$/);
  await page.goto(`${server.url}/transfer`);
  await page.getByLabel(/To account/).fill(payee.account_number);
  await page.getByLabel('Amount').fill('12.50');
  await submit('#submit-button', /\/transfer$/);
  assert.equal((await page.locator('#step-up-amount').textContent()).trim(), '$12.50');
  assert.equal((await page.locator('#step-up-payee').textContent()).trim(), payee.account_number);
  await page.getByLabel(/The code your authenticator app shows now/).fill(totpCode(secret, STEP0 + 1));
  await submit('#approve-transfer', /\/transactions/);
  assert.match((await page.locator('#flash').textContent()).trim(), /^Transferred \$12\.50/);
  assert.deepEqual(problems, [], 'no console errors, CSP violations or failed assets');
});
