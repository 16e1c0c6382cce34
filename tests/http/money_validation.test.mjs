// Amounts, account numbers and account states that the bank must refuse without moving money,
// and the history views (filters, paging, CSV export).
import test from 'node:test';
import { MIDMONTH_NOON, testClock } from '../support/clock.mjs';
import assert from 'node:assert/strict';
import {
  startServer, signUp, postForm, createAccount, deposit, withdraw, transfer, balanceOf, accountById,
  allTransactions, transactionRows, nextPageHref, parseCsv, flash, formError, fieldError,
  unusedAccountNumber, mistype, validAccountNumber,
} from '../support/server.mjs';

test('malformed, zero, negative and too large amounts are refused with a field error', async (t) => {
  const server = await startServer(t);
  const { client } = await signUp(server);
  const checking = await createAccount(client, 'checking', '100');
  const savings = await createAccount(client, 'savings');

  const bad = ['', 'abc', '-5', '0', '1.234', '1e3', '1,00', '1000000.01'];
  for (const amount of bad) {
    const response = await deposit(client, checking.account_id, amount, 'bad amount');
    assert.equal(response.status, 400, `deposit of ${JSON.stringify(amount)}`);
    assert.ok(fieldError(response.text, 'amount'), `error-amount is shown for ${JSON.stringify(amount)}`);
    assert.ok(formError(response.text), `form-error summary for ${JSON.stringify(amount)}`);
  }
  for (const amount of ['abc', '0', '-5']) {
    const out = await withdraw(client, checking.account_id, amount);
    assert.equal(out.status, 400, `withdrawal of ${JSON.stringify(amount)}`);
    assert.ok(fieldError(out.text, 'amount'), 'error-amount on /withdraw');
    const moved = await transfer(client, checking.account_id, savings.account_number, amount);
    assert.equal(moved.status, 400, `transfer of ${JSON.stringify(amount)}`);
    assert.ok(fieldError(moved.text, 'amount'), 'error-amount on /transfer');
  }
  const kept = await deposit(client, checking.account_id, '1.234', 'typed');
  assert.match(kept.text, /value="1\.234"/, 'the typed amount is kept in the form');
  assert.equal(await balanceOf(client, checking.account_id), 100_00, 'nothing moved');
  assert.equal(await balanceOf(client, savings.account_id), 0, 'nothing moved');
  assert.equal((await allTransactions(client)).length, 1, 'only the opening deposit is in the history');

  // Accepted spellings.
  assert.equal((await deposit(client, checking.account_id, '1,000.50')).status, 303, '"1,000.50"');
  assert.equal(await balanceOf(client, checking.account_id), 1100_50);
  assert.equal((await deposit(client, checking.account_id, '$12.34')).status, 303, '"$12.34"');
  assert.equal(await balanceOf(client, checking.account_id), 1112_84);
  assert.equal((await deposit(client, savings.account_id, '1000000.00')).status, 303, 'the $1,000,000.00 maximum');
  assert.equal(await balanceOf(client, savings.account_id), 1_000_000_00);
});

test('spending more than the balance answers 422 "Insufficient funds" and changes nothing', async (t) => {
  const server = await startServer(t);
  const { client } = await signUp(server);
  const checking = await createAccount(client, 'checking', '50');
  const savings = await createAccount(client, 'savings');

  const out = await withdraw(client, checking.account_id, '50.01', 'too much');
  assert.equal(out.status, 422);
  assert.match(formError(out.text) ?? '', /Insufficient funds/);
  const moved = await transfer(client, checking.account_id, savings.account_number, '60');
  assert.equal(moved.status, 422);
  assert.match(formError(moved.text) ?? '', /Insufficient funds/);
  assert.equal(await balanceOf(client, checking.account_id), 50_00);
  assert.equal(await balanceOf(client, savings.account_id), 0);

  // Spending exactly everything is fine.
  assert.equal((await withdraw(client, checking.account_id, '50.00')).status, 303);
  assert.equal(await balanceOf(client, checking.account_id), 0);
});

