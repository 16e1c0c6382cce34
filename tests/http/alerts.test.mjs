// Alerts and notifications over real HTTP, on either store: a rule of a person's, a posting
// above it, and the notification that the evaluator (reading the change feed after the
// posting committed) adds within seconds, with the unread count in the API and in the bell of
// every page; mark read one and all; the refusals (an unknown kind, a threshold missing or
// refused, another person's rule or notification answers 404) change nothing; the rule's
// email arrives on the SMTP sink once; the /alerts and /notifications pages. Every JSON answer
// is checked against the OpenAPI document.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Client, postForm, flash, fieldError, textById, login, freePort } from '../support/server.mjs';
import { setUpApi, apiUser, openAccount } from '../support/api.mjs';
import { aiosmtpdAvailable, startSmtpSink } from '../support/smtp.mjs';
import { waitFor } from '../support/wait.mjs';

const MAIL_FROM = 'alerts@bank.example';
const RULES_MAX = 20; // core/alert_limits.hpp
// DynamoDB serves a posting in the change feed once it settled (10 s); then a pass (2 s).
const NOTIFIED_WITHIN_MS = 40_000;
const mailSkip = (await aiosmtpdAvailable()) ? false : 'python3-aiosmtpd is not installed (scripts/dev setup)';

async function notifications(person) {
  return (await person.expect(200, 'GET', '/api/v1/notifications')).body;
}

async function waitForNotifications(person, count) {
  await waitFor(async () => (await notifications(person)).notifications.length >= count,
    { timeoutMs: NOTIFIED_WITHIN_MS, what: `${count} notifications` });
  return notifications(person);
}

async function withdraw(person, account, amount, description = 'Bistro') {
  await person.expect(201, 'POST', '/api/v1/withdraw', {
    json: { account_id: account.account_id, amount, description, category: 'dining' },
  });
}

