// Categories and the history: rules kept on /categories, inferred categories, recategorising
// a row (the ledger still verifies), the history's filters, sorts and keyset pages, and the
// CSV export of exactly the filtered rows; the same through the JSON API, every response
// checked against the OpenAPI document.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, signUp, createAccount, postForm, deposit, withdraw, transfer, verifyLedger, allTransactions,
  csrf, flash, formError, fieldError, tags, textOf, transactionRows, nextPageHref, parseCsv,
} from '../support/server.mjs';
import { setUpApi, apiUser, openAccount, allTransactions as apiAllTransactions } from '../support/api.mjs';
import { testClock, dayOf, MIDMONTH_NOON } from '../support/clock.mjs';
import { parseDisplayedCents } from '../support/money.mjs';

// ---------------------------------------------------------------------------------------------
// Reading the pages

// Rows of /transactions with what the markup says about each.
function historyRows(html) {
  return transactionRows(html).map((row) => {
    const attributes = tags(row.html, 'tr')[0].attributes;
    const amount = /<td class="text-end (?:text-success|text-danger)"[^>]*>[+−](\$[\d,]+\.\d\d)<\/td>/.exec(row.html);
    const description = /<td class="description"[^>]*>([\s\S]*?)<\/td>/.exec(row.html);
    const account = /<td class="font-monospace"[^>]*>(\d+)<\/td>/.exec(row.html);
    return {
      id: row.id,
      type: attributes['data-type'],
      category: attributes['data-category'],
      cents: amount ? parseDisplayedCents(amount[1]) : null,
      description: description ? textOf(description[1]) : null,
      account: account ? account[1] : null,
      html: row.html,
    };
  });
}

// Every row of a /transactions query, read with historyRows (the shared pager).
const history = (client, query = '') => allTransactions(client, query, historyRows);

function ruleRows(html) {
  return tags(html, 'tr')
    .filter((t) => t.attributes['data-rule-id'] !== undefined)
    .map((t) => {
      const rest = html.slice(t.index);
      return {
        rule_id: t.attributes['data-rule-id'],
        pattern: textOf(/<td class="rule-pattern"[^>]*>([\s\S]*?)<\/td>/.exec(rest)[1]),
        // Shown capitalised ("Groceries"); the form's value is the lower-case name.
        category: textOf(/<td class="rule-category"[^>]*>([\s\S]*?)<\/td>/.exec(rest)[1]).toLowerCase(),
      };
    });
}

const csvRecords = (text) => parseCsv(text).filter((r) => r.some((field) => field !== ''));

// The expected order of rows given in newest-first order (the posting order reversed).
function sorted(newestFirst, sort) {
  const ranked = newestFirst.map((row, index) => ({ row, sequence: newestFirst.length - index }));
  const order = {
    newest: (a, b) => b.sequence - a.sequence,
    oldest: (a, b) => a.sequence - b.sequence,
    largest: (a, b) => b.row.cents - a.row.cents || b.sequence - a.sequence,
    smallest: (a, b) => a.row.cents - b.row.cents || a.sequence - b.sequence,
  }[sort];
  return ranked.sort(order).map((r) => r.row);
}

const ids = (rows) => rows.map((r) => r.id ?? r.transaction_id);

// ---------------------------------------------------------------------------------------------

