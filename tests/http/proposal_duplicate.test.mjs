// One pending proposal per target (issue 14): a second freeze of the same account, or a
// second reversal of the same posting, while the first awaits its second administrator is
// refused 409 `conflict` naming the pending proposal, and nothing is added; once the first is
// decided, a new proposal is accepted again. Both stores.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { BANK_BINARY } from '../support/server.mjs';
import { apiUser, openAccount, setUpApi } from '../support/api.mjs';

function grantAdmin(server, email) {
  const env = { ...process.env, ...(server.tablePrefix ? { BANK_DYNAMODB_TABLE_PREFIX: server.tablePrefix } : {}) };
  execFileSync(BANK_BINARY, ['admin', 'grant', email, '--db', server.db], { env, timeout: 30_000 });
}

async function pendingCount(admin) {
  const { body } = await admin.api.expect(200, 'GET', '/api/v1/admin/proposals');
  return body.proposals.filter((p) => p.status === 'pending').length;
}

test('a second pending proposal for the same account or posting is refused 409', async (t) => {
  const { server, api } = await setUpApi(t);
  const maker = await apiUser(api, { full_name: 'Maker Admin' });
  const checker = await apiUser(api, { full_name: 'Checker Admin' });
  grantAdmin(server, maker.email);
  grantAdmin(server, checker.email);
  const ann = await apiUser(api);
  const anns = await openAccount(ann.api, 'checking', '100.00');
  const other = await openAccount(ann.api, 'savings', '5.00');

  const path = `/api/v1/admin/accounts/${anns.account_id}/freeze`;
  const first = await maker.api.expect(202, 'POST', path, { json: { mode: 'debits', reason: 'Fraud report' } });
  const again = await checker.api.expect(409, 'POST', path, { json: { mode: 'all', reason: 'Same case' }, code: 'conflict' });
  assert.equal(again.body.error.field, 'account_id');
  assert.match(again.body.error.message, new RegExp(`already pending \\(proposal ${first.body.proposal_id}\\)`));
  await maker.api.expect(202, 'POST', `/api/v1/admin/accounts/${other.account_id}/freeze`,
    { json: { mode: 'all', reason: 'Another account' } });
  assert.equal(await pendingCount(maker), 2, 'the refused proposal was not added');
  await checker.api.expect(200, 'POST', `/api/v1/admin/proposals/${first.body.proposal_id}/reject`);
  await checker.api.expect(202, 'POST', path, { json: { mode: 'all', reason: 'Proposed again after the rejection' } });

  const row = (await ann.api.expect(200, 'GET', `/api/v1/transactions?account_id=${anns.account_id}`)).body.transactions[0];
  const reverse = `/api/v1/admin/transactions/${row.transaction_id}/reverse`;
  const reversal = await maker.api.expect(202, 'POST', reverse, { json: { reason: 'Wrong deposit' } });
  const twice = await checker.api.expect(409, 'POST', reverse, { json: { reason: 'Wrong deposit' }, code: 'conflict' });
  assert.equal(twice.body.error.field, 'transaction_id');
  assert.match(twice.body.error.message, new RegExp(reversal.body.proposal_id));
});
