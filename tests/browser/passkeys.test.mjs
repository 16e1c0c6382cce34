// Passkeys in a real browser: Debian chromium driven by playwright-core with a virtual
// authenticator of the Chrome DevTools Protocol (WebAuthn.addVirtualAuthenticator: CTAP2,
// internal, resident keys, user verification). A person adds a passkey on the security
// page, signs out, signs in with the password and the passkey as the second factor, signs
// out, signs in with the passkey alone (a discoverable credential), approves a transfer to a
// new payee with it (the step-up page) and a bulk payment (the batch page), and removes it. The
// server listens on 127.0.0.1 and the browser uses http://localhost (a secure context whose
// host can be the RP ID, as BANK_PUBLIC_URL says). No page may log a console error, a CSP
// violation or a failed asset.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  createAccount, freePort, signUp, startServer, uniqueEmail,
} from '../support/server.mjs';
import { launchChromium, watchPage } from '../support/browser.mjs';

const PASSWORD = 'Browser-passw0rd';

test('a passkey: added on the security page, then the second factor, then a passwordless sign-in, then a step-up, then removed', { timeout: 180_000 }, async (t) => {
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const server = await startServer(t, { port, env: { BANK_PUBLIC_URL: origin } });
  const payee = await createAccount((await signUp(server)).client, 'checking');
  const supplier = await createAccount((await signUp(server)).client, 'checking');
  const context = await launchChromium(t);
  const problems = [];
  const page = await watchPage(await context.newPage(), problems, { who: 'ada', pageStatuses: false });
  const submit = (button, url) => Promise.all([page.waitForURL(url), page.locator(button).click()]);
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true,
    },
  });

  const email = uniqueEmail('passkey');
  await page.goto(`${origin}/register`);
  await page.getByLabel('Full name').fill('Ada Lovelace');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm password').fill(PASSWORD);
  await submit('#register-button', /\/login/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await submit('#login-button', /\/dashboard/);

  await page.goto(`${origin}/profile/security`);
  assert.equal(await page.locator('#no-passkeys').count(), 1);
  await page.getByLabel('Name of a new passkey').fill('This laptop');
  await Promise.all([page.waitForSelector('.passkey-name'), page.locator('#add-passkey').click()]);
  assert.equal((await page.locator('.passkey-name').textContent()).trim(), 'This laptop');
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  assert.equal(credentials.length, 1);
  assert.equal(credentials[0].isResidentCredential, true, 'a discoverable credential');
  assert.equal(credentials[0].rpId, 'localhost');

  // Signing in again: the password, then the passkey in place of a code.
  await page.goto(`${origin}/logout`);
  await submit('#logout-confirm', /\/login/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await submit('#login-button', /\/login$/);
  assert.equal(await page.locator('#code').count(), 0, 'no code is asked without an authenticator app');
  await submit('#use-passkey', /\/dashboard/);

  // Passwordless: the passkey alone.
  await page.goto(`${origin}/logout`);
  await submit('#logout-confirm', /\/login/);
  await submit('#passkey-sign-in', /\/dashboard/);
  assert.match(await page.locator('#flash').textContent(), /Welcome back, Ada Lovelace/);
  const after = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  assert.ok(after.credentials[0].signCount >= 2, 'the authenticator signed twice');

  // A transfer to a new payee: the step-up page names payee and amount; the passkey approves.
  await page.goto(`${origin}/accounts/create`);
  await page.getByLabel(/Initial deposit/).fill('100.00');
  await submit('#create-account-button', /\/accounts$/);
  await page.goto(`${origin}/transfer`);
  await page.getByLabel(/To account/).fill(payee.account_number);
  await page.getByLabel('Amount').fill('12.50');
  await submit('#submit-button', /\/transfer$/);
  assert.equal((await page.locator('#step-up-amount').textContent()).trim(), '$12.50');
  assert.equal((await page.locator('#step-up-payee').textContent()).trim(), payee.account_number);
  assert.equal(await page.locator('#step_up_code').count(), 0, 'no code is asked without an authenticator app');
  await submit('#use-passkey', /\/transactions/);
  assert.match((await page.locator('#flash').textContent()).trim(), /^Transferred \$12\.50/);

  // A bulk payment to another new payee: previewed, then approved with the passkey.
  await page.goto(`${origin}/transfers/batch`);
  await page.getByLabel('Payments (CSV text)').fill(`to_account_number,amount,description\n${supplier.account_number},5.00,Invoice 7`);
  await submit('#preview-button', /\/transfers\/batch$/);
  await submit('#send-button', /\/transfers\/batch$/);
  assert.equal((await page.locator('#step-up-amount').textContent()).trim(), '$5.00');
  assert.equal(await page.locator('#step_up_code').count(), 0, 'no code is asked without an authenticator app');
  await Promise.all([page.waitForSelector('#batch-summary'), page.locator('#use-passkey').click()]);
  assert.match(await page.locator('#batch-summary').textContent(), /1 of 1 payments made/);

  await page.goto(`${origin}/profile/security`);
  assert.match(await page.locator('.passkey').textContent(), /last used/);
  await submit('.remove-passkey', /\/profile\/security$/);
  assert.match(await page.locator('#flash').textContent(), /passkey is removed/);
  assert.equal(await page.locator('#no-passkeys').count(), 1);

  // Removed on the server: the authenticator's copy no longer signs in.
  await page.goto(`${origin}/logout`);
  await submit('#logout-confirm', /\/login/);
  await submit('#passkey-sign-in', /\/login\/passkey$/);
  assert.match(await page.locator('#form-error').textContent(), /not registered/);
  // Chromium logs the refused page's 401 itself; that one is expected, nothing else is.
  const expected = /console error on .*\/login\/passkey: Failed to load resource: .* 401/;
  assert.equal(problems.filter((problem) => expected.test(problem)).length, 1);
  assert.deepEqual(problems.filter((problem) => !expected.test(problem)), []);
});
