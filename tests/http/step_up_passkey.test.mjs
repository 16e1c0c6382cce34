// Step-up answered by a passkey, and a retried transfer that is not asked again, over real
// HTTP on either store: the 401 step_up_required of a person with a passkey offers it
// (`methods`, `passkey_options` whose challenge is the challenge id, which commits to payee and
// amount); an assertion over that challenge, sent base64url in X-Step-Up-Passkey, lets exactly
// that transfer go, once; one made for another amount or payee, replayed, or by another
// person's passkey is refused and moves nothing. A transfer approved with an Idempotency-Key
// and sent again with the same key replays its answer without a second approval. Signatures
// come from tests/support/webauthn.mjs (node:crypto); codes from oathtool; every JSON answer
// is checked against the OpenAPI document. A bulk payment is approved by a passkey the same way,
// once for the whole batch.
import test from 'node:test';
import assert from 'node:assert/strict';
import { apiUser, openAccount, setUpApi } from '../support/api.mjs';
import { SoftAuthenticator } from '../support/webauthn.mjs';
import {
  STEP0, oathtoolMissing, totpClock, totpCode,
} from '../support/totp.mjs';

const PUBLIC_URL = 'https://bank.test';
const RP = { rpId: 'bank.test', origin: PUBLIC_URL };

async function withPasskey(api) {
  const person = await apiUser(api);
  const authenticator = new SoftAuthenticator(RP);
  const options = await person.api.expect(200, 'POST', '/api/v1/me/passkeys/options');
  await person.api.expect(201, 'POST', '/api/v1/me/passkeys', {
    json: { name: 'Phone', response: authenticator.create(options.body) },
  });
  const account = await openAccount(person.api, 'checking', '5000.00');
  return { ...person, authenticator, account };
}

async function payee(api) {
  const person = await apiUser(api);
  return (await openAccount(person.api, 'checking')).account_number;
}

const body = (payer, to, amount) => ({ from_account_id: payer.account.account_id, to_account_number: to, amount });
const passkeyHeader = (assertion) => ({ 'X-Step-Up-Passkey': Buffer.from(JSON.stringify(assertion)).toString('base64url') });

async function balance(person) {
  const accounts = (await person.api.expect(200, 'GET', '/api/v1/accounts')).body.accounts;
  return accounts.find((account) => account.account_id === person.account.account_id).balance;
}

test('a passkey approves exactly the payee and amount of its step-up, once', async (t) => {
  const { api } = await setUpApi(t, { env: { BANK_PUBLIC_URL: PUBLIC_URL } });
  const payer = await withPasskey(api);
  const [bob, carol] = [await payee(api), await payee(api)];
  // Above $50.00 every transfer needs an approval, also to Bob once he has been paid.
  await payer.api.expect(200, 'POST', '/api/v1/me/step-up-threshold', { json: { step_up_threshold: '50.00' } });

  const asked = await payer.api.expect(401, 'POST', '/api/v1/transfer', {
    json: body(payer, bob, '120.00'), code: 'step_up_required',
  });
  assert.deepEqual(asked.body.methods, ['passkey'], 'no authenticator app: only the passkey is offered');
  assert.deepEqual(asked.body.passkey_options.allowCredentials, [{ type: 'public-key', id: payer.authenticator.id }]);
  assert.equal(Buffer.from(asked.body.passkey_options.challenge, 'base64url').toString(), asked.body.challenge_id);

  const approval = payer.authenticator.get(asked.body.passkey_options);
  // The approval of $120.00 to Bob, sent with $120.01 or with Carol: refused, nothing moves.
  for (const [to, amount] of [[bob, '120.01'], [carol, '120.00']]) {
    await payer.api.expect(401, 'POST', '/api/v1/transfer', {
      json: body(payer, to, amount), headers: passkeyHeader(approval), code: 'unauthenticated',
    });
  }
  assert.equal(await balance(payer), '5000.00');
  await payer.api.expect(400, 'POST', '/api/v1/transfer', {
    json: body(payer, bob, '120.00'), headers: { 'X-Step-Up-Passkey': 'not base64url!' }, field: 'X-Step-Up-Passkey',
  });
  const done = await payer.api.expect(201, 'POST', '/api/v1/transfer', {
    json: body(payer, bob, '120.00'), headers: passkeyHeader(approval),
  });
  assert.equal(done.body.balance, '4880.00');
  // The same approval again (a replay), and a fresh signature over the used challenge.
  await payer.api.expect(401, 'POST', '/api/v1/transfer', {
    json: body(payer, bob, '120.00'), headers: passkeyHeader(approval), code: 'unauthenticated',
  });
  await payer.api.expect(401, 'POST', '/api/v1/transfer', {
    json: body(payer, bob, '120.00'), headers: passkeyHeader(payer.authenticator.get(asked.body.passkey_options)),
    code: 'unauthenticated',
  });
  assert.equal(await balance(payer), '4880.00');
  const events = (await payer.api.expect(200, 'GET', '/api/v1/me/security-events?limit=50')).body.events;
  const used = events.find((event) => event.kind === 'passkey_used');
  assert.match(used.detail, /Approved a transfer of \$120\.00 to .* with passkey "Phone"/);
});

