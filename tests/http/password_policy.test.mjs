// Passwords as NIST SP 800-63B asks (issue 13): 8 to 72 bytes, refused when cracklib's
// dictionary of common words and passwords has them (or a variation of one), or when they
// contain the email's local part or the person's name. Checked at registration (page and
// API) and at a password change on /profile, each refusal naming its reason.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, fieldError, postForm, register, signUp, uniqueEmail, PASSWORD,
} from '../support/server.mjs';
import { setUpApi } from '../support/api.mjs';

test('POST /api/v1/register refuses common and personal passwords with the reason', async (t) => {
  const { api } = await setUpApi(t);
  const email = uniqueEmail('winifred');
  const refused = [
    ['password1', /too easy to guess \(it is based on a dictionary word\)/],
    ['12345678', /too easy to guess/],
    ['Football!', /dictionary word/],
    [`x-${email.split('@')[0]}-9`, /email address's name/],
    ['Zq-Brightwater-7', /your name/],
  ];
  for (const [password, reason] of refused) {
    const response = await api.expect(400, 'POST', '/api/v1/register', {
      json: { email, password, full_name: 'Winifred Brightwater' },
      token: null, code: 'validation_failed', field: 'password',
    });
    assert.match(response.body.error.message, reason, password);
  }
  await api.expect(201, 'POST', '/api/v1/register', {
    json: { email, password: PASSWORD, full_name: 'Winifred Brightwater' }, token: null,
  });
});

test('the registration page says why a password is refused and keeps nothing', async (t) => {
  const { server } = await setUpApi(t);
  const client = new Client(server);
  const response = await register(client, { password: 'letmein1', full_name: 'Ada Lovelace' });
  assert.equal(response.status, 400);
  assert.match(fieldError(response.text, 'password'), /too easy to guess/);
  const named = await register(client, { password: 'Lovelace-Quartz-7', full_name: 'Ada Lovelace' });
  assert.equal(named.status, 400);
  assert.match(fieldError(named.text, 'password'), /cannot contain your name/);
  const signIn = await postForm(client, '/login', { email: response.email, password: 'letmein1' });
  assert.equal(signIn.status, 401, 'no account was made with the refused password');
});

test('a password change on /profile is held to the same rules', async (t) => {
  const { server } = await setUpApi(t);
  const { client } = await signUp(server, { full_name: 'Ada Lovelace' });
  const change = (new_password) => postForm(client, '/profile', {
    action: 'password', current_password: PASSWORD, new_password, confirm_password: new_password,
  });
  const common = await change('sunshine');
  assert.equal(common.status, 400);
  assert.match(fieldError(common.text, 'new_password'), /too easy to guess/);
  const named = await change('ada-lovelace-rules');
  assert.equal(named.status, 400);
  assert.match(fieldError(named.text, 'new_password'), /cannot contain your name/);
  const strong = await change('Granite-Heron-Oboe-5');
  assert.equal(strong.status, 303, 'a strong password is taken');
});