test('rules are kept on /categories and infer the category of new payments', { timeout: 120_000 }, async (t) => {
  const server = await startServer(t);
  const { client } = await signUp(server, { full_name: 'Alice Rules' });
  const bob = await signUp(server, { full_name: 'Bob Other' });

  const empty = await client.get('/categories');
  assert.equal(empty.status, 200);
  assert.match(empty.text, /id="no-rules"/);
  assert.match(empty.text, /href="\/categories"/, 'the nav links to /categories');

  const added = await postForm(client, '/categories', { pattern: '  uber ', category: 'transport' });
  assert.equal(added.status, 303);
  assert.equal(added.location, '/categories');
  let page = await client.get('/categories');
  assert.equal(flash(page.text).text, 'Rule added: descriptions containing "uber" get transport.');
  assert.equal((await postForm(client, '/categories', { pattern: 'Tesco', category: 'groceries' })).status, 303);
  assert.equal((await postForm(client, '/categories', { pattern: 'Eats', category: 'dining' })).status, 303);
  page = await client.get('/categories');
  assert.deepEqual(ruleRows(page.text).map((r) => [r.pattern, r.category]),
    [['uber', 'transport'], ['Tesco', 'groceries'], ['Eats', 'dining']], 'oldest (tried first) first');

  // Refusals re-render the form with the typed pattern and the field's message.
  const refusals = [
    [{ pattern: '', category: 'transport' }, 'pattern'],
    [{ pattern: 'x'.repeat(101), category: 'transport' }, 'pattern'],
    [{ pattern: 'UBER', category: 'travel' }, 'pattern'],
    [{ pattern: 'cinema', category: 'bribes' }, 'category'],
  ];
  for (const [fields, field] of refusals) {
    const refused = await postForm(client, '/categories', fields);
    assert.equal(refused.status, 400, `${JSON.stringify(fields)}`);
    assert.ok(formError(refused.text), 'a summary');
    assert.ok(fieldError(refused.text, field), `the ${field} message for ${JSON.stringify(fields)}`);
  }
  const keptValue = await postForm(client, '/categories', { pattern: 'cinema <b>', category: 'bribes' });
  assert.match(keptValue.text, /value="cinema &lt;b&gt;"/, 'the typed pattern comes back, escaped');
  assert.equal(ruleRows((await client.get('/categories')).text).length, 3, 'nothing was added');

  // Without a CSRF token nothing is added.
  assert.equal((await client.post('/categories', { pattern: 'sneaky', category: 'other' })).status, 403);

  // Deleting: only one's own rules.
  const rules = ruleRows((await client.get('/categories')).text);
  const eats = rules.find((r) => r.pattern === 'Eats');
  const foreign = await postForm(bob.client, '/categories/delete', { rule_id: eats.rule_id }, { page: '/categories' });
  assert.equal(foreign.status, 404);
  const deleted = await postForm(client, '/categories/delete', { rule_id: eats.rule_id }, { page: '/categories' });
  assert.equal(deleted.status, 303);
  page = await client.get('/categories');
  assert.equal(flash(page.text).text, 'Rule deleted.');
  assert.deepEqual(ruleRows(page.text).map((r) => r.pattern), ['uber', 'Tesco']);
  assert.equal((await postForm(client, '/categories/delete', { rule_id: eats.rule_id }, { page: '/categories' })).status, 404);

  // Inference on new payments.
  const checking = await createAccount(client, 'checking', '1000');
  const savings = await createAccount(client, 'savings');
  const bobs = await createAccount(bob.client, 'checking');
  assert.equal((await withdraw(client, checking.account_id, '12.50', 'UBER trip home')).status, 303);
  assert.equal((await withdraw(client, checking.account_id, '30', 'tesco metro')).status, 303);
  assert.equal((await withdraw(client, checking.account_id, '9', 'Cinema')).status, 303);
  assert.equal((await withdraw(client, checking.account_id, '20', 'Uber Eats', 'dining')).status, 303);
  assert.equal((await transfer(client, checking.account_id, bobs.account_number, '100', 'Uber share')).status, 303);
  assert.equal((await transfer(client, checking.account_id, savings.account_number, '50', 'Rainy day', 'savings')).status, 303);
  assert.equal((await deposit(client, checking.account_id, '5', 'Uber refund')).status, 303);

  const rows = await history(client);
  const byDescription = (text, type) => rows.find((r) => r.description === text && (!type || r.type === type));
  assert.equal(byDescription('UBER trip home').category, 'transport');
  assert.equal(byDescription('tesco metro').category, 'groceries');
  assert.equal(byDescription('Cinema').category, 'other', 'no rule matches');
  assert.equal(byDescription('Uber Eats').category, 'dining', 'a chosen category wins');
  assert.equal(byDescription('Uber share').category, 'transport', 'transfers are inferred too');
  assert.equal(byDescription('Rainy day', 'transfer_out').category, 'savings');
  assert.equal(byDescription('Rainy day', 'transfer_in').category, 'savings', 'own accounts: both legs');
  assert.equal(byDescription('Uber refund').category, 'income', 'deposits are income');
  const bobsRows = await history(bob.client);
  assert.equal(bobsRows.length, 1);
  assert.equal(bobsRows[0].category, '', "Bob does not see Alice's category");

  // Recategorise a row: PRG back to the same filtered page.
  const cinema = byDescription('Cinema');
  const returnTo = '/transactions?category=other&sort=largest';
  const filtered = await client.get(returnTo);
  const formTokens = tags(filtered.text, 'input').filter((i) => i.attributes.name === 'return_to');
  assert.ok(formTokens.length >= 1 && formTokens.every((i) => i.attributes.value === returnTo),
    'each row form returns to the page it is on');
  const changed = await postForm(client, '/transactions/category',
    { transaction_id: cinema.id, category: 'entertainment', return_to: returnTo }, { page: returnTo });
  assert.equal(changed.status, 303);
  assert.equal(changed.location, returnTo);
  const after = await client.get(returnTo);
  assert.equal(flash(after.text).text, 'The $9.00 transaction is now in entertainment.');
  assert.ok(!historyRows(after.text).some((r) => r.id === cinema.id), 'it left the "other" filter');
  assert.equal((await history(client, 'category=entertainment')).map((r) => r.id).join(), cinema.id);

  // Refusals: another person's row (404, unchanged), a bad category (400), a foreign return_to.
  const theirs = await postForm(bob.client, '/transactions/category',
    { transaction_id: cinema.id, category: 'rent', return_to: '/transactions' }, { page: '/transactions' });
  assert.equal(theirs.status, 404);
  const bad = await postForm(client, '/transactions/category',
    { transaction_id: cinema.id, category: 'bribes', return_to: '/transactions' }, { page: '/transactions' });
  assert.equal(bad.status, 400);
  assert.equal((await history(client, 'category=entertainment')).map((r) => r.id).join(), cinema.id, 'unchanged');
  for (const elsewhere of ['https://evil.example/', '//evil.example/x', '/dashboard', '/transactionsX']) {
    const away = await postForm(client, '/transactions/category',
      { transaction_id: cinema.id, category: 'entertainment', return_to: elsewhere }, { page: '/transactions' });
    assert.equal(away.status, 303);
    assert.equal(away.location, '/transactions', `return_to ${elsewhere} is not followed`);
  }
  assert.equal((await client.post('/transactions/category', { transaction_id: cinema.id, category: 'rent' })).status, 403,
    'no CSRF token, no change');

  const verified = await verifyLedger(server.db);
  assert.equal(verified.code, 0, verified.output);
});

