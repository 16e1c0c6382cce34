// Lists the CTest entries a run skipped, from the JUnit file of `ctest --output-junit`, with
// the reason each gave (the runner's "run_node_test:" lines, GoogleTest's SKIPPED message).
//
//   node tests/support/report_skipped.mjs JUNIT_FILE [--expected FILE] [--fail]
//
// --expected FILE: entries that may skip on the CI machine too (one regular expression for a
// whole name per line, then " # why"; blank lines and lines starting with # ignored).
// --fail: exit 1 when an entry outside that list skipped (scripts/dev test passes it when
// CI=true, where every tool is installed and DynamoDB Local runs).
import fs from 'node:fs';
import process from 'node:process';

const ENTITIES = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const decode = (text) => text.replace(/&(lt|gt|amp|quot|apos);/g, (_, name) => ENTITIES[name]);

// [{ name, reason }] for every testcase that did not run.
export function skippedEntries(xml) {
  const entries = [];
  for (const match of xml.matchAll(/<testcase name="([^"]*)"[^>]*status="notrun"[^>]*>([\s\S]*?)<\/testcase>/g)) {
    const output = decode(/<system-out>([\s\S]*?)<\/system-out>/.exec(match[2])?.[1] ?? '');
    const reasons = output.split('\n')
      .filter((line) => /^run_node_test: |^\[  SKIPPED \]|skipped|Skipped/.test(line))
      .map((line) => line.trim())
      .filter((line) => line !== '');
    // GoogleTest's parameterised entries end in "  # GetParam() = ...": not part of the name.
    const name = decode(match[1]).replace(/\s+# GetParam\(\) = .*$/, '');
    entries.push({ name, reason: reasons.slice(-3).join(' | ') || 'no reason printed' });
  }
  return entries;
}

export function expectedPatterns(text) {
  return text.split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => new RegExp(`^(?:${line})$`));
}

function main(argv) {
  const file = argv[0];
  const expectedFile = argv.includes('--expected') ? argv[argv.indexOf('--expected') + 1] : null;
  const fail = argv.includes('--fail');
  const entries = skippedEntries(fs.readFileSync(file, 'utf8'));
  const expected = expectedFile ? expectedPatterns(fs.readFileSync(expectedFile, 'utf8')) : [];
  const unexpected = entries.filter((e) => !expected.some((pattern) => pattern.test(e.name)));
  if (entries.length === 0) {
    console.log('skipped CTest entries: none');
    return 0;
  }
  console.log(`skipped CTest entries: ${entries.length}`);
  for (const entry of entries) {
    const mark = unexpected.includes(entry) ? '' : ' (expected)';
    console.log(`  ${entry.name}${mark}: ${entry.reason}`);
  }
  if (fail && unexpected.length > 0) {
    console.error(`error: ${unexpected.length} entries skipped that CI must run: ${unexpected.map((e) => e.name).join(', ')}`);
    return 1;
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
