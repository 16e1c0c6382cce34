// Webhooks over real HTTP, on either store: a person registers endpoints on a receiver on
// loopback (the server started with BANK_WEBHOOK_ALLOW_PRIVATE=1), a test delivery arrives
// signed as the Standard Webhooks specification says and verifies with the npm
// `standardwebhooks` library; a receiver answering 500 and then 200 gets the same event
// (same webhook-id) again after the backoff and the log shows both attempts; a receiver that
// never answers does not hold up another endpoint's delivery; nobody reads, tests or deletes
// another person's endpoint. A server without the flag refuses loopback, private and http
// URLs with 422 and a clear message. Every JSON answer is checked against the OpenAPI document.
import test from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { Webhook } from 'standardwebhooks';
import { setUpApi, apiUser, openAccount } from '../support/api.mjs';
import { Client, postForm, flash, fieldError, login, textById, textOf } from '../support/server.mjs';
import { waitFor } from '../support/wait.mjs';

// A receiver on loopback: records every request; what it answers is chosen by the path.
async function startReceiver(t) {
  const received = [];
  const hanging = [];
  let flakyCalls = 0;
  const down = { failing: true }; // /down answers 500 while failing
  const server = http.createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const entry = { path: request.url, headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      received.push(entry);
      if (request.url.startsWith('/hang')) {
        entry.answered = false;
        hanging.push(response);
        return;
      }
      if (request.url.startsWith('/down')) {
        response.writeHead(down.failing ? 500 : 200).end('down');
        return;
      }
      if (request.url.startsWith('/flaky')) {
        flakyCalls += 1;
        response.writeHead(flakyCalls === 1 ? 500 : 200).end('ok');
        return;
      }
      response.writeHead(204).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const response of hanging) response.destroy();
    server.closeAllConnections();
    server.close();
  });
  const base = `http://127.0.0.1:${server.address().port}`;
  return { base, received, hanging, down, on: (path) => received.filter((entry) => entry.path === path) };
}

async function register(person, url, events = ['security.sign_in']) {
  return (await person.expect(201, 'POST', '/api/v1/webhooks', { json: { url, events } })).body;
}

async function deliveryLog(person, endpointId) {
  return (await person.expect(200, 'GET', `/api/v1/webhooks/${endpointId}/deliveries`)).body.deliveries;
}

