// Step-up with dynamic linking over real HTTP: a transfer to an account number never paid
// before, or above the person's threshold, needs a code bound to that payee and amount
// (401 step_up_required, then the same request with X-Step-Up); another amount or payee, or
// a used challenge, is refused; the page flow shows what is approved; BANK_STEP_UP=required
// and off. Codes from oathtool (tests/support/totp.mjs); JSON checked against the OpenAPI
// document.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, elementById, flash, login, postForm, register, textOf, transfer,
} from '../support/server.mjs';
import { apiUser, openAccount, setUpApi } from '../support/api.mjs';
import {
  STEP0, oathtoolMissing, totpClock, totpCode,
} from '../support/totp.mjs';

const skip = oathtoolMissing();

// A person with an authenticator app (confirmed with the code of STEP0 - 1) and a checking
// account holding $5,000.00.
async function enrolledPayer(api) {
  const person = await apiUser(api);
  const started = await person.api.expect(201, 'POST', '/api/v1/me/totp');
  await person.api.expect(200, 'POST', '/api/v1/me/totp/confirm', {
    json: { code: totpCode(started.body.secret, STEP0 - 1) },
  });
  const account = await openAccount(person.api, 'checking', '5000.00');
  return { ...person, secret: started.body.secret, account };
}

async function payee(api) {
  const person = await apiUser(api);
  return (await openAccount(person.api, 'checking')).account_number;
}

function transferBody(payer, to, amount) {
  return { from_account_id: payer.account.account_id, to_account_number: to, amount };
}

test('a transfer to a new payee needs a code bound to that payee and amount; another amount or payee and a used challenge are refused', { skip }, async (t) => {
  const { api } = await setUpApi(t, { env: totpClock() });
  const payer = await enrolledPayer(api);
  const [bob, carol] = [await payee(api), await payee(api)];
  await payer.api.expect(200, 'POST', '/api/v1/me/step-up-threshold', { json: { step_up_threshold: '50.00' } });

  const asked = await payer.api.expect(401, 'POST', '/api/v1/transfer', {
    json: transferBody(payer, bob, '100.00'), code: 'step_up_required',
  });
  assert.equal(asked.body.payee, bob);
  assert.equal(asked.body.amount, '100.00');
  const step = `${asked.body.challenge_id}:${totpCode(payer.secret, STEP0)}`;
  // The same approval for another amount or another payee: refused, nothing moves.
  await payer.api.expect(401, 'POST', '/api/v1/transfer', {
    json: transferBody(payer, bob, '100.01'), headers: { 'X-Step-Up': step }, code: 'unauthenticated',
  });
  await payer.api.expect(401, 'POST', '/api/v1/transfer', {
    json: transferBody(payer, carol, '100.00'), headers: { 'X-Step-Up': step }, code: 'unauthenticated',
  });
  await payer.api.expect(400, 'POST', '/api/v1/transfer', {
    json: transferBody(payer, bob, '100.00'), headers: { 'X-Step-Up': 'no-colon' }, field: 'X-Step-Up',
  });
  const done = await payer.api.expect(201, 'POST', '/api/v1/transfer', {
    json: transferBody(payer, bob, '100.00'), headers: { 'X-Step-Up': step },
  });
  assert.equal(done.body.balance, '4900.00');
  // Above the threshold, the used challenge is refused even with a fresh code.
  await payer.api.expect(401, 'POST', '/api/v1/transfer', {
    json: transferBody(payer, bob, '100.00'),
    headers: { 'X-Step-Up': `${asked.body.challenge_id}:${totpCode(payer.secret, STEP0 + 1)}` },
    code: 'unauthenticated',
  });
  // A wrong code names where the request sent it: the X-Step-Up header (a transfer has no
  // `code` member).
  const toCarol = await payer.api.expect(401, 'POST', '/api/v1/transfer', {
    json: transferBody(payer, carol, '60.00'), code: 'step_up_required',
  });
  await payer.api.expect(401, 'POST', '/api/v1/transfer', {
    json: transferBody(payer, carol, '60.00'),
    headers: { 'X-Step-Up': `${toCarol.body.challenge_id}:${totpCode(payer.secret, STEP0 + 20)}` },
    code: 'unauthenticated', field: 'X-Step-Up',
  });
  // Bob is a known payee now: below the threshold no code is asked.
  await payer.api.expect(201, 'POST', '/api/v1/transfer', { json: transferBody(payer, bob, '20.00') });
  const account = await payer.api.expect(200, 'GET', `/api/v1/accounts/${payer.account.account_id}`);
  assert.equal(account.body.balance, '4880.00', 'only the approved transfer and the small one moved money');
  const events = await payer.api.expect(200, 'GET', '/api/v1/me/security-events?limit=50');
  assert.ok(events.body.events.some((event) => event.kind === 'second_factor_used'
    && event.detail.includes('$100.00') && event.detail.includes(bob)), 'the approval is audited with payee and amount');
});