test('the history filters, sorts and pages every way, and the CSV is exactly the filtered rows', { timeout: 180_000 }, async (t) => {
  // Every posting falls on the day the server's clock starts on, at noon (the from=to case).
  const server = await startServer(t, { env: testClock() });
  const today = dayOf(MIDMONTH_NOON);
  const { client } = await signUp(server, { full_name: 'Carol Filters' });
  const checking = await createAccount(client, 'checking', '10000');
  const savings = await createAccount(client, 'savings', '500');
  const plan = [
    ['12.50', 'Uber to work', 'transport'], ['30', 'Tesco', 'groceries'], ['12.50', 'uber home', 'transport'],
    ['7.25', 'Coffee, "large"', 'dining'], ['100', 'Rent share', 'rent'], ['30', 'Tesco again', 'groceries'],
    ['1', '=SUM(A1:A9)', 'other'], ['2', '+44 call', 'utilities'], ['3', '-minus', 'other'], ['4', '@handle', 'shopping'],
    ['12.50', 'UBER night', 'transport'], ['0.99', 'App', 'shopping'], ['250', 'Flights', 'travel'], ['30', 'tesco', 'groceries'],
  ];
  for (const [amount, description, category] of plan) {
    const account = description.startsWith('Tesco') ? savings : checking;
    assert.equal((await withdraw(client, account.account_id, amount, description, category)).status, 303, description);
  }
  assert.equal((await deposit(client, checking.account_id, '12.50', 'Refund')).status, 303);

  const all = await history(client, 'limit=100');
  assert.equal(all.length, plan.length + 3, 'two opening deposits, the withdrawals and a deposit');

  // Every sort, paged at 4 rows, equals an independent ordering of all rows.
  for (const sort of ['newest', 'oldest', 'largest', 'smallest']) {
    const want = ids(sorted(all, sort));
    assert.deepEqual(ids(await history(client, `sort=${sort}&limit=4`)), want, `sort=${sort}`);
    assert.deepEqual(ids(await history(client, `sort=${sort}&limit=1`)), want, `sort=${sort} one per page`);
  }

  const cases = [
    ['category=groceries', (r) => r.category === 'groceries'],
    ['min_amount=12.50&max_amount=30', (r) => r.cents >= 1250 && r.cents <= 3000],
    ['min_amount=%2412.50', (r) => r.cents >= 1250],
    ['max_amount=1', (r) => r.cents <= 100],
    ['q=UBER', (r) => /uber/i.test(r.description)],
    ['type=deposit', (r) => r.type === 'deposit'],
    [`account_id=${savings.account_id}`, (r) => r.account === savings.account_number],
    ['category=transport&min_amount=12.50&max_amount=12.50&q=uber', (r) => r.category === 'transport' && r.cents === 1250],
    [`from=${today}&to=${today}`, () => true],
  ];
  for (const [query, keep] of cases) {
    for (const sort of ['newest', 'oldest', 'largest', 'smallest']) {
      const got = await history(client, `${query}&sort=${sort}&limit=3`);
      const want = sorted(all, sort).filter(keep);
      assert.deepEqual(ids(got), ids(want), `${query}&sort=${sort}`);
      if (query.startsWith('account_id') || query.startsWith('from')) continue;
      // The CSV export of the same filter and sort: exactly these rows, in this order.
      const csv = await client.get(`/transactions.csv?${query}&sort=${sort}`);
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
      const records = csvRecords(csv.text);
      assert.equal(records[0][1], 'transaction_id');
      assert.deepEqual(records.slice(1).map((r) => r[1]), ids(want), `CSV of ${query}&sort=${sort}`);
    }
  }
  assert.equal((await history(client, 'from=2000-01-01&to=2000-01-02')).length, 0);

  // Exact bounds are inclusive at both ends.
  assert.equal((await history(client, 'min_amount=0.99&max_amount=0.99')).length, 1);

  // Invalid filters answer 400 with the field's message; CSV too.
  for (const [query, field] of [['category=bribes', 'category'], ['sort=random', 'sort'], ['min_amount=abc', 'min_amount'],
    ['max_amount=-5', 'max_amount'], ['min_amount=10&max_amount=5', 'min_amount'], ['sort=largest&cursor=42', 'cursor']]) {
    const page = await client.get(`/transactions?${query}`);
    assert.equal(page.status, 400, query);
    assert.ok(formError(page.text), `${query}: a message`);
    if (field === 'cursor') continue;  // the export has no pages: it ignores a cursor
    assert.ok(fieldError(page.text, field), `${query}: the ${field} message`);
    assert.equal((await client.get(`/transactions.csv?${query}`)).status, 400, `CSV ${query}`);
  }
  const kept = await client.get('/transactions?category=dining&min_amount=1&sort=smallest&q=%3Cx%3E');
  assert.match(kept.text, /<option value="dining" selected>/);
  assert.match(kept.text, /<option value="smallest" selected>/);
  assert.match(kept.text, /name="q" value="&lt;x&gt;"/);
  assert.match(kept.text, /name="min_amount" value="1"/);

  // The whole CSV: RFC 4180, neutralised formulas, CRLF lines.
  const csv = await client.get('/transactions.csv');
  assert.ok(csv.text.endsWith('\r\n'));
  assert.ok(csv.text.split('\r\n').slice(0, -1).every((line) => !line.includes('\n')), 'CRLF line ends');
  assert.ok(csv.text.includes('"Coffee, ""large"""'), 'quotes doubled inside a quoted cell');
  const records = csvRecords(csv.text);
  assert.equal(records.length, 1 + all.length);
  assert.deepEqual(records.slice(1).map((r) => r[1]), ids(all), 'newest first by default');
  const cell = (description) => records.find((r) => r[7].includes(description.slice(1)))[7];
  for (const dangerous of ['=SUM(A1:A9)', '+44 call', '-minus', '@handle']) {
    const value = cell(dangerous);
    assert.equal(value, `'${dangerous}`, `${dangerous} is neutralised`);
  }
  const row = records.find((r) => r[7] === 'Flights');
  assert.equal(row[4], '250.00', 'decimal amounts');
  assert.equal(row[8], 'travel');
});