test('a rule, a posting above it, the notification, mark read and the refusals', async (t) => {
  const { server, api } = await setUpApi(t);
  const ann = await apiUser(api, { full_name: 'Ann Alert' });
  const bob = await apiUser(api, { full_name: 'Bob Other' });
  const annAccount = await openAccount(ann.api, 'checking', '1000.00');
  const bobAccount = await openAccount(bob.api, 'checking', '1000.00');

  const rule = (await ann.api.expect(201, 'POST', '/api/v1/alerts', {
    json: { kind: 'transaction_above', threshold: '100.00' },
  })).body;
  assert.equal(rule.kind, 'transaction_above');
  assert.equal(rule.threshold, '100.00');
  assert.equal(rule.email, false);

  await t.test('refusals name their field and change nothing', async () => {
    await ann.api.expect(400, 'POST', '/api/v1/alerts', { json: { kind: 'balance_glow' }, field: 'kind' });
    await ann.api.expect(400, 'POST', '/api/v1/alerts', { json: { kind: 'transaction_above' }, field: 'threshold' });
    await ann.api.expect(400, 'POST', '/api/v1/alerts', {
      json: { kind: 'transaction_above', threshold: '-5' }, field: 'threshold',
    });
    await ann.api.expect(400, 'POST', '/api/v1/alerts', {
      json: { kind: 'unusual_transaction', threshold: '5.00' }, field: 'threshold',
    });
    await ann.api.expect(400, 'POST', '/api/v1/alerts', {
      json: { kind: 'unusual_transaction', email: 'yes' }, field: 'email',
    });
    await ann.api.expect(400, 'POST', '/api/v1/alerts', {
      json: { kind: 'unusual_transaction', colour: 'red' }, field: 'colour',
    });
    await ann.api.expect(409, 'POST', '/api/v1/alerts', {
      json: { kind: 'transaction_above', threshold: '100' }, code: 'conflict',
    });
    await bob.api.expect(404, 'DELETE', `/api/v1/alerts/${rule.rule_id}`);
    const listed = (await ann.api.expect(200, 'GET', '/api/v1/alerts')).body.rules;
    assert.deepEqual(listed.map((r) => r.rule_id), [rule.rule_id]);
    assert.deepEqual((await bob.api.expect(200, 'GET', '/api/v1/alerts')).body.rules, []);
  });

  await withdraw(ann.api, annAccount, '100.00'); // at the threshold: not above
  await withdraw(ann.api, annAccount, '150.25', 'Big dinner');
  await withdraw(bob.api, bobAccount, '900.00'); // Bob has no rule

  const list = await waitForNotifications(ann.api, 1);
  assert.equal(list.unread, 1);
  assert.equal(list.notifications.length, 1);
  const [notification] = list.notifications;
  assert.equal(notification.kind, 'transaction_above');
  assert.equal(notification.rule_id, rule.rule_id);
  assert.equal(notification.read, false);
  assert.match(notification.message, /\$150\.25 paid: Big dinner, above your alert of \$100\.00/);
  assert.equal((await notifications(bob.api)).notifications.length, 0);

  await t.test('the bell shows the unread count on every signed-in page', async () => {
    const browser = new Client(server);
    assert.equal((await login(browser, ann.email)).status, 303);
    for (const page of ['/dashboard', '/accounts', '/notifications']) {
      const html = (await browser.get(page)).text;
      assert.equal(textById(html, 'unread-count'), '1', page);
      assert.match(html, /Notifications<span[^>]*>1<\/span><span class="visually-hidden">, 1 unread<\/span>/, page);
    }
  });

  await t.test('mark read: another person cannot, then the owner does', async () => {
    await bob.api.expect(404, 'POST', `/api/v1/notifications/${notification.notification_id}/read`, { code: 'not_found' });
    await ann.api.expect(404, 'POST', '/api/v1/notifications/0123456789abcdef0123456789abcdef/read');
    const read = (await ann.api.expect(200, 'POST', `/api/v1/notifications/${notification.notification_id}/read`)).body;
    assert.equal(read.unread, 0);
    const after = await notifications(ann.api);
    assert.equal(after.unread, 0);
    assert.equal(after.notifications[0].read, true);
  });

  await t.test('a second rule raises its own notification; read-all marks both kinds read', async () => {
    await ann.api.expect(201, 'POST', '/api/v1/alerts', { json: { kind: 'transaction_above', threshold: '10' } });
    await withdraw(ann.api, annAccount, '20.00', 'Lunch');
    const both = await waitForNotifications(ann.api, 2);
    assert.equal(both.unread, 1);
    assert.match(both.notifications[0].message, /Lunch/, 'newest first');
    const all = (await ann.api.expect(200, 'POST', '/api/v1/notifications/read-all')).body;
    assert.equal(all.marked, 1);
    assert.equal(all.unread, 0);
  });

  await t.test('deleting a rule', async () => {
    const removed = (await ann.api.expect(200, 'DELETE', `/api/v1/alerts/${rule.rule_id}`)).body;
    assert.equal(removed.rule_id, rule.rule_id);
    await ann.api.expect(404, 'DELETE', `/api/v1/alerts/${rule.rule_id}`);
  });
});

test('the rules one person may keep are limited', async (t) => {
  const { api } = await setUpApi(t);
  const ann = await apiUser(api);
  for (let i = 1; i <= RULES_MAX; i += 1) {
    await ann.api.expect(201, 'POST', '/api/v1/alerts', { json: { kind: 'transaction_above', threshold: `${i}.00` } });
  }
  const refused = await ann.api.expect(400, 'POST', '/api/v1/alerts', {
    json: { kind: 'unusual_transaction' }, code: 'validation_failed',
  });
  assert.match(refused.body.error.message, new RegExp(`\\(${RULES_MAX}\\)`));
});

