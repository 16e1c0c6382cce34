// TOTP codes for the second-factor tests, computed by Debian's oathtool (an implementation
// independent of the server's liboath use). The servers of these tests run on a clock that
// starts at TOTP_START (the BANK_TEST_NOW hook, docs/TESTING.md), the first second of a
// 30-second step, so a test knows which step the server is in: STEP0 during its first 30
// seconds. A code is accepted for one step either way and once only, so each person of a test
// uses STEP0 - 1, then STEP0, then STEP0 + 1, each while the server still accepts it.
import { execFileSync } from 'node:child_process';

export const TOTP_START = '2026-06-15T12:00:00Z';
export const STEP0 = Date.parse(TOTP_START) / 30_000;

export function totpClock() {
  return { BANK_TEST_NOW: TOTP_START };
}

// Why the tests cannot run, or false.
export function oathtoolMissing() {
  try {
    execFileSync('oathtool', ['--version'], { stdio: 'ignore' });
    return false;
  } catch {
    return 'needs oathtool (scripts/dev setup --browser installs it)';
  }
}

// The 6-digit code of a base32 secret for a 30-second step (Unix time / 30).
export function totpCode(secret, step) {
  const middle = new Date(step * 30_000 + 15_000).toISOString();
  return execFileSync('oathtool', ['--totp', '-b', '--now', middle, secret], { encoding: 'utf8' }).trim();
}

// The base32 secret inside an otpauth:// URI.
export function secretOf(otpauthUri) {
  return new URL(otpauthUri).searchParams.get('secret');
}