test('a test delivery arrives signed, a failure is retried, a silent receiver holds nobody up', async (t) => {
  const receiver = await startReceiver(t);
  const { api } = await setUpApi(t, { env: { BANK_WEBHOOK_ALLOW_PRIVATE: '1' } });
  const { api: person } = await apiUser(api);
  const { api: other } = await apiUser(api);

  const ok = await register(person, `${receiver.base}/ok`, ['security.sign_in', 'alert.triggered']);
  assert.match(ok.secret, /^whsec_[A-Za-z0-9+/]+=*$/);
  assert.deepEqual(ok.events, ['security.sign_in', 'alert.triggered']);
  assert.equal(ok.enabled, true);
  const listed = (await person.expect(200, 'GET', '/api/v1/webhooks')).body;
  assert.equal(listed.endpoints.length, 1);
  assert.equal(listed.endpoints[0].secret, undefined, 'the secret is shown once');
  assert.ok(listed.event_types.includes('security.sign_in'));

  await t.test('the test delivery verifies with standardwebhooks', async () => {
    const queued = (await person.expect(202, 'POST', `/api/v1/webhooks/${ok.endpoint_id}/test`)).body;
    assert.equal(queued.event_type, 'webhook.test');
    const [arrived] = await waitFor(() => receiver.on('/ok').length > 0 && receiver.on('/ok'), { what: 'the test delivery' });
    assert.equal(arrived.headers['webhook-id'], queued.event_id);
    assert.match(arrived.headers['webhook-signature'], /^v1,[A-Za-z0-9+/]+=*$/);
    assert.equal(arrived.headers['content-type'], 'application/json');
    const payload = new Webhook(ok.secret).verify(arrived.body, arrived.headers);
    assert.equal(payload.type, 'webhook.test');
    assert.equal(payload.data.endpoint_id, ok.endpoint_id);
    assert.throws(() => new Webhook(ok.secret).verify(arrived.body.replace('test', 'tost'), arrived.headers),
      'a changed body does not verify');
    const log = await waitFor(async () => {
      const entries = await deliveryLog(person, ok.endpoint_id);
      return entries[0]?.state === 'delivered' && entries;
    }, { what: 'the log to show the delivery' });
    assert.equal(log[0].event_id, queued.event_id);
    assert.equal(log[0].attempts, 1);
    assert.equal(log[0].last_status, 204);
    assert.equal(log[0].last_error, '');
    assert.equal(log[0].next_attempt_at, null);
  });

  await t.test('a receiver answering 500 then 200 gets the same event again', async () => {
    const flaky = await register(person, `${receiver.base}/flaky`);
    const queued = (await person.expect(202, 'POST', `/api/v1/webhooks/${flaky.endpoint_id}/test`)).body;
    const failed = await waitFor(async () => {
      const entries = await deliveryLog(person, flaky.endpoint_id);
      return entries[0]?.attempts === 1 && entries[0];
    }, { what: 'the first, failed attempt in the log' });
    assert.equal(failed.state, 'pending');
    assert.equal(failed.last_status, 500);
    assert.equal(failed.last_error, 'the receiver answered 500');
    assert.ok(failed.next_attempt_at, 'a next attempt is scheduled');
    // The first retry comes 5 s after the first attempt (ledger/webhook_plans.hpp).
    const log = await waitFor(async () => {
      const entries = await deliveryLog(person, flaky.endpoint_id);
      return entries[0]?.state === 'delivered' && entries;
    }, { what: 'the retried delivery', timeoutMs: 30_000 });
    assert.equal(log[0].attempts, 2);
    assert.equal(log[0].last_status, 200);
    const attempts = receiver.on('/flaky');
    assert.equal(attempts.length, 2);
    assert.equal(attempts[0].headers['webhook-id'], queued.event_id);
    assert.equal(attempts[1].headers['webhook-id'], queued.event_id, 'the same id: a receiver drops repeats');
    assert.equal(attempts[1].body, attempts[0].body);
    assert.ok(attempts[1].at - attempts[0].at >= 4_000, 'after the backoff');
    const endpoint = (await person.expect(200, 'GET', '/api/v1/webhooks')).body.endpoints
      .find((entry) => entry.endpoint_id === flaky.endpoint_id);
    assert.equal(endpoint.failing_since, null, 'a success clears the failures');
  });

  await t.test('a receiver that never answers does not hold up another endpoint', async () => {
    const silent = await register(person, `${receiver.base}/hang`);
    const second = await register(person, `${receiver.base}/second`);
    await person.expect(202, 'POST', `/api/v1/webhooks/${silent.endpoint_id}/test`);
    await waitFor(() => receiver.on('/hang').length > 0, { what: 'the silent receiver to be called' });
    const queued = (await person.expect(202, 'POST', `/api/v1/webhooks/${second.endpoint_id}/test`)).body;
    const [arrived] = await waitFor(() => receiver.on('/second').length > 0 && receiver.on('/second'),
      { what: 'the second endpoint\'s delivery' });
    assert.equal(arrived.headers['webhook-id'], queued.event_id);
    assert.equal(receiver.on('/hang')[0].answered, false, 'the silent receiver is still silent');
    // The silent one is cut after the request timeout and retried later.
    const log = await waitFor(async () => {
      const entries = await deliveryLog(person, silent.endpoint_id);
      return entries[0]?.attempts === 1 && entries;
    }, { what: 'the silent receiver\'s attempt to be cut' });
    assert.equal(log[0].state, 'pending');
    assert.equal(log[0].last_status, null);
    assert.match(log[0].last_error, /did not answer in time/);
  });

  await t.test('another person\'s endpoint is 404 and theirs alone to see', async () => {
    assert.deepEqual((await other.expect(200, 'GET', '/api/v1/webhooks')).body.endpoints, []);
    for (const [method, path] of [
      ['POST', `/api/v1/webhooks/${ok.endpoint_id}/test`],
      ['GET', `/api/v1/webhooks/${ok.endpoint_id}/deliveries`],
      ['DELETE', `/api/v1/webhooks/${ok.endpoint_id}`],
    ]) {
      await other.expect(404, method, path, { code: 'not_found' });
    }
    await person.expect(404, 'DELETE', '/api/v1/webhooks/no-such-endpoint', { code: 'not_found' });
    const removed = (await person.expect(200, 'DELETE', `/api/v1/webhooks/${ok.endpoint_id}`)).body;
    assert.equal(removed.endpoint_id, ok.endpoint_id);
    await person.expect(404, 'POST', `/api/v1/webhooks/${ok.endpoint_id}/test`, { code: 'not_found' });
  });
});