test('another person\'s passkey cannot approve a transfer', async (t) => {
  const { api } = await setUpApi(t, { env: { BANK_PUBLIC_URL: PUBLIC_URL } });
  const [payer, mallory] = [await withPasskey(api), await withPasskey(api)];
  const bob = await payee(api);
  const asked = await payer.api.expect(401, 'POST', '/api/v1/transfer', {
    json: body(payer, bob, '10.00'), code: 'step_up_required',
  });
  const stolen = mallory.authenticator.get(asked.body.passkey_options);
  await payer.api.expect(401, 'POST', '/api/v1/transfer', {
    json: body(payer, bob, '10.00'), headers: passkeyHeader(stolen), code: 'unauthenticated',
  });
  assert.equal(await balance(payer), '5000.00');
});

test('a transfer approved with an Idempotency-Key and retried with it replays without a second approval', { skip: oathtoolMissing() }, async (t) => {
  const { api } = await setUpApi(t, { env: totpClock() });
  const payer = await apiUser(api);
  const started = await payer.api.expect(201, 'POST', '/api/v1/me/totp');
  await payer.api.expect(200, 'POST', '/api/v1/me/totp/confirm', {
    json: { code: totpCode(started.body.secret, STEP0 - 1) },
  });
  payer.account = await openAccount(payer.api, 'checking', '500.00');
  const bob = await payee(api);
  const key = { 'Idempotency-Key': 'rent-2026-06' };
  const asked = await payer.api.expect(401, 'POST', '/api/v1/transfer', {
    json: body(payer, bob, '75.00'), headers: key, code: 'step_up_required',
  });
  const step = `${asked.body.challenge_id}:${totpCode(started.body.secret, STEP0)}`;
  const first = await payer.api.expect(201, 'POST', '/api/v1/transfer', {
    json: body(payer, bob, '75.00'), headers: { ...key, 'X-Step-Up': step },
  });
  // The answer was lost; the client sends the same request with the same key, no approval.
  const retried = await payer.api.expect(201, 'POST', '/api/v1/transfer', { json: body(payer, bob, '75.00'), headers: key });
  assert.equal(retried.headers.get('idempotent-replayed'), 'true');
  assert.deepEqual(retried.body, first.body);
  // Another body with that key is a conflict, not a new step-up, and moves nothing.
  await payer.api.expect(409, 'POST', '/api/v1/transfer', {
    json: body(payer, bob, '76.00'), headers: key, code: 'idempotency_conflict',
  });
  // The key only spares a posting made under it: a standing order to a new payee sent with
  // that header is asked for its approval all the same.
  const carol = await payee(api);
  await payer.api.expect(401, 'POST', '/api/v1/standing-orders', {
    json: {
      from_account_id: payer.account.account_id, to_account_number: carol, amount: '75.00',
      description: 'Rent', start_date: '2026-07-01', rrule: 'FREQ=MONTHLY;BYMONTHDAY=1',
    },
    headers: key, code: 'step_up_required',
  });
  // A new key is a new transfer, decided afresh: Bob is a known payee now and $80.00 is under
  // the default threshold of $1,000.00, so it needs no approval.
  const next = await payer.api.expect(201, 'POST', '/api/v1/transfer', {
    json: body(payer, bob, '80.00'), headers: { 'Idempotency-Key': 'rent-2026-07' },
  });
  assert.equal(next.body.balance, '345.00');
});

test('a passkey approves a bulk payment once, bound to its count, total and payees', async (t) => {
  const { api } = await setUpApi(t, { env: { BANK_PUBLIC_URL: PUBLIC_URL } });
  const payer = await withPasskey(api);
  const [bob, carol] = [await payee(api), await payee(api)];
  const path = '/api/v1/transfers/batch';
  const transfers = [body(payer, bob, '10.00'), body(payer, carol, '20.00')];
  const asked = await payer.api.expect(401, 'POST', path, { json: { transfers }, code: 'step_up_required' });
  assert.equal(asked.body.count, 2);
  assert.equal(asked.body.total, '30.00');
  assert.deepEqual(asked.body.methods, ['passkey']);
  const approval = payer.authenticator.get(asked.body.passkey_options);
  // The approval of these two transfers, sent with another amount: refused, nothing moves.
  await payer.api.expect(401, 'POST', path, {
    json: { transfers: [body(payer, bob, '10.00'), body(payer, carol, '20.01')] },
    headers: passkeyHeader(approval), code: 'unauthenticated',
  });
  assert.equal(await balance(payer), '5000.00');
  const done = await payer.api.expect(200, 'POST', path, { json: { transfers }, headers: passkeyHeader(approval) });
  assert.deepEqual(done.body.results.map((result) => result.status), ['created', 'created']);
  assert.equal(await balance(payer), '4970.00');
  const events = (await payer.api.expect(200, 'GET', '/api/v1/me/security-events?limit=50')).body.events;
  assert.ok(events.some((event) => event.kind === 'passkey_used'
    && /Approved a bulk payment of 2 transfers totalling \$30\.00 with passkey "Phone"/.test(event.detail)));
});