test('the JSON API keeps rules, recategorises, filters, sorts and exports', { timeout: 120_000 }, async (t) => {
  const { server, api: root } = await setUpApi(t);
  const { api } = await apiUser(root);
  const other = (await apiUser(root)).api;
  const account = await openAccount(api, 'checking', '1000');

  assert.deepEqual((await api.expect(200, 'GET', '/api/v1/category-rules')).body, { rules: [] });
  const uber = (await api.expect(201, 'POST', '/api/v1/category-rules', { json: { pattern: 'uber', category: 'transport' } })).body;
  assert.equal(uber.pattern, 'uber');
  await api.expect(201, 'POST', '/api/v1/category-rules', { json: { pattern: 'cafe', category: 'dining' } });
  await api.expect(400, 'POST', '/api/v1/category-rules', { json: { pattern: 'UBER', category: 'travel' }, code: 'validation_failed', field: 'pattern' });
  await api.expect(400, 'POST', '/api/v1/category-rules', { json: { pattern: 'x', category: 'bribes' }, field: 'category' });
  await api.expect(400, 'POST', '/api/v1/category-rules', { json: { pattern: 'x' }, field: 'category' });
  await api.expect(400, 'POST', '/api/v1/category-rules', { json: { pattern: 'x', category: 'other', extra: 1 } });
  const listed = (await api.expect(200, 'GET', '/api/v1/category-rules')).body.rules;
  assert.deepEqual(listed.map((r) => r.pattern), ['uber', 'cafe']);
  await other.expect(404, 'POST', `/api/v1/category-rules/${listed[1].rule_id}/delete`, { code: 'not_found' });
  await api.expect(200, 'POST', `/api/v1/category-rules/${listed[1].rule_id}/delete`);
  await api.expect(404, 'POST', `/api/v1/category-rules/${listed[1].rule_id}/delete`);

  const posted = [];
  for (const [amount, description, category] of [['5', 'Uber ride'], ['7.50', 'cafe latte'], ['5', 'Books', 'shopping'], ['20', 'uber XL']]) {
    const json = { account_id: account.account_id, amount, description };
    if (category) json.category = category;
    posted.push((await api.expect(201, 'POST', '/api/v1/withdraw', { json })).body.transaction);
  }
  assert.deepEqual(posted.map((r) => r.category), ['transport', 'other', 'shopping', 'transport']);

  const cafe = posted[1];
  const changed = (await api.expect(200, 'POST', `/api/v1/transactions/${cafe.transaction_id}/category`, { json: { category: 'dining' } })).body;
  assert.equal(changed.transaction.category, 'dining');
  assert.equal(changed.transaction.transaction_id, cafe.transaction_id);
  await other.expect(404, 'POST', `/api/v1/transactions/${cafe.transaction_id}/category`, { json: { category: 'rent' }, code: 'not_found' });
  await api.expect(400, 'POST', `/api/v1/transactions/${cafe.transaction_id}/category`, { json: { category: 'bribes' }, field: 'category' });

  const transport = await apiAllTransactions(api, { category: 'transport', sort: 'largest' }, 1);
  assert.deepEqual(transport.map((r) => r.amount), ['20.00', '5.00']);
  const smallest = await apiAllTransactions(api, { sort: 'smallest', min_amount: '5', max_amount: '20' }, 2);
  assert.deepEqual(smallest.map((r) => r.amount), ['5.00', '5.00', '7.50', '20.00']);
  assert.equal(smallest[0].description, 'Uber ride', 'ties keep posting order');
  await api.expect(400, 'GET', '/api/v1/transactions?sort=sideways', { field: 'sort' });
  await api.expect(400, 'GET', '/api/v1/transactions?min_amount=ten', { field: 'min_amount' });

  const csv = await api.request('GET', '/api/v1/transactions.csv?sort=smallest&min_amount=5&max_amount=20', { raw: true });
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
  assert.deepEqual(csvRecords(csv.text).slice(1).map((r) => r[1]), smallest.map((r) => r.transaction_id));
  await api.expect(400, 'GET', '/api/v1/transactions.csv?category=bribes', { field: 'category' });

  const verified = await verifyLedger(server.db);
  assert.equal(verified.code, 0, verified.output);
});
