// The bulk payment page (/transfers/batch), linked from /transfer: a CSV previewed with every
// row's problem named (a bad amount, one over the limit, an unknown account, a paying account
// that is not yours, a header naming a column twice, a file over the size limit), then sent as
// one batch with each row's outcome shown; CSRF as every form; labelled fields and table
// headers.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  balanceOf, createAccount, formError, postForm, signUp, tags, textOf, unusedAccountNumber,
} from '../support/server.mjs';
import { startServer } from '../support/server.mjs';

test('a CSV of payments is previewed row by row, then sent as one batch', async (t) => {
  const server = await startServer(t);
  const { client } = await signUp(server, { full_name: 'Ann Business' });
  const { client: ben } = await signUp(server, { full_name: 'Ben Employee' });
  const payer = await createAccount(client, 'checking', '100.00');
  const other = await createAccount(ben, 'checking');
  const unknown = unusedAccountNumber([other.account_number]);

  await t.test('the page is linked from /transfer and labels its fields', async () => {
    const transfer = await client.get('/transfer');
    assert.match(transfer.text, /href="\/transfers\/batch"/);
    const page = await client.get('/transfers/batch');
    assert.equal(page.status, 200);
    for (const id of ['account_id', 'csv_file', 'csv']) {
      assert.match(page.text, new RegExp(`<label for="${id}"`), `a label for ${id}`);
    }
  });

  await t.test('the preview names every row\'s problem and offers no send', async () => {
    const csv = [
      'to_account_number,amount,description',
      `${other.account_number},10.00,Salary`,
      `${other.account_number},ten,Bad amount`,
      `${other.account_number},2000000.00,Too much`,
      `${unknown},1.00,Nobody`,
      `${other.account_number},1.00`,
    ].join('\n');
    const page = await postForm(client, '/transfers/batch', { account_id: payer.account_id, csv, action: 'preview' });
    assert.equal(page.status, 422);
    const text = textOf(page.text);
    assert.match(text, /5 payments, 4 with problems/);
    assert.match(text, /Amount: /);
    assert.match(text, /over the limit/);
    assert.match(text, /no open account in this bank has that number/);
    assert.match(text, /This row has 2 fields; the header has 3/);
    assert.doesNotMatch(page.text, /id="send-button"/);
    assert.ok(tags(page.text, 'th').length >= 7, 'the preview has column headers');
    assert.equal(await balanceOf(ben, other.account_id), 0);
  });

  await t.test('a file refused whole: a column named twice, a paying account not yours, too large', async () => {
    const twice = await postForm(client, '/transfers/batch', {
      account_id: payer.account_id, csv: 'to_account_number,amount,amount\n1,2,3', action: 'preview',
    });
    assert.equal(twice.status, 400);
    assert.match(formError(twice.text), /names the column amount twice/);
    const notMine = await postForm(client, '/transfers/batch', {
      account_id: payer.account_id,
      csv: `from_account_number,to_account_number,amount\n${other.account_number},${other.account_number},1.00`,
      action: 'preview',
    });
    assert.match(textOf(notMine.text), /From account: not one of your open accounts/);
    const big = `to_account_number,amount,description\n${`${other.account_number},1.00,${'x'.repeat(100)}\n`.repeat(1300)}`;
    const tooLarge = await postForm(client, '/transfers/batch', { account_id: payer.account_id, csv: big, action: 'preview' });
    assert.equal(tooLarge.status, 400);
    assert.match(formError(tooLarge.text), /larger than 128 KiB \(transfer_batch_csv_bytes_max\)/);
  });

  await t.test('a clean file is sent as one batch and each row\'s outcome shown', async () => {
    const csv = `to_account_number,amount,description\n${other.account_number},10.00,Salary\n${other.account_number},95.00,Bonus\n"${other.account_number}","1.50","Lunch, Friday"\n`;
    const preview = await postForm(client, '/transfers/batch', { account_id: payer.account_id, csv, action: 'preview' });
    assert.equal(preview.status, 200);
    assert.match(preview.text, /id="send-button"/);
    const sent = await postForm(client, '/transfers/batch', { account_id: payer.account_id, csv, action: 'send' });
    assert.equal(sent.status, 200);
    const text = textOf(sent.text);
    assert.match(text, /2 of 3 payments made/);
    assert.match(text, /Refused: /);
    assert.equal(await balanceOf(ben, other.account_id), 11_50);
    assert.equal(await balanceOf(client, payer.account_id), 88_50);
  });

  await t.test('without the CSRF token the form is refused', async () => {
    const refused = await client.post('/transfers/batch', { account_id: payer.account_id, csv: 'x', action: 'send' });
    assert.equal(refused.status, 403);
  });
});
