// The browser tests' Chromium: Debian's /usr/bin/chromium (or BANK_CHROMIUM) driven by
// playwright-core, headless, on a fresh profile that goes when the test ends; and the
// collectors that turn what a page logs into a list of problems the test asserts empty.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.BANK_CHROMIUM || '/usr/bin/chromium';

// A persistent context on a fresh folder (Playwright refuses a --user-data-dir argument; this
// is the same thing), closed with its folder when `t` ends.
export async function launchChromium(t) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bank-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  t.after(async () => {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  });
  return context;
}

// Records into `problems` every console error, page error, CSP violation, failed request and
// answer of 400 or more on `page`. options.who prefixes each line; options.pageStatuses false
// leaves out the pages themselves (a test that expects a 400 re-rendered form).
export async function watchPage(page, problems, { who = '', pageStatuses = true } = {}) {
  const prefix = who ? `${who} ` : '';
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${prefix}console error on ${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${prefix}page error on ${page.url()}: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(`${prefix}request failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    if (!pageStatuses && response.request().resourceType() === 'document') return;
    if (response.status() >= 400) problems.push(`${prefix}${response.status()} for ${response.url()}`);
  });
  // CSP violations also reach the console, but count them explicitly.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return page;
}
