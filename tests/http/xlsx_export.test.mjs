// The history as an Excel workbook (/transactions.xlsx and /api/v1/transactions.xlsx): read
// back with npm exceljs (a reader nobody here wrote), it holds exactly the rows of the CSV
// export for the same filter, in the same order, with dates as dates and amounts as numbers in
// a currency format; bad filters are refused as for the CSV.
import test from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import {
  startServer, signUp, createAccount, deposit, withdraw, transfer, parseCsv,
} from '../support/server.mjs';
import { setUpApi, apiUser, openAccount } from '../support/api.mjs';
import { parseCents } from '../support/money.mjs';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TITLES = ['Date (UTC)', 'Transaction ID', 'Account ID', 'Type', 'Amount', 'Balance after',
  'Counterparty account', 'Description', 'Category', 'Transfer ID'];

const csvRows = (text) => parseCsv(text).filter((r) => r.some((field) => field !== '')).slice(1);

// The sheet's rows as arrays of cell values (exceljs: Date for a date cell, number, string).
async function workbookRows(bytes) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes);
  assert.deepEqual(workbook.worksheets.map((sheet) => sheet.name), ['Transactions']);
  const sheet = workbook.getWorksheet('Transactions');
  const rows = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    rows.push({ values: TITLES.map((_, i) => row.getCell(i + 1).value), formats: TITLES.map((_, i) => row.getCell(i + 1).numFmt) });
  });
  assert.deepEqual(rows[0].values, TITLES, 'the title row');
  return rows.slice(1);
}

// Each workbook row equals its CSV row: the same ids and texts, the timestamp as a date (to
// the millisecond), amounts as numbers worth exactly the CSV's cents, in a $ format.
function assertSameRows(sheetRows, csv) {
  assert.equal(sheetRows.length, csv.length, 'as many rows as the CSV');
  sheetRows.forEach(({ values, formats }, i) => {
    const expected = csv[i];
    assert.ok(values[0] instanceof Date, `row ${i}: the date is a date cell`);
    assert.equal(values[0].getTime(), Math.floor(Date.parse(expected[0])), `row ${i}: the instant`);
    assert.deepEqual(values.slice(1, 4), expected.slice(1, 4), `row ${i}: ids and type`);
    for (const column of [4, 5]) {
      assert.equal(typeof values[column], 'number', `row ${i}: column ${TITLES[column]} is a number`);
      assert.equal(Math.round(values[column] * 100), parseCents(expected[column]), `row ${i}: ${TITLES[column]}`);
      assert.match(formats[column], /\$.*#,##0\.00/, `row ${i}: a currency format`);
    }
    const text = (value) => (value === null ? '' : value);
    // The CSV neutralises a leading = + - @ with a quote; the workbook keeps the text as text.
    assert.deepEqual(values.slice(6).map(text), expected.slice(6).map((cell) => cell.replace(/^'(?=[=+\-@])/, '')),
      `row ${i}: counterparty, description, category, transfer`);
  });
}

test('the page exports the filtered history as a workbook equal to the CSV', { timeout: 120_000 }, async (t) => {
  const server = await startServer(t);
  const { client } = await signUp(server);
  const checking = await createAccount(client, 'checking', '500');
  const savings = await createAccount(client, 'savings');
  for (const response of [
    await deposit(client, checking.account_id, '1234.56', 'Salary'),
    await withdraw(client, checking.account_id, '19.99', '=SUM(A1:A9)', 'shopping'),
    await withdraw(client, checking.account_id, '250', 'Flights', 'travel'),
    await transfer(client, checking.account_id, savings.account_number, '100.01', 'To savings'),
  ]) assert.equal(response.status, 303, response.text);

  const page = await client.get('/transactions?category=travel');
  assert.match(page.text, /<a [^>]*href="\/transactions\.xlsx\?category=travel"[^>]*>Export Excel<\/a>/);

  for (const query of ['', '?category=travel', '?sort=smallest&min_amount=20']) {
    const workbook = await client.get(`/transactions.xlsx${query}`, { binary: true });
    assert.equal(workbook.status, 200, `GET /transactions.xlsx${query}`);
    assert.equal(workbook.headers.get('content-type'), XLSX);
    assert.match(workbook.headers.get('content-disposition') ?? '', /^attachment; filename="transactions\.xlsx"$/);
    const csv = csvRows((await client.get(`/transactions.csv${query}`)).text);
    assert.ok(csv.length > 0, `the filter ${query} has rows`);
    assertSameRows(await workbookRows(workbook.bytes), csv);
  }

  const refused = await client.get('/transactions.xlsx?min_amount=ten');
  assert.equal(refused.status, 400);
  assert.match(refused.text, /amount/i);
});

test('the API exports a workbook, refuses bad filters with the field and needs a token', { timeout: 120_000 }, async (t) => {
  const { api: root } = await setUpApi(t);
  const { api } = await apiUser(root);
  const other = (await apiUser(root)).api;
  const account = await openAccount(api, 'checking', '1000');
  for (const [amount, description] of [['5', 'Uber ride'], ['7.50', 'cafe latte'], ['20', 'uber XL']]) {
    await api.expect(201, 'POST', '/api/v1/withdraw', { json: { account_id: account.account_id, amount, description } });
  }

  const path = '/api/v1/transactions.xlsx?sort=smallest&max_amount=10';
  const workbook = await api.request('GET', path, { raw: true, binary: true });
  assert.equal(workbook.status, 200);
  assert.equal(workbook.headers.get('content-type'), XLSX);
  const csv = csvRows((await api.request('GET', path.replace('.xlsx', '.csv'), { raw: true })).text);
  assert.deepEqual(csv.map((r) => r[4]), ['5.00', '7.50']);
  assertSameRows(await workbookRows(workbook.bytes), csv);

  // Another person's workbook has none of these rows.
  const theirs = await other.request('GET', '/api/v1/transactions.xlsx', { raw: true, binary: true });
  assert.equal(theirs.status, 200);
  assert.deepEqual(await workbookRows(theirs.bytes), []);

  await api.expect(400, 'GET', '/api/v1/transactions.xlsx?category=bribes', { code: 'validation_failed', field: 'category' });
  await api.expect(400, 'GET', `/api/v1/transactions.xlsx?account_id=${account.account_id}&from=2027-13-01`, { field: 'from' });
  await api.expect(401, 'GET', '/api/v1/transactions.xlsx', { token: null, code: 'unauthenticated' });
});
