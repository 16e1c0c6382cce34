// Every page as axe-core judges it (WCAG 2.0, 2.1 and 2.2 A and AA, and axe's best practices),
// at desktop (1280 px) and phone (390 px) widths: signed out, as a customer with a 14-month
// history, as an admin, and with forms refused (a failed sign-in, a refused payment, empty
// forms). Any violation fails the test; at phone width the page must not scroll sideways and
// no stacked card's label may be squeezed.
// Screenshots of every page at both widths go to BANK_TEST_OUTPUT/screenshots/a11y-*.png.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { AxeBuilder } from '@axe-core/playwright';
import { BANK_TEST_OUTPUT } from '../support/server.mjs';
import { launchChromium, watchPage } from '../support/browser.mjs';
import {
  startDemoBank, SIGNED_OUT_PAGES, CUSTOMER_PAGES, ADMIN_PAGES, ERROR_STATES, CUSTOMER_EMAIL,
  ADMIN_EMAIL, DEMO_PASSWORD,
} from '../support/page_tour.mjs';

const SCREENSHOTS = path.join(BANK_TEST_OUTPUT, 'screenshots');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
// The axe-core of package.json (the one @axe-core/playwright pins may be older).
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WIDTHS = [{ name: 'desktop', width: 1280, height: 900 }, { name: 'phone', width: 390, height: 844 }];

function shotName(who, name) {
  return `a11y-${who}-${name.replace(/^\//, '').replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '') || 'root'}`;
}

test('every page passes axe-core at desktop and phone widths and fits a phone', { timeout: 560_000 }, async (t) => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const server = await startDemoBank(t);
  const context = await launchChromium(t);
  const problems = [];
  const page = await watchPage(context.pages()[0] ?? await context.newPage(), problems, { pageStatuses: false });
  const findings = [];

  // Judges what `page` shows now at each width (resizing, never reloading, so a refused form
  // stays on screen): axe, the sideways scroll on a phone, a screenshot.
  async function judge(label) {
    for (const size of WIDTHS) {
      await page.setViewportSize({ width: size.width, height: size.height });
      // Chart.js redraws on resize; wait until the layout settles.
      await page.waitForLoadState('networkidle');
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const result = await new AxeBuilder({ page, axeSource: AXE_SOURCE }).withTags(AXE_TAGS).analyze();
      for (const violation of result.violations) {
        const where = violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(' | ');
        findings.push(`${label} @${size.width}px: ${violation.id} (${violation.impact}): ${violation.help} ` +
          `[${violation.nodes.length}x: ${where}]`);
      }
      if (size.name === 'phone') {
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.scrollingElement.scrollWidth, clientWidth: document.scrollingElement.clientWidth,
        }));
        if (scrollWidth > clientWidth) findings.push(`${label} @${size.width}px: the page is ${scrollWidth} px wide and scrolls sideways`);
        // A table stacked as cards labels each value; a long value must not squeeze its label
        // into pieces ("Descriptio" over "n").
        const squeezed = await page.evaluate(() => {
          const measure = document.createElement('canvas').getContext('2d');
          const cut = [];
          for (const cell of document.querySelectorAll('.table-stack td[data-label]')) {
            const before = getComputedStyle(cell, '::before');
            if (!cell.offsetParent || before.content === 'none') continue;
            measure.font = `${before.fontWeight} ${before.fontSize} ${before.fontFamily}`;
            const needed = measure.measureText(cell.dataset.label).width;
            if (parseFloat(before.width) + 1 < needed) cut.push(`"${cell.dataset.label}" beside "${cell.textContent.trim().slice(0, 40)}"`);
          }
          return cut;
        });
        for (const cell of squeezed) findings.push(`${label} @${size.width}px: a card's label is cut: ${cell}`);
      }
      await page.screenshot({ path: path.join(SCREENSHOTS, `${label}-${size.name}.png`), fullPage: true });
    }
  }

  async function visit(who, pathname) {
    await page.setViewportSize({ width: WIDTHS[0].width, height: WIDTHS[0].height });
    await page.goto(`${server.url}${pathname}`);
    await judge(shotName(who, pathname));
  }

  async function signIn(email) {
    await page.goto(`${server.url}/login`);
    await page.fill('#email', email);
    await page.fill('#password', DEMO_PASSWORD);
    await Promise.all([page.waitForURL(/\/dashboard/), page.locator('#login-button').click()]);
  }

  async function signOut() {
    // At desktop width, where the navigation bar is not folded behind its toggle.
    await page.setViewportSize({ width: WIDTHS[0].width, height: WIDTHS[0].height });
    await Promise.all([page.waitForURL(/\/login/), page.locator('#logout-button').click()]);
  }

  // Types the state's fields (the first account in an account select) and submits the form.
  async function refuse(state) {
    await page.setViewportSize({ width: WIDTHS[0].width, height: WIDTHS[0].height });
    await page.goto(`${server.url}${state.page}`);
    const select = page.locator('select[name=account_id]');
    if (state.signedIn && await select.count() > 0) {
      const first = await select.locator('option:not([value=""])').first().getAttribute('value');
      await select.selectOption(first);
    }
    for (const [name, value] of Object.entries(state.fields)) await page.fill(`[name=${name}]`, value);
    // The browser's own checks (required, type=number) would stop an empty form before the server.
    await page.evaluate(() => document.querySelectorAll('form').forEach((form) => { form.noValidate = true; }));
    await Promise.all([page.waitForLoadState('load'), page.locator('main form button[type=submit]').last().click()]);
    assert.ok(await page.locator('#form-error').count() > 0, `${state.name}: the form is refused with a message`);
    await judge(shotName('refused', state.name));
  }

  for (const pathname of SIGNED_OUT_PAGES) await visit('guest', pathname);
  for (const state of ERROR_STATES.filter((s) => !s.signedIn)) await refuse(state);
  await signIn(CUSTOMER_EMAIL);
  for (const pathname of CUSTOMER_PAGES) await visit('customer', pathname);
  for (const state of ERROR_STATES.filter((s) => s.signedIn)) await refuse(state);
  await signOut();
  await signIn(ADMIN_EMAIL);
  for (const pathname of ADMIN_PAGES) await visit('admin', pathname);

  assert.deepEqual(findings, [], `${findings.length} accessibility or layout findings`);
  // The refused forms, the unknown page and a customer on /admin answer 4xx on purpose; Chromium
  // logs each such page as a console error. A failed asset is still caught (as "404 for URL").
  const expected = /Failed to load resource: the server responded with a status of 4\d\d/;
  assert.deepEqual(problems.filter((problem) => !expected.test(problem)), [],
    'console errors, CSP violations or failed assets');
});
