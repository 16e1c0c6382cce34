// SIGTERM in the middle of a large CSV download: the server finishes writing the export
// before it stops, so the client gets every row, and then exits 0. The client stops
// reading after the first chunk, so the export is still being produced when the signal
// arrives: it is about 11 MB, and the socket buffers hold at most about 4.5 MB of it (the
// server's send buffer is at most net.ipv4.tcp_wmem's 4 MB).
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BANK_BINARY, BANK_STORE, Client, login, parseCsv, startServer } from '../support/server.mjs';
import { waitFor } from '../support/wait.mjs';

const DEMO_PASSWORD = 'demo-password';

// GET with the client's cookies on a connection of its own (a reused one may have grown its
// receive buffer to tens of MB); `onFirstChunk` runs once, with the response paused (Node
// then stops reading the socket, so the server's writes wait once the buffers are full).
function download(server, client, pathname, onFirstChunk) {
  return new Promise((resolve, reject) => {
    const request = http.get({
      host: '127.0.0.1', port: server.port, path: pathname, agent: false, headers: { cookie: client.cookieHeader() },
    }, (response) => {
      const chunks = [];
      let first = true;
      response.on('data', (chunk) => {
        chunks.push(chunk);
        if (first && onFirstChunk) {
          first = false;
          response.pause();
          onFirstChunk().then(() => response.resume(), reject);
        }
      });
      response.on('end', () => resolve({ status: response.statusCode, complete: response.complete, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('aborted', () => reject(new Error('the server cut the download')));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

// Not on DynamoDB: writing 80,000 postings into DynamoDB Local would take most of the
// suite's time. That the export's chunks are made on the pool for blocking reads there is
// tests/http/streamed_body_test.cpp's.
const skip = BANK_STORE === 'dynamodb' ? '80,000 postings take too long to write into DynamoDB Local; run on SQLite' : false;

test('SIGTERM during a large CSV export still delivers every row, then exits 0', { timeout: 300_000, skip }, async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bank-csv-shutdown-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const db = path.join(dir, 'bank.db');
  const report = execFileSync(BANK_BINARY, ['demo-data', '--users', '1', '--months', '2', '--seed', '7',
    '--transactions', '80000', '--db', db], { timeout: 240_000 }).toString();
  const posted = Number(/transactions:\s+(\d+)/.exec(report)[1]);
  assert.ok(posted >= 60_000, `demo-data posted ${posted} rows`);

  const server = await startServer(t, { db, dir });
  const client = new Client(server);
  assert.equal((await login(client, 'demo1@example.com', DEMO_PASSWORD)).status, 303);

  const whole = await download(server, client, '/transactions.csv');
  assert.equal(whole.status, 200);
  const expectedRows = parseCsv(whole.text).length - 1;  // without the header
  assert.equal(expectedRows, posted, 'the export holds every posting demo-data made');
  assert.ok(whole.text.length > 8 * 1024 * 1024, `the export (${whole.text.length} bytes) outgrows the socket buffers`);

  let signalled = false;
  const interrupted = await download(server, client, '/transactions.csv', async () => {
    signalled = true;
    server.child.kill('SIGTERM');
    // The server took the signal (it says so) and is still there, its export half written.
    await waitFor(() => fs.readFileSync(server.logFile, 'utf8').includes('finishing the requests in flight'),
      { what: 'the server to log that it is draining after SIGTERM' });
    assert.equal(server.child.exitCode, null, 'the server waits for the export being written');
  });
  assert.ok(signalled, 'the signal was sent midway');
  assert.equal(interrupted.status, 200);
  assert.ok(interrupted.complete, 'the chunked body ended with its last chunk');
  assert.equal(parseCsv(interrupted.text).length - 1, posted, 'every row arrived');
  assert.equal(interrupted.text, whole.text, 'the same export, byte for byte');
  assert.equal(await server.exited, 0, 'exit code after SIGTERM');
});