test('the /webhooks page adds, tests and deletes an endpoint, its secret shown once', async (t) => {
  const receiver = await startReceiver(t);
  const { server, api } = await setUpApi(t, { env: { BANK_WEBHOOK_ALLOW_PRIVATE: '1' } });
  const person = await apiUser(api);
  const other = await apiUser(api);
  const client = new Client(server);
  assert.equal((await login(client, person.email, person.password)).status, 303);
  const empty = await client.get('/webhooks');
  assert.equal(empty.status, 200);
  assert.ok(textById(empty.text, 'no-endpoints'));

  const refused = await postForm(client, '/webhooks', [['url', `${receiver.base}/page`]]);
  assert.equal(refused.status, 400, 'no events chosen');
  assert.ok(fieldError(refused.text, 'events'));

  const created = await postForm(client, '/webhooks',
    [['url', `${receiver.base}/page`], ['events', 'security.sign_in'], ['events', 'alert.triggered']]);
  assert.equal(created.status, 201);
  const secret = textById(created.text, 'webhook-secret');
  assert.match(secret, /^whsec_/);
  const listed = (await person.api.expect(200, 'GET', '/api/v1/webhooks')).body.endpoints;
  assert.equal(listed.length, 1);
  assert.deepEqual(listed[0].events, ['security.sign_in', 'alert.triggered']);
  const endpointId = listed[0].endpoint_id;
  const page = await client.get('/webhooks');
  assert.ok(!page.text.includes(secret), 'the secret is not shown again');
  assert.ok(textOf(page.text).includes(`${receiver.base}/page`));

  const tested = await postForm(client, `/webhooks/${endpointId}/test`, {}, { page: '/webhooks' });
  assert.equal(tested.status, 303);
  assert.match(flash((await client.get(tested.location)).text).text, /test event is on its way/);
  const [arrived] = await waitFor(() => receiver.on('/page').length > 0 && receiver.on('/page'), { what: 'the page\'s test delivery' });
  assert.equal(new Webhook(secret).verify(arrived.body, arrived.headers).type, 'webhook.test');
  await waitFor(async () => /data-event-id=/.test((await client.get('/webhooks')).text), { what: 'the delivery on the page' });

  const otherClient = new Client(server);
  assert.equal((await login(otherClient, other.email, other.password)).status, 303);
  const foreign = await postForm(otherClient, `/webhooks/${endpointId}/delete`, {}, { page: '/webhooks' });
  assert.equal(foreign.status, 404, 'another person\'s endpoint is not found');
  const removed = await postForm(client, `/webhooks/${endpointId}/delete`, {}, { page: '/webhooks' });
  assert.equal(removed.status, 303);
  assert.match(flash((await client.get(removed.location)).text).text, /is deleted/);
  assert.deepEqual((await person.api.expect(200, 'GET', '/api/v1/webhooks')).body.endpoints, []);
});

