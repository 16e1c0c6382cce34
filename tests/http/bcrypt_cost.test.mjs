// The bcrypt cost the server hashes passwords at. The suite runs its servers with the test hook
// BANK_TEST_BCRYPT_COST=4 (tests/node_tests.cmake) so thousands of sign-ins do not spend CI's
// minutes hashing; this file proves a server started without it hashes at the production cost
// of 12, that the hook only lowers the cost within bcrypt's range, and that a bad value stops
// the server from starting. It reads the stored hash from the SQLite file, so it runs on SQLite
// only (the hash is made by the server, whatever the store).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

import { apiUser, setUpApi, startApiServer } from '../support/api.mjs';

function storedHash(db, email) {
  return execFileSync('sqlite3', [db, `SELECT password_hash FROM users WHERE email = '${email}';`])
    .toString().trim();
}

test('without the test hook, passwords are hashed with bcrypt at cost 12, and sign-in works', async (t) => {
  const { server, api } = await setUpApi(t, { env: { BANK_TEST_BCRYPT_COST: '' } });
  const person = await apiUser(api, { email: 'cost12@example.com' });
  assert.match(storedHash(server.db, person.email), /^\$2[aby]\$12\$[./A-Za-z0-9]{53}$/);
});

test('the test hook lowers the cost to the one it names, and people still sign in', async (t) => {
  const { server, api } = await setUpApi(t, { env: { BANK_TEST_BCRYPT_COST: '4' } });
  const person = await apiUser(api, { email: 'cost4@example.com' });
  assert.match(storedHash(server.db, person.email), /^\$2[aby]\$04\$[./A-Za-z0-9]{53}$/);
});

for (const value of ['3', '13', '4x', 'twelve']) {
  test(`BANK_TEST_BCRYPT_COST=${value} stops the server from starting, with the reason`, async (t) => {
    await assert.rejects(startApiServer(t, { env: { BANK_TEST_BCRYPT_COST: value } }),
      /BANK_TEST_BCRYPT_COST must be a whole number from 4 to 12/);
  });
}
