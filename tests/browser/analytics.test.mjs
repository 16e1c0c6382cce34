// /analytics, /dashboard and /admin in a real browser (Debian chromium driven by
// playwright-core) on a `bank demo-data` history: every chart canvas is drawn (non-zero size,
// a Chart.js instance), every chart has its table, and no page logs a console error or a CSP
// violation. Screenshots go to BANK_TEST_OUTPUT/screenshots/analytics-*.png.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, BANK_BINARY, BANK_TEST_OUTPUT } from '../support/server.mjs';
import { testClock } from '../support/clock.mjs';
import { launchChromium, watchPage } from '../support/browser.mjs';

const SCREENSHOTS = path.join(BANK_TEST_OUTPUT, 'screenshots');

test('analytics charts are drawn without a console error or CSP violation', { timeout: 180_000 }, async (t) => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bank-analytics-browser-'));
  const db = path.join(dir, 'bank.db');
  // The history ends the day before the server's "today", which the test picks (mid-month): this
  // month has spending whatever day the suite runs.
  const clock = testClock();
  execFileSync(BANK_BINARY, ['demo-data', '--users', '3', '--months', '14', '--seed', '3', '--db', db],
    { timeout: 120_000, env: { ...process.env, ...clock } });
  execFileSync(BANK_BINARY, ['admin', 'grant', 'demo1@example.com', '--db', db], { timeout: 30_000 });
  const server = await startServer(t, { db, dir, env: clock });
  const context = await launchChromium(t);
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const problems = [];
  const page = await watchPage(context.pages()[0] ?? await context.newPage(), problems);

  // Every canvas that should hold a chart: its size, whether Chart.js drew it, and its table.
  async function charts() {
    return page.evaluate(() => [...document.querySelectorAll('canvas[data-chart-source]')].map((canvas) => {
      const section = canvas.closest('section') || canvas.closest('.row');
      return {
        id: canvas.id,
        width: canvas.width,
        height: canvas.height,
        drawn: Boolean(window.Chart && window.Chart.getChart(canvas)),
        points: window.Chart?.getChart(canvas)?.data.datasets.reduce((n, d) => n + d.data.length, 0) ?? 0,
        table: Boolean(section && section.querySelector('table tbody tr')),
      };
    }));
  }

  async function expectCharts(pathname, expected, shot) {
    await page.goto(`${server.url}${pathname}`);
    await page.waitForFunction((count) => window.Chart &&
      [...document.querySelectorAll('canvas[data-chart-source]')].filter((c) => window.Chart.getChart(c)).length >= count, expected.length);
    const found = await charts();
    assert.deepEqual(found.map((c) => c.id).sort(), [...expected].sort(), pathname);
    for (const chart of found) {
      assert.ok(chart.width > 0 && chart.height > 0, `${pathname} #${chart.id} has a size`);
      assert.ok(chart.drawn, `${pathname} #${chart.id} is a Chart.js chart`);
      assert.ok(chart.points > 0, `${pathname} #${chart.id} has data`);
      assert.ok(chart.table, `${pathname} #${chart.id} has a table beside it`);
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, `analytics-${shot}.png`), fullPage: true });
  }

  await page.goto(`${server.url}/login`);
  await page.fill('#email', 'demo1@example.com');
  await page.fill('#password', 'demo-password');
  await Promise.all([page.waitForURL(/\/dashboard/), page.locator('#login-button').click()]);

  await expectCharts('/dashboard', ['chart-dashboard-spending', 'chart-dashboard-forecast'], 'dashboard');
  await expectCharts('/analytics', ['chart-spending', 'chart-months', 'chart-balance', 'chart-forecast'], 'this-month');
  await expectCharts('/analytics?period=12m', ['chart-spending', 'chart-months', 'chart-balance', 'chart-forecast'], 'last-12-months');

  // The period form: a custom range chosen by typing.
  await page.selectOption('#analytics-period', 'custom');
  await page.fill('#analytics-from', '2020-01-01');
  await page.fill('#analytics-to', '2029-06-30');
  await Promise.all([page.waitForURL(/period=custom/), page.locator('#analytics-filter button[type=submit]').click()]);
  assert.match(await page.locator('#period-label').textContent(), /2020-01-01 to 2029-06-30/);
  await expectCharts(page.url().replace(server.url, ''), ['chart-spending', 'chart-months', 'chart-balance', 'chart-forecast'], 'custom');

  await expectCharts('/admin', ['chart-types', 'chart-signups', 'chart-volume'], 'admin');
  assert.deepEqual(problems, []);
});
