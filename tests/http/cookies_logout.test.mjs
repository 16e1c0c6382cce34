// Issue 13's cookie and sign-out rules: with --cookie-secure (as over TLS) every cookie is
// named __Host-… with Secure and Path=/, and a cookie without the prefix is not accepted; a
// GET of /logout changes nothing and shows the Sign out button, and the POST signs out.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, csrf, elementById, login as formLogin, postForm, register, startServer, PASSWORD,
} from '../support/server.mjs';

test('GET /logout shows a Sign out button and signs nobody out; the POST does', async (t) => {
  const server = await startServer(t);
  const client = new Client(server);
  const registered = await register(client);
  assert.equal((await formLogin(client, registered.email)).status, 303);
  const page = await client.get('/logout');
  assert.equal(page.status, 200);
  assert.ok(elementById(page.text, 'logout-confirm'), 'the button is there');
  assert.equal((await client.get('/dashboard')).status, 200, 'the GET signed nobody out');
  const signedOut = await client.post('/logout', { csrf_token: csrf(page.text) });
  assert.equal(signedOut.status, 303);
  assert.equal((await client.get('/dashboard')).status, 303, 'signed out: sent to sign in');
  const visitor = await new Client(server).get('/logout');
  assert.ok(elementById(visitor.text, 'not-signed-in'));
});

test('with --cookie-secure every cookie is __Host- prefixed and plain names are ignored', async (t) => {
  const server = await startServer(t, { args: ['--cookie-secure'] });
  const client = new Client(server);
  const first = await client.get('/login');
  const setCookies = first.setCookies || [];
  assert.ok(setCookies.length > 0, 'a CSRF cookie is set');
  for (const line of setCookies) {
    assert.match(line, /^__Host-bank_/, line);
    assert.match(line, /; Path=\//, line);
    assert.match(line, /; Secure/, line);
    assert.doesNotMatch(line, /Domain=/i, line);
  }
  const registered = await register(client);
  assert.equal(registered.status, 303);
  const signedIn = await formLogin(client, registered.email, PASSWORD);
  assert.equal(signedIn.status, 303);
  const token = client.cookies.get('__Host-bank_session');
  assert.match(token || '', /^[0-9a-f]{64}$/, 'the session cookie is __Host-bank_session');
  assert.equal((await client.get('/dashboard')).status, 200);

  const unprefixed = new Client(server);
  unprefixed.cookies.set('bank_session', token);
  assert.equal((await unprefixed.get('/dashboard')).status, 303, 'a plain bank_session is not a session');
  const loggedOut = await postForm(client, '/logout', {}, { page: '/dashboard' });
  assert.equal(loggedOut.status, 303);
});