test('transfers to a mistyped, unknown, the same or a closed account are refused', async (t) => {
  const server = await startServer(t);
  const { client } = await signUp(server);
  const checking = await createAccount(client, 'checking', '100');
  const spare = await createAccount(client, 'savings');
  assert.ok(validAccountNumber(checking.account_number), `account number ${checking.account_number} has a Damm check digit`);

  const typo = mistype(spare.account_number);
  const mistyped = await transfer(client, checking.account_id, typo, '10');
  assert.equal(mistyped.status, 400, `one digit changed: ${typo}`);
  assert.ok(fieldError(mistyped.text, 'to_account_number'), 'error-to_account_number is shown');
  assert.ok(mistyped.text.includes(typo), 'the typed number is kept in the form');

  const letters = await transfer(client, checking.account_id, '12345abcde', '10');
  assert.equal(letters.status, 400, 'letters in the account number');

  const nobody = unusedAccountNumber([checking.account_number, spare.account_number]);
  const unknown = await transfer(client, checking.account_id, nobody, '10');
  assert.equal(unknown.status, 404, `well-formed but unknown number ${nobody}`);

  const self = await transfer(client, checking.account_id, checking.account_number, '10');
  assert.equal(self.status, 400, 'to the same account');

  const closed = await postForm(client, '/accounts/close', { account_id: spare.account_id }, { page: '/accounts' });
  assert.equal(closed.status, 303);
  const toClosed = await transfer(client, checking.account_id, spare.account_number, '10');
  assert.equal(toClosed.status, 422, 'to a closed account');

  assert.equal(await balanceOf(client, checking.account_id), 100_00, 'no money moved');
  assert.equal(await balanceOf(client, spare.account_id), 0, 'no money moved');
  assert.equal((await allTransactions(client)).length, 1, 'only the opening deposit is in the history');
});

// Refused: either the form comes back with a 4xx and an error, or (Post/Redirect/Get) the next
// page shows an alert-danger flash.
async function assertRefused(client, response, what) {
  if (response.status === 303) {
    const next = await client.get(response.location);
    const message = flash(next.text);
    assert.match(message?.className ?? '', /alert-danger/, `${what}: 303 must lead to an error flash, got ${JSON.stringify(message)}`);
  } else {
    assert.ok(response.status >= 400 && response.status < 500, `${what}: refused with 4xx (got ${response.status})`);
    assert.ok(formError(response.text), `${what}: the page says why`);
  }
}

test('an account with money cannot be closed; an empty one closes and is no longer usable', async (t) => {
  const server = await startServer(t);
  const { client } = await signUp(server);
  const funded = await createAccount(client, 'checking', '25');
  const empty = await createAccount(client, 'savings');

  assert.equal((await accountById(client, funded.account_id)).closable, false, 'no close form for an account with money');
  assert.equal((await accountById(client, empty.account_id)).closable, true, 'a close form for an empty account');

  const refused = await postForm(client, '/accounts/close', { account_id: funded.account_id }, { page: '/accounts' });
  await assertRefused(client, refused, 'closing an account with money');
  assert.equal((await accountById(client, funded.account_id)).status, 'active');
  assert.equal(await balanceOf(client, funded.account_id), 25_00);

  const closed = await postForm(client, '/accounts/close', { account_id: empty.account_id }, { page: '/accounts' });
  assert.equal(closed.status, 303);
  assert.equal(closed.location, '/accounts');
  const accountsPage = await client.get('/accounts');
  assert.equal(flash(accountsPage.text)?.text, `Account ${empty.account_number} is closed.`);
  const row = await accountById(client, empty.account_id);
  assert.equal(row.status, 'closed', `row says closed: ${row.text}`);
  assert.equal(row.closable, false);

  assert.equal((await deposit(client, empty.account_id, '10')).status, 422, 'deposit into a closed account');
  assert.equal((await transfer(client, empty.account_id, funded.account_number, '1')).status, 422,
    'transfer from a closed account');
  const again = await postForm(client, '/accounts/close', { account_id: empty.account_id }, { page: '/accounts' });
  await assertRefused(client, again, 'closing an account twice');
  assert.equal(await balanceOf(client, empty.account_id), 0);
  assert.equal(await balanceOf(client, funded.account_id), 25_00);
});

// The server's clock starts at noon mid-month (the BANK_TEST_NOW hook): the range filters
// below hold on any day and across midnight.
const day = (offset) => new Date(Date.parse(MIDMONTH_NOON) + offset * 86_400_000).toISOString().slice(0, 10);

