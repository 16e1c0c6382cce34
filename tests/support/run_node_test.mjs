// Runs one `node --test` file for CTest and tells CTest whether it proved anything.
//
//   node tests/support/run_node_test.mjs [--needs-dynamodb] FILE
//
// `node --test` exits 0 when every test of a file skipped, so a file whose tool is missing
// would be reported "Passed" having run nothing. This runner passes node's TAP output through,
// reads the top-level results and exits
//   - node's own status when a test failed (or node could not run the file);
//   - 77 (CTest's SKIP_RETURN_CODE for these entries) when the file ran no test, or when every
//     top-level test skipped; the reasons are printed so the Skipped entry says why;
//   - 0 otherwise, after naming any top-level test that skipped.
// --needs-dynamodb: the file runs against DynamoDB Local (BANK_STORE=dynamodb). Without
// BANK_TEST_DYNAMODB_ENDPOINT (scripts/dev test starts DynamoDB Local and sets it) the entry is
// skipped; with it, the AWS variables the server's SDK reads are pointed at it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

export const SKIP_EXIT_CODE = 77;

// The top-level results of a TAP stream: [{ ok, name, skip (reason or null) }].
export function topLevelResults(tap) {
  const results = [];
  for (const line of tap.split('\n')) {
    const match = /^(not ok|ok) \d+ - (.*?)(?: # SKIP(?: (.*))?)?$/.exec(line);
    if (!match) continue;
    const skipped = / # SKIP\b/.test(line);
    results.push({ ok: match[1] === 'ok', name: match[2], skip: skipped ? (match[3] ?? 'skipped') : null });
  }
  return results;
}

// What the runner exits with, and the lines it prints about it. A file that registers no test
// is reported by node as one passing test named after the file: that counts as none.
export function verdict(status, tap, file = '') {
  const names = new Set([file, path.resolve(file)]);
  const results = topLevelResults(tap).filter((r) => !names.has(r.name));
  if (status !== 0) return { code: status === null ? 1 : status, lines: [] };
  if (results.length === 0) {
    return { code: SKIP_EXIT_CODE, lines: ['run_node_test: no test ran in this file: reported as skipped'] };
  }
  const skipped = results.filter((r) => r.skip !== null);
  const lines = skipped.map((r) => `run_node_test: skipped "${r.name}": ${r.skip}`);
  if (skipped.length === results.length) {
    lines.push(`run_node_test: all ${results.length} tests skipped: reported as skipped`);
    return { code: SKIP_EXIT_CODE, lines };
  }
  if (skipped.length > 0) lines.push(`run_node_test: ${results.length - skipped.length} of ${results.length} tests ran`);
  return { code: 0, lines };
}

function dynamoDbEnvironment() {
  const endpoint = process.env.BANK_TEST_DYNAMODB_ENDPOINT;
  if (!endpoint) return null;
  return {
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID || 'banktest',
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY || 'banktest',
    AWS_REGION: process.env.AWS_REGION || 'us-east-1',
  };
}

async function main(argv) {
  const needsDynamoDb = argv[0] === '--needs-dynamodb';
  const file = needsDynamoDb ? argv[1] : argv[0];
  if (!file) {
    console.error('usage: run_node_test.mjs [--needs-dynamodb] FILE');
    return 2;
  }
  let environment = process.env;
  if (needsDynamoDb) {
    const dynamoDb = dynamoDbEnvironment();
    if (!dynamoDb) {
      console.log('run_node_test: skipped: BANK_TEST_DYNAMODB_ENDPOINT is not set (scripts/dev test starts DynamoDB Local)');
      return SKIP_EXIT_CODE;
    }
    environment = { ...process.env, ...dynamoDb };
  }
  const child = spawn(process.execPath, ['--test', '--test-reporter=tap', file],
    { env: environment, stdio: ['ignore', 'pipe', 'inherit'] });
  let tap = '';
  child.stdout.on('data', (chunk) => {
    tap += chunk;
    process.stdout.write(chunk);
  });
  const status = await new Promise((resolve) => child.on('close', (code, signal) => resolve(signal ? null : code)));
  const { code, lines } = verdict(status, tap, file);
  for (const line of lines) console.log(line);
  return code;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