test('a rule with email sends one mail to the person through the SMTP sink', { skip: mailSkip }, async (t) => {
  const sink = await startSmtpSink(t);
  const port = await freePort();
  const { api } = await setUpApi(t, {
    port,
    env: { BANK_SMTP_URL: sink.url, BANK_MAIL_FROM: MAIL_FROM, BANK_PUBLIC_URL: `http://127.0.0.1:${port}` },
  });
  const ann = await apiUser(api);
  const account = await openAccount(ann.api, 'checking', '500.00');
  await ann.api.expect(201, 'POST', '/api/v1/alerts', { json: { kind: 'transaction_above', threshold: '50', email: true } });
  await withdraw(ann.api, account, '75.50', 'Concert tickets');
  const mail = await sink.waitForMail(ann.email);
  assert.equal(mail.mail_from, MAIL_FROM);
  assert.deepEqual(mail.rcpt_tos, [ann.email]);
  assert.match(mail.headers.subject, /Bank alert/);
  assert.match(mail.body, /\$75\.50 paid: Concert tickets/);
  await waitForNotifications(ann.api, 1);
  assert.equal(sink.to(ann.email).length, 1, 'one mail for one notification');
});

test('the /alerts page adds and deletes a rule; /notifications marks read', async (t) => {
  const { server, api } = await setUpApi(t);
  const ann = await apiUser(api);
  const account = await openAccount(ann.api, 'checking', '500.00');
  const client = new Client(server);
  assert.equal((await login(client, ann.email)).status, 303);

  const refused = await postForm(client, '/alerts', { kind: 'transaction_above', threshold: '' });
  assert.equal(refused.status, 400);
  assert.match(fieldError(refused.text, 'threshold'), /needs a threshold/);
  const unknown = await postForm(client, '/alerts', { kind: 'nonsense' });
  assert.equal(unknown.status, 400);
  assert.match(fieldError(unknown.text, 'kind'), /Choose one of the alert kinds/);

  const added = await postForm(client, '/alerts', { kind: 'transaction_above', threshold: '5', email: 'on' });
  assert.equal(added.status, 303);
  const page = await client.get('/alerts');
  assert.match(flash(page.text).text, /Alert added/);
  const ruleId = /data-rule-id="([0-9a-f]{32})"/.exec(page.text)[1];
  const rules = (await ann.api.expect(200, 'GET', '/api/v1/alerts')).body.rules;
  assert.equal(rules[0].email, true, 'the box ticked');

  await withdraw(ann.api, account, '6.00', 'Coffee <b>beans</b>');
  const [notification] = (await waitForNotifications(ann.api, 1)).notifications;
  const listed = await client.get('/notifications');
  assert.ok(listed.text.includes('Coffee &lt;b&gt;beans&lt;/b&gt;'), 'escaped');
  assert.ok(listed.text.includes(`data-notification-id="${notification.notification_id}"`));
  assert.equal(textById(listed.text, 'unread-count'), '1');
  const read = await postForm(client, `/notifications/${notification.notification_id}/read`, {}, { page: '/notifications' });
  assert.equal(read.status, 303);
  assert.equal(textById((await client.get('/notifications')).text, 'unread-count'), '0');

  const deleted = await postForm(client, `/alerts/${ruleId}/delete`, {}, { page: '/alerts' });
  assert.equal(deleted.status, 303);
  assert.match(flash((await client.get('/alerts')).text).text, /deleted/);
  const missing = await postForm(client, `/alerts/${ruleId}/delete`, {}, { page: '/alerts' });
  assert.equal(missing.status, 404);
  assert.match(textById(missing.text, 'form-error'), /not found/);
  const stranger = await postForm(client, '/notifications/0123456789abcdef0123456789abcdef/read', {}, { page: '/notifications' });
  assert.equal(stranger.status, 404);
  assert.match(textById(stranger.text, 'form-error'), /not found/);
  const readAll = await postForm(client, '/notifications/read-all', {}, { page: '/notifications' });
  assert.equal(readAll.status, 303);
});