test('the step-up threshold: default $1,000.00, settable, refused when invalid', { skip }, async (t) => {
  const { api } = await setUpApi(t, { env: totpClock() });
  const payer = await enrolledPayer(api);
  const bob = await payee(api);
  const first = await payer.api.expect(401, 'POST', '/api/v1/transfer', { json: transferBody(payer, bob, '10.00'), code: 'step_up_required' });
  await payer.api.expect(201, 'POST', '/api/v1/transfer', {
    json: transferBody(payer, bob, '10.00'),
    headers: { 'X-Step-Up': `${first.body.challenge_id}:${totpCode(payer.secret, STEP0)}` },
  });
  await payer.api.expect(201, 'POST', '/api/v1/transfer', { json: transferBody(payer, bob, '1000.00') });
  await payer.api.expect(401, 'POST', '/api/v1/transfer', { json: transferBody(payer, bob, '1000.01'), code: 'step_up_required' });
  await payer.api.expect(400, 'POST', '/api/v1/me/step-up-threshold', {
    json: { step_up_threshold: '-5' }, field: 'step_up_threshold',
  });
  await payer.api.expect(400, 'POST', '/api/v1/me/step-up-threshold', {
    json: { step_up_threshold: '1000000.01' }, field: 'step_up_threshold',
  });
  const status = await payer.api.expect(200, 'GET', '/api/v1/me/totp');
  assert.equal(status.body.step_up_threshold, '1000.00', 'a refused threshold changes nothing');
  assert.equal(status.body.step_up_policy, 'enrolled');
});

test('pages: the transfer form asks for a code on a page showing the payee and amount', { skip }, async (t) => {
  const { server, api } = await setUpApi(t, { env: totpClock() });
  const bob = await payee(api);
  const client = new Client(server);
  const { email, password } = await register(client);
  assert.equal((await login(client, email, password)).status, 303);
  await postForm(client, '/profile/security/totp', {}, { page: '/profile/security' });
  const secret = textOf(elementById((await client.get('/profile/security')).text, 'totp-secret'));
  await postForm(client, '/profile/security/totp/confirm', { code: totpCode(secret, STEP0 - 1) }, { page: '/profile/security' });
  const opened = await postForm(client, '/accounts/create', { account_type: 'checking', initial_balance: '300.00' },
    { page: '/accounts/create' });
  assert.equal(opened.status, 303);
  const accountId = (await client.get('/accounts')).text.match(/account_id=([0-9a-f]{32})/)[1];

  const asked = await transfer(client, accountId, bob, '25.00', 'Rent share');
  assert.equal(asked.status, 200);
  assert.equal(textOf(elementById(asked.text, 'step-up-amount')), '$25.00');
  assert.equal(textOf(elementById(asked.text, 'step-up-payee')), bob);
  const challenge = asked.text.match(/name="step_up_challenge" value="([^"]+)"/)[1];
  const fields = (code, amount = '25.00') => ({
    csrf_token: asked.text.match(/name="csrf_token" value="([^"]+)"/)[1],
    account_id: accountId, to_account_number: bob, amount, description: 'Rent share', category: '',
    step_up_challenge: challenge, step_up_code: code,
  });
  const tampered = await client.post('/transfer', fields(totpCode(secret, STEP0), '250.00'));
  assert.equal(tampered.status, 401, 'an approval for $25.00 does not move $250.00');
  const done = await client.post('/transfer', fields(totpCode(secret, STEP0)));
  assert.equal(done.status, 303);
  assert.match(flash((await client.get(done.location)).text).text, /Transferred \$25\.00/);
});

test('BANK_STEP_UP=required: a risky transfer by someone without an authenticator app is refused (403)', { skip }, async (t) => {
  const { api } = await setUpApi(t, { env: { ...totpClock(), BANK_STEP_UP: 'required' } });
  const person = await apiUser(api);
  const account = await openAccount(person.api, 'checking', '100.00');
  const bob = await payee(api);
  const refused = await person.api.expect(403, 'POST', '/api/v1/transfer', {
    json: { from_account_id: account.account_id, to_account_number: bob, amount: '5.00' }, code: 'forbidden',
  });
  assert.match(refused.body.error.message, /authenticator app/);
  assert.equal((await person.api.expect(200, 'GET', '/api/v1/me/totp')).body.step_up_policy, 'required');
});

test('BANK_STEP_UP=off: no transfer asks for a code, even with an authenticator app', { skip }, async (t) => {
  const { api } = await setUpApi(t, { env: { ...totpClock(), BANK_STEP_UP: 'off' } });
  const payer = await enrolledPayer(api);
  await payer.api.expect(201, 'POST', '/api/v1/transfer', { json: transferBody(payer, await payee(api), '2000.00') });
});
