// Every page, as the Nu Html Checker (npm vnu-jar, on the Java runtime the tests already use
// for DynamoDB Local) judges it: signed out, as a customer with a 14-month history, as an admin,
// and the forms refused (a failed sign-in, a refused payment, empty forms). Any error fails
// the test, naming the page, the line and the message. Registered for SQLite only: the HTML
// does not depend on the store.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Client, login, postForm, accountRows } from '../support/server.mjs';
import {
  startDemoBank, SIGNED_OUT_PAGES, CUSTOMER_PAGES, ADMIN_PAGES, ERROR_STATES, CUSTOMER_EMAIL,
  ADMIN_EMAIL, DEMO_PASSWORD,
} from '../support/page_tour.mjs';

const VNU_JAR = createRequire(import.meta.url)('vnu-jar');

// Runs vnu once on every file (one JVM start); resolves to its parsed JSON report.
function validate(files) {
  return new Promise((resolve, reject) => {
    execFile('java', ['-jar', VNU_JAR, '--format', 'json', '--exit-zero-always', ...files],
      { timeout: 300_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`vnu failed: ${error.message}\n${stderr}`));
          return;
        }
        try {
          resolve(JSON.parse(stderr || stdout));
        } catch (parseError) {
          reject(new Error(`vnu gave no JSON report (${parseError.message}): ${stderr.slice(0, 500)}`));
        }
      });
  });
}

async function signedIn(server, email) {
  const client = new Client(server);
  const answer = await login(client, email, DEMO_PASSWORD);
  assert.equal(answer.status, 303, `${email} signs in`);
  return client;
}

// The fields of an error state as the form sends them (an account select gets the first account).
async function errorForm(client, state) {
  const fields = { ...state.fields };
  if (state.signedIn) {
    const accounts = accountRows((await client.get('/accounts')).text);
    fields.account_id = accounts[0].account_id;
  }
  return postForm(client, state.page, fields);
}

test('every page is valid HTML for the Nu Html Checker', { timeout: 400_000 }, async (t) => {
  const server = await startDemoBank(t);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bank-vnu-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const pages = new Map();
  function keep(name, response) {
    assert.match(response.headers.get('content-type') || '', /^text\/html/, `${name} is HTML`);
    const file = path.join(dir, `${String(pages.size).padStart(2, '0')}.html`);
    fs.writeFileSync(file, response.text);
    pages.set(`file:${file}`, name);
  }

  const guest = new Client(server);
  for (const page of SIGNED_OUT_PAGES) keep(`signed out ${page}`, await guest.get(page));
  const customer = await signedIn(server, CUSTOMER_EMAIL);
  for (const page of CUSTOMER_PAGES) keep(`customer ${page}`, await customer.get(page));
  const admin = await signedIn(server, ADMIN_EMAIL);
  for (const page of ADMIN_PAGES) keep(`admin ${page}`, await admin.get(page));
  for (const state of ERROR_STATES) {
    const client = state.signedIn ? customer : new Client(server);
    const answer = await errorForm(client, state);
    assert.ok(answer.status >= 400, `${state.name} is refused (HTTP ${answer.status})`);
    keep(state.name, answer);
  }

  const report = await validate([...pages.keys()].map((url) => url.slice('file:'.length)));
  const errors = report.messages
    .filter((message) => message.type === 'error' || message.subType === 'fatal')
    .map((message) => `${pages.get(message.url) ?? message.url}:${message.lastLine ?? '?'}: ${message.message}` +
      (message.extract ? ` [${message.extract.trim().slice(0, 120)}]` : ''));
  assert.equal(pages.size, SIGNED_OUT_PAGES.length + CUSTOMER_PAGES.length + ADMIN_PAGES.length + ERROR_STATES.length);
  assert.deepEqual(errors, [], `${errors.length} HTML errors`);
});
