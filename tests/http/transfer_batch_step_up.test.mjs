// Step-up for bulk payments over real HTTP: a batch with any item that would need an approval
// alone (a new payee, or above the threshold) is answered 401 step_up_required once, bound to
// the batch's count, total and payees' digest (SHA-256 over the sorted "<number> <cents>"
// lines, recomputed here with node:crypto); the same request with X-Step-Up goes through; the
// same code for a batch with another count, total or payee is refused. Codes from oathtool.
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { apiUser, openAccount, setUpApi } from '../support/api.mjs';
import {
  STEP0, oathtoolMissing, totpClock, totpCode,
} from '../support/totp.mjs';

const skip = oathtoolMissing();

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

function digest(transfers) {
  const lines = transfers.map((item) => `${item.to_account_number} ${Math.round(Number(item.amount) * 100)}`).sort();
  return crypto.createHash('sha256').update(lines.join('\n')).digest('hex');
}

test('a risky batch is approved once, bound to its count, total and payees', { skip }, async (t) => {
  const { api } = await setUpApi(t, { env: totpClock() });
  const payer = await enrolledPayer(api);
  const [bob, carol, dave] = [await payee(api), await payee(api), await payee(api)];
  const item = (to, amount) => ({ from_account_id: payer.account.account_id, to_account_number: to, amount });
  const transfers = [item(bob, '10.00'), item(carol, '20.00')];
  const path = '/api/v1/transfers/batch';
  // Carol's $20.00 stays above the threshold after she was paid once.
  await payer.api.expect(200, 'POST', '/api/v1/me/step-up-threshold', { json: { step_up_threshold: '15.00' } });

  const asked = await payer.api.expect(401, 'POST', path, { json: { transfers }, code: 'step_up_required' });
  assert.equal(asked.body.count, 2);
  assert.equal(asked.body.total, '30.00');
  assert.equal(asked.body.payees_digest, digest(transfers));
  const step = `${asked.body.challenge_id}:${totpCode(payer.secret, STEP0)}`;

  // The same approval for another count, total or payee set: refused, nothing moves.
  for (const other of [
    [...transfers, item(dave, '1.00')],
    [item(bob, '10.00'), item(carol, '20.01')],
    [item(bob, '10.00'), item(dave, '20.00')],
    [item(bob, '20.00'), item(carol, '10.00')],
  ]) {
    await payer.api.expect(401, 'POST', path, {
      json: { transfers: other }, headers: { 'X-Step-Up': step }, code: 'unauthenticated',
    });
  }
  const done = await payer.api.expect(200, 'POST', path, { json: { transfers }, headers: { 'X-Step-Up': step } });
  assert.deepEqual(done.body.results.map((result) => result.status), ['created', 'created']);
  // A used challenge is refused.
  await payer.api.expect(401, 'POST', path, { json: { transfers }, headers: { 'X-Step-Up': step } });
  // Bob, paid before and under the threshold, alone: no approval needed.
  const again = await payer.api.expect(200, 'POST', path, { json: { transfers: [item(bob, '10.00')] } });
  assert.equal(again.body.results[0].status, 'created');
  const balance = (await payer.api.expect(200, 'GET', `/api/v1/accounts/${payer.account.account_id}`)).body.balance;
  assert.equal(balance, '4960.00');
});