test('history filters, paging with limit=2 and the CSV export show each row exactly once', async (t) => {
  const server = await startServer(t, { env: testClock() });
  const { client } = await signUp(server);
  const checking = await createAccount(client, 'checking');
  const savings = await createAccount(client, 'savings');
  const steps = [
    () => deposit(client, checking.account_id, '100', 'Paycheck alpha'),
    () => withdraw(client, checking.account_id, '10', 'Coffee beans'),
    () => withdraw(client, checking.account_id, '20', 'Book store'),
    () => deposit(client, checking.account_id, '5', 'Refund gamma'),
    () => transfer(client, checking.account_id, savings.account_number, '30', 'Move to savings'),
    () => deposit(client, savings.account_id, '7', '=1+2 formula'),
  ];
  for (const step of steps) assert.equal((await step()).status, 303);

  const all = await allTransactions(client);
  assert.equal(all.length, 7, 'six operations, the transfer has two legs');
  assert.equal(new Set(all.map((r) => r.id)).size, 7);

  const described = (rows) => rows.map((r) => r.text);
  const count = async (query) => (await allTransactions(client, query)).length;
  const deposits = await allTransactions(client, 'type=deposit');
  assert.equal(deposits.length, 3, `type=deposit: ${described(deposits)}`);
  for (const row of deposits) assert.match(row.text, /Paycheck alpha|Refund gamma|=1\+2 formula/);
  const withdrawals = await allTransactions(client, 'type=withdrawal');
  assert.equal(withdrawals.length, 2, `type=withdrawal: ${described(withdrawals)}`);
  for (const row of withdrawals) assert.match(row.text, /Coffee beans|Book store/);
  assert.equal(await count(`account_id=${savings.account_id}`), 2, 'savings: transfer in and a deposit');
  assert.equal(await count(`account_id=${checking.account_id}&type=withdrawal`), 2);
  const coffee = await allTransactions(client, 'q=Coffee');
  assert.equal(coffee.length, 1, `q=Coffee: ${described(coffee)}`);
  assert.match(coffee[0].text, /Coffee beans/);
  assert.equal(await count(`from=${day(-1)}&to=${day(1)}`), 7, 'a range around today');
  assert.equal(await count(`from=${day(1)}`), 0, 'from tomorrow');
  assert.equal(await count(`to=${day(-1)}`), 0, 'until yesterday');

  assert.equal((await client.get('/transactions?limit=100')).status, 200, 'limit=100 is the largest page');
  assert.equal((await client.get('/transactions?limit=1')).status, 200, 'limit=1 is the smallest page');

  // Paging: follow "Next page" with two rows per page.
  const seen = [];
  let href = '/transactions?limit=2';
  let pages = 0;
  while (href) {
    const page = await client.get(href);
    assert.equal(page.status, 200, `GET ${href}`);
    const rows = transactionRows(page.text);
    assert.ok(rows.length >= 1 && rows.length <= 2, `page ${pages + 1} has ${rows.length} rows`);
    seen.push(...rows.map((r) => r.id));
    href = nextPageHref(page.text);
    pages += 1;
    assert.ok(pages <= 10, 'paging ends');
  }
  assert.equal(pages, 4, '7 rows at 2 per page');
  assert.deepEqual(seen, all.map((r) => r.id), 'every row exactly once, newest first');

  // CSV export.
  const csv = await client.get('/transactions.csv');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
  assert.match(csv.headers.get('content-disposition') ?? '', /attachment/);
  const records = parseCsv(csv.text).filter((r) => r.some((field) => field !== ''));
  assert.equal(records.length, 1 + 7, 'a header row and one line per transaction');
  const formula = records.flat().find((field) => field.includes('1+2'));
  assert.ok(formula, 'the description is exported');
  assert.ok(!/^[=+\-@]/.test(formula), `the formula is neutralised: ${JSON.stringify(formula)}`);
  const filtered = parseCsv((await client.get('/transactions.csv?type=deposit')).text)
    .filter((r) => r.some((field) => field !== ''));
  assert.equal(filtered.length, 1 + 3, 'the CSV honours the same filters');
});
