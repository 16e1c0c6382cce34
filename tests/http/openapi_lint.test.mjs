// web/openapi.json as Spectral's `spectral:oas` ruleset (the root .spectral.yaml) judges it: an
// operationId, tags and a description on every operation, contact information, valid examples
// and schemas. Any error or warning fails the test. Registered for SQLite only: the document
// does not depend on the store.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { BANK_SOURCE_DIR } from '../support/server.mjs';

const SPECTRAL = path.join(BANK_SOURCE_DIR, 'node_modules', '.bin', 'spectral');

test('spectral:oas finds no error and no warning in web/openapi.json', { timeout: 120_000 }, async () => {
  const output = await new Promise((resolve, reject) => {
    execFile(SPECTRAL, ['lint', '--ruleset', path.join(BANK_SOURCE_DIR, '.spectral.yaml'), '--format', 'json',
      '--fail-severity', 'warn', '--quiet', path.join(BANK_SOURCE_DIR, 'web', 'openapi.json')],
    { timeout: 110_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      // Spectral exits 1 when it found something; the JSON report says what.
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? error.code : 0, stdout, stderr });
    });
  });
  let results;
  try {
    results = JSON.parse(output.stdout || '[]');
  } catch (error) {
    assert.fail(`spectral gave no JSON report (${error.message}): ${output.stdout.slice(0, 300)} ${output.stderr.slice(0, 300)}`);
  }
  // Severity 0 is an error, 1 a warning (2 information, 3 a hint).
  const findings = results.filter((result) => result.severity <= 1)
    .map((result) => `${result.path.join('.')}: ${result.code}: ${result.message}`);
  assert.deepEqual(findings, [], `${findings.length} findings`);
  assert.equal(output.code, 0, `spectral exit code; stderr: ${output.stderr.slice(0, 300)}`);
});