test('an endpoint turned off after a day of failures is turned on again by its owner', async (t) => {
  const receiver = await startReceiver(t);
  const allow = { BANK_WEBHOOK_ALLOW_PRIVATE: '1' };
  const { server, api } = await setUpApi(t, { env: { ...allow, BANK_TEST_NOW: '2027-03-15T12:00:00Z' } });
  const person = await apiUser(api);
  const other = await apiUser(api);
  const endpoint = await register(person.api, `${receiver.base}/down`);
  const on = await person.api.expect(200, 'POST', `/api/v1/webhooks/${endpoint.endpoint_id}/enable`);
  assert.equal(on.body.enabled, true, 'an endpoint that is on is answered as it is');
  await person.api.expect(202, 'POST', `/api/v1/webhooks/${endpoint.endpoint_id}/test`);
  await waitFor(async () => (await deliveryLog(person.api, endpoint.endpoint_id))[0]?.attempts === 1,
    { what: 'the first failed attempt' });
  await server.stop();

  // The same store 25 hours later: the retry fails too, a day after the first failure.
  const later = await setUpApi(t, {
    db: server.db, dir: server.dir, tablePrefix: server.tablePrefix, env: { ...allow, BANK_TEST_NOW: '2027-03-16T13:00:00Z' },
  });
  const signIn = async (who) => later.api.as((await later.api.expect(200, 'POST', '/api/v1/login',
    { json: { email: who.email, password: who.password }, token: null })).body.token);
  const personApi = await signIn(person);
  const off = await waitFor(async () => {
    const [listed] = (await personApi.expect(200, 'GET', '/api/v1/webhooks')).body.endpoints;
    return listed.enabled === false && listed;
  }, { what: 'the endpoint to be turned off', timeoutMs: 30_000 });
  assert.ok(off.failing_since);

  const client = new Client(later.server);
  assert.equal((await login(client, person.email, person.password)).status, 303);
  const page = await client.get('/webhooks');
  assert.match(textOf(page.text), /Turned off after a day of failures/);
  assert.ok(page.text.includes(`action="/webhooks/${endpoint.endpoint_id}/enable"`), 'a button turns it on again');
  const otherApi = await signIn(other);
  await otherApi.expect(404, 'POST', `/api/v1/webhooks/${endpoint.endpoint_id}/enable`, { code: 'not_found' });
  await personApi.expect(404, 'POST', '/api/v1/webhooks/no-such-endpoint/enable', { code: 'not_found' });

  const enabled = await postForm(client, `/webhooks/${endpoint.endpoint_id}/enable`, {}, { page: '/webhooks' });
  assert.equal(enabled.status, 303);
  assert.match(flash((await client.get(enabled.location)).text).text, /is on: new events go to it/);
  const [back] = (await personApi.expect(200, 'GET', '/api/v1/webhooks')).body.endpoints;
  assert.equal(back.enabled, true);
  assert.equal(back.failing_since, null, 'its failures are forgotten');
  assert.ok(!(await client.get('/webhooks')).text.includes('/enable"'), 'no button while it is on');

  receiver.down.failing = false;
  const queued = (await personApi.expect(202, 'POST', `/api/v1/webhooks/${endpoint.endpoint_id}/test`)).body;
  const log = await waitFor(async () => {
    const entries = await deliveryLog(personApi, endpoint.endpoint_id);
    return entries.find((entry) => entry.event_id === queued.event_id && entry.state === 'delivered') && entries;
  }, { what: 'a delivery to the endpoint turned on again' });
  assert.equal(log.find((entry) => entry.event_id === queued.event_id).last_status, 200);
});

test('without the operator\'s allowance, loopback, private and http URLs are refused', async (t) => {
  const { api } = await setUpApi(t);
  const { api: person } = await apiUser(api);
  const refused = [
    ['https://127.0.0.1:8443/hook', /loopback/],
    ['https://localhost/hook', /loopback/],
    ['https://127.1/hook', /loopback/],
    ['https://[::1]/hook', /loopback/],
    ['https://10.0.0.5/hook', /private network/],
    ['https://169.254.169.254/latest/meta-data', /metadata/],
    ['https://100.64.1.1/hook', /CGNAT/],
    ['http://hooks.example.com/hook', /must use https/],
    ['https://user:secret@hooks.example.com/hook', /user name or password/],
  ];
  for (const [url, message] of refused) {
    const answer = await person.expect(422, 'POST', '/api/v1/webhooks',
      { json: { url, events: ['security.sign_in'] }, code: 'webhook_url_refused', field: 'url' });
    assert.match(answer.body.error.message, message, url);
  }
  await person.expect(400, 'POST', '/api/v1/webhooks',
    { json: { url: 'https://hooks.example.com/hook', events: ['no.such.event'] }, code: 'validation_failed', field: 'events' });
  await person.expect(400, 'POST', '/api/v1/webhooks',
    { json: { url: 'https://hooks.example.com/hook', events: [] }, code: 'validation_failed', field: 'events' });
  await person.expect(400, 'POST', '/api/v1/webhooks',
    { json: { url: 'hooks.example.com', events: ['security.sign_in'] }, code: 'validation_failed', field: 'url' });
  assert.deepEqual((await person.expect(200, 'GET', '/api/v1/webhooks')).body.endpoints, [], 'nothing was stored');
  // A public https URL is accepted (nothing is sent until an event or a test).
  const created = await register(person, 'https://hooks.example.com/bank');
  assert.equal(created.url, 'https://hooks.example.com/bank');
});

// The alerts of issue 15 reach a person's webhooks: each notification, as the evaluator writes
// it from the change feed (on DynamoDB after the feed's 10 s settle lag), is sent once to the
// endpoints subscribed to its event, its notification id as the webhook-id; an endpoint not
// subscribed to that event and another person's endpoint get nothing.
test('a notification is sent to the webhooks subscribed to its event, signed', async (t) => {
  const receiver = await startReceiver(t);
  const { api } = await setUpApi(t, { env: { BANK_WEBHOOK_ALLOW_PRIVATE: '1' } });
  const { api: person } = await apiUser(api);
  const { api: other } = await apiUser(api);
  const subscribed = await register(person, `${receiver.base}/alerts`, ['alert.triggered']);
  await register(person, `${receiver.base}/sign-ins`, ['security.sign_in']);
  await register(other, `${receiver.base}/other`, ['alert.triggered']);
  await person.expect(201, 'POST', '/api/v1/alerts', { json: { kind: 'transaction_above', threshold: '100.00' } });
  const account = await openAccount(person, 'checking');
  await person.expect(201, 'POST', '/api/v1/deposit', {
    json: { account_id: account.account_id, amount: '250.00', description: 'Salary', category: 'income' },
  });

  const [arrived] = await waitFor(() => receiver.on('/alerts').length > 0 && receiver.on('/alerts'),
    { timeoutMs: 60_000, what: 'the alert at the subscribed endpoint' });
  const payload = new Webhook(subscribed.secret).verify(arrived.body, arrived.headers);
  assert.equal(payload.type, 'alert.triggered');
  assert.equal(payload.data.kind, 'transaction_above');
  const { notifications } = (await person.expect(200, 'GET', '/api/v1/notifications')).body;
  assert.equal(notifications.length, 1);
  assert.equal(arrived.headers['webhook-id'], notifications[0].notification_id);
  assert.equal(payload.data.notification_id, notifications[0].notification_id);
  assert.equal(receiver.on('/sign-ins').length, 0, 'an endpoint of another event gets nothing');
  assert.equal(receiver.on('/other').length, 0, "another person's endpoint gets nothing");
  assert.equal(receiver.on('/alerts').length, 1, 'sent once');
});
