// Helpers for the HTTP and browser tests: start a real `bank serve` process on a free port with
// its own database, a small cookie-keeping HTTP client over fetch, and readers for the HTML
// markers that docs/ROUTES.md promises.
//
// Only Node built-ins and global fetch are used, so the tests run on Node 18 and 20.

import { spawn, execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { parseDisplayedCents } from './money.mjs';
import { pageHistory } from './history_pager.mjs';

export const BANK_BINARY = process.env.BANK_BINARY || '/work/main/build/bank';
export const BANK_SOURCE_DIR = process.env.BANK_SOURCE_DIR || '/work/main';
export const BANK_TEST_OUTPUT = process.env.BANK_TEST_OUTPUT || '/work/main/build/test-output';

const START_TIMEOUT_MS = 15_000;
const running = new Set();

// A server left running by a crashed test must not outlive the test process, nor the shared
// key file its folder (one per test process on DynamoDB: 291 were left in /tmp by 2026-12-07).
let dynamoDbKeyFile;
process.on('exit', () => {
  for (const child of running) {
    try { child.kill('SIGKILL'); } catch { /* already gone */ }
  }
  if (dynamoDbKeyFile) fs.rmSync(path.dirname(dynamoDbKeyFile), { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Server process

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function logFileFor(name) {
  const dir = path.join(BANK_TEST_OUTPUT, 'logs');
  fs.mkdirSync(dir, { recursive: true });
  const safe = String(name || 'server').replace(/[^A-Za-z0-9_.-]+/g, '-').slice(0, 80);
  return path.join(dir, `${safe}-${process.pid}-${Date.now()}.log`);
}

// BANK_STORE=dynamodb (set by tests/node_tests.cmake for the second run of the HTTP tests)
// puts every server on DynamoDB: each startServer gets fresh tables under a table prefix of
// its own, made by `bank setup-dynamodb`, unless options.tablePrefix shares another's.
export const BANK_STORE = process.env.BANK_STORE || 'sqlite';
const tablePrefixes = new Map(); // database path -> DynamoDB table prefix

// DynamoDB deployments must name the server key (BANK_SECRET_KEY_FILE: the TOTP secrets are
// sealed with it and the second-factor challenges signed); every server of this test process
// shares one, as the servers of one deployment would.
function sharedKeyFile() {
  if (!dynamoDbKeyFile) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bank-key-'));
    dynamoDbKeyFile = path.join(dir, 'server.key');
    fs.writeFileSync(dynamoDbKeyFile, `${crypto.randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  }
  return dynamoDbKeyFile;
}

function storeEnv(tablePrefix) {
  return tablePrefix === undefined
    ? {}
    : { BANK_STORE: 'dynamodb', BANK_DYNAMODB_TABLE_PREFIX: tablePrefix, BANK_SECRET_KEY_FILE: sharedKeyFile() };
}

function setupDynamoDb(tablePrefix) {
  return new Promise((resolve, reject) => {
    execFile(BANK_BINARY, ['setup-dynamodb'], { env: { ...process.env, ...storeEnv(tablePrefix) }, timeout: 120_000 },
      (error, stdout, stderr) => (error ? reject(new Error(`bank setup-dynamodb failed: ${stdout}${stderr}`)) : resolve()));
  });
}

function launch({ port, db, logFile, tablePrefix, args = [], env = {} }) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      BANK_BINARY,
      ['serve', '--host', '127.0.0.1', '--port', String(port), '--db', db, ...args],
      {
        env: { ...process.env, BANK_SOURCE_DIR, ...storeEnv(tablePrefix), ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    running.add(child);
    const log = fs.createWriteStream(logFile, { flags: 'a' });
    let output = '';
    let ready = false;
    // 'close' comes after the exit and the last of the child's output; the log file has all of
    // it once the stream has written what it still held ('finish', end's callback). Resolving
    // before that let a test read the file without its last lines (request_log, 2026-12-07).
    const exited = new Promise((done) => {
      child.on('close', (code, signal) => {
        running.delete(child);
        log.end(() => done(code ?? signal));
      });
    });
    const timer = setTimeout(() => {
      if (ready) return;
      child.kill('SIGKILL');
      reject(new Error(`bank serve did not say "listening on" within ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk) => {
      const text = chunk.toString();
      log.write(text);
      if (ready) return;
      output += text;
      if (output.includes('listening on')) {
        ready = true;
        clearTimeout(timer);
        resolve({ child, exited });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    exited.then((code) => {
      if (ready) return;
      clearTimeout(timer);
      reject(new Error(`bank serve exited (${code}) before it was ready:\n${output}`));
    });
  });
}

// Starts `bank serve` with a fresh database (or `options.db`) and stops it when the test ends;
// options.args are more arguments for `bank serve` (or a function of the server's folder
// returning them), options.env more environment variables (such as BANK_TEST_NOW, kept for a
// restart). Returns { url, port, db, dir, stop(signal) -> Promise<exit code or signal>, restart(), exited }.
export async function startServer(t, options = {}) {
  const dir = options.dir || fs.mkdtempSync(path.join(os.tmpdir(), 'bank-test-'));
  const db = options.db || path.join(dir, 'bank.db');
  const port = options.port || (await freePort());
  const logFile = logFileFor(options.name || t?.name);
  const tablePrefix = BANK_STORE === 'dynamodb'
    ? options.tablePrefix || `t${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}_`
    : undefined;
  if (tablePrefix !== undefined) {
    await setupDynamoDb(tablePrefix);
    tablePrefixes.set(db, tablePrefix);
  }
  const args = typeof options.args === 'function' ? options.args(dir) : options.args || [];
  const env = Object.fromEntries(Object.entries(options.env || {}).map(([name, value]) => [name, String(value)]));
  const server = {
    tablePrefix,
    url: `http://127.0.0.1:${port}`,
    port,
    db,
    dir,
    logFile,
    child: null,
    exited: null,
    async stop(signal = 'SIGTERM') {
      if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) {
        return this.exited;
      }
      this.child.kill(signal);
      return this.exited;
    },
    async restart() {
      await this.stop('SIGTERM');
      const restarted = await launch({ port, db, logFile, tablePrefix, args, env });
      this.child = restarted.child;
      this.exited = restarted.exited;
      return this;
    },
    kill() {
      if (this.child && this.child.exitCode === null && this.child.signalCode === null) {
        this.child.kill('SIGKILL');
      }
    },
  };
  const started = await launch({ port, db, logFile, tablePrefix, args, env });
  server.child = started.child;
  server.exited = started.exited;
  if (t && typeof t.after === 'function') {
    t.after(async () => {
      server.kill();
      await server.exited;
      if (!options.keepDir && !options.dir) fs.rmSync(dir, { recursive: true, force: true });
    });
  }
  return server;
}

// Runs `bank verify --db PATH` (on DynamoDB: `bank verify --store dynamodb` on the tables of the
// server that was given that path); resolves to { code, output }.
export function verifyLedger(db) {
  const tablePrefix = tablePrefixes.get(db);
  const args = tablePrefix === undefined ? ['verify', '--db', db] : ['verify', '--store', 'dynamodb'];
  return new Promise((resolve) => {
    execFile(BANK_BINARY, args, { env: { ...process.env, BANK_SOURCE_DIR, ...storeEnv(tablePrefix) }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      });
  });
}

// ---------------------------------------------------------------------------------------------
// HTTP client with a cookie jar

function splitSetCookie(headers) {
  if (typeof headers.getSetCookie === 'function') return headers.getSetCookie();
  const joined = headers.get('set-cookie');
  if (!joined) return [];
  // Commas also appear inside Expires dates; split only where a new name=value starts.
  return joined.split(/,(?=\s*[A-Za-z0-9_\-.]+=)/).map((s) => s.trim());
}

export class Client {
  constructor(baseUrl) {
    this.baseUrl = typeof baseUrl === 'string' ? baseUrl : baseUrl.url;
    this.server = typeof baseUrl === 'string' ? null : baseUrl;
    this.cookies = new Map();
  }

  get base() {
    return this.server ? this.server.url : this.baseUrl;
  }

  cookieHeader() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  keepCookies(setCookies) {
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => {
        const [k, v = ''] = a.split('=');
        const key = k.trim().toLowerCase();
        if (key === 'max-age') return Number(v.trim()) <= 0;
        if (key === 'expires') return Date.parse(v.trim()) < Date.now();
        return false;
      });
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  // method, path; options: form (object or [[k, v]]), body, headers, binary.
  async request(method, pathname, options = {}) {
    const headers = { ...(options.headers || {}) };
    const cookie = this.cookieHeader();
    if (cookie && !('cookie' in headers) && !('Cookie' in headers)) headers.cookie = cookie;
    let body = options.body;
    if (options.form !== undefined) {
      body = new URLSearchParams(options.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    let response;
    try {
      response = await fetch(this.base + pathname, {
        method,
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeout || 30_000),
      });
    } catch (error) {
      // Say what failed, and whether the server died (with where its log is).
      await new Promise((resolve) => setTimeout(resolve, 50));
      const child = this.server?.child;
      const state = child && (child.exitCode !== null || child.signalCode !== null)
        ? `; the server exited (${child.exitCode ?? child.signalCode}), log: ${this.server.logFile}`
        : '';
      const wrapped = new Error(`${method} ${pathname} failed: ${error.cause?.message || error.message}${state}`);
      wrapped.cause = error;
      throw wrapped;
    }
    // binary: the body as a Buffer (`bytes`), for the workbook export; text is then ''.
    const bytes = options.binary ? Buffer.from(await response.arrayBuffer()) : undefined;
    const text = options.binary ? '' : await response.text();
    const setCookies = splitSetCookie(response.headers);
    this.keepCookies(setCookies);
    return {
      status: response.status,
      headers: response.headers,
      text,
      bytes,
      location: response.headers.get('location'),
      setCookies,
    };
  }

  get(pathname, options) {
    return this.request('GET', pathname, options);
  }

  post(pathname, form, options = {}) {
    return this.request('POST', pathname, { ...options, form });
  }
}

// ---------------------------------------------------------------------------------------------
// HTML readers

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

// Visible text of an HTML fragment: no tags, entities decoded, whitespace collapsed.
export function textOf(html) {
  if (html == null) return null;
  return decodeEntities(
    html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' '),
  ).replace(/\s+/g, ' ').trim();
}

function attributesOf(tag) {
  const attributes = {};
  for (const m of tag.matchAll(/([A-Za-z_:][-A-Za-z0-9_:.]*)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    attributes[m[1].toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attributes;
}

// Every start tag named `name`, as { attributes, index, tag }.
export function tags(html, name) {
  const found = [];
  const re = new RegExp(`<${name}\\b([^>]*)>`, 'gi');
  for (const m of html.matchAll(re)) found.push({ attributes: attributesOf(m[1]), index: m.index, tag: m[0] });
  return found;
}

// The outer HTML of the element that starts at `start` (nesting of the same tag is counted).
function elementAt(html, start) {
  const name = /^<([A-Za-z][A-Za-z0-9]*)/.exec(html.slice(start))[1];
  const re = new RegExp(`<(/?)${name}\\b[^>]*>`, 'gi');
  re.lastIndex = start;
  let depth = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m[1]) depth -= 1;
    else if (!/\/>$/.test(m[0])) depth += 1;
    if (depth === 0) return html.slice(start, m.index + m[0].length);
  }
  return html.slice(start);
}

// Outer HTML of the element with id="ID", or null.
export function elementById(html, id) {
  const re = new RegExp(`<[A-Za-z][A-Za-z0-9]*\\b[^>]*\\bid\\s*=\\s*["']${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["'][^>]*>`, 'i');
  const m = re.exec(html);
  return m ? elementAt(html, m.index) : null;
}

export function textById(html, id) {
  return textOf(elementById(html, id));
}

// The csrf_token hidden input value of the first form on the page.
export function csrf(html) {
  for (const { attributes } of tags(html, 'input')) {
    if (attributes.name === 'csrf_token' && attributes.value) return attributes.value;
  }
  for (const { attributes } of tags(html, 'meta')) {
    if (attributes.name === 'csrf-token' && attributes.content) return attributes.content;
  }
  return null;
}

// { text, className } of the flash message, or null.
export function flash(html) {
  const element = elementById(html, 'flash');
  if (!element) return null;
  return { text: textOf(element), className: attributesOf(/^<[^>]*>/.exec(element)[0]).class || '' };
}

export const formError = (html) => textById(html, 'form-error');
export const fieldError = (html, field) => textById(html, `error-${field}`);

// Rows of /accounts: { account_id, account_number, html, text, balance (cents), status, type, closable }.
export function accountRows(html) {
  return tags(html, 'tr')
    .filter((t) => t.attributes['data-account-id'] !== undefined)
    .map((t) => {
      const rowHtml = elementAt(html, t.index);
      const text = textOf(rowHtml);
      const amount = /-?\$-?[\d,]+\.\d\d/.exec(text);
      return {
        account_id: t.attributes['data-account-id'],
        account_number: t.attributes['data-account-number'],
        html: rowHtml,
        text,
        balance: amount ? parseMoney(amount[0]) : null,
        status: /\bclosed\b/i.test(text) ? 'closed' : 'active',
        type: /savings/i.test(text) ? 'savings' : /checking/i.test(text) ? 'checking' : null,
        closable: /action\s*=\s*["'][^"']*\/accounts\/close/.test(rowHtml),
      };
    });
}

// Rows of /transactions: { id, html, text }.
export function transactionRows(html) {
  return tags(html, 'tr')
    .filter((t) => t.attributes['data-transaction-id'] !== undefined)
    .map((t) => {
      const rowHtml = elementAt(html, t.index);
      return { id: t.attributes['data-transaction-id'], html: rowHtml, text: textOf(rowHtml) };
    });
}

// The href of the "Next page" link (entities decoded), or null.
export function nextPageHref(html) {
  const element = elementById(html, 'next-page');
  if (!element) return null;
  const href = attributesOf(/^<[^>]*>/.exec(element)[0]).href;
  return href || null;
}

// ---------------------------------------------------------------------------------------------
// Money

export const parseMoney = parseDisplayedCents;

// 123456 -> "$1,234.56"
export function formatMoney(cents) {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}$${whole}.${String(abs % 100).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Account numbers: ten digits whose last one is a Damm check digit.

const DAMM = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2], [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9], [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8], [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4], [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5], [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

export function dammCheckDigit(digits) {
  let interim = 0;
  for (const c of digits) interim = DAMM[interim][Number(c)];
  return String(interim);
}

export function validAccountNumber(digits) {
  return /^\d{10}$/.test(digits) && dammCheckDigit(digits) === '0';
}

// A well-formed account number that (almost surely) belongs to nobody.
export function unusedAccountNumber(avoid = []) {
  for (;;) {
    let body = String(1 + crypto.randomInt(9));
    while (body.length < 9) body += String(crypto.randomInt(10));
    const number = body + dammCheckDigit(body);
    if (!avoid.includes(number)) return number;
  }
}

// The same number with one digit changed (the check digit then no longer matches).
export function mistype(number, position = 3) {
  const digit = (Number(number[position]) + 1) % 10;
  return number.slice(0, position) + digit + number.slice(position + 1);
}

// ---------------------------------------------------------------------------------------------
// Users and forms

export function uniqueEmail(prefix = 'user') {
  return `${prefix}-${Date.now().toString(36)}-${crypto.randomBytes(4).toString('hex')}@example.com`;
}

export const PASSWORD = 'Sturdy-passw0rd';

// GETs `options.page` (default: the path itself) for a csrf token, then POSTs the fields to path.
export async function postForm(client, pathname, fields = {}, options = {}) {
  const page = await client.get(options.page || pathname);
  const token = csrf(page.text);
  if (!token) {
    throw new Error(`no csrf_token on GET ${options.page || pathname} (status ${page.status})`);
  }
  const form = Array.isArray(fields) ? [['csrf_token', token], ...fields] : { csrf_token: token, ...fields };
  return client.post(pathname.split('?')[0], form);
}

export async function register(client, details = {}) {
  const email = details.email || uniqueEmail();
  const password = details.password ?? PASSWORD;
  const fields = {
    email,
    password,
    confirm_password: details.confirm_password ?? password,
    full_name: details.full_name ?? 'Ada Lovelace',
    phone: details.phone ?? '',
    ...(details.time_zone !== undefined ? { time_zone: details.time_zone } : {}),
  };
  const response = await postForm(client, '/register', fields);
  return { ...response, email, password };
}

export async function login(client, email, password = PASSWORD, extra = {}) {
  return postForm(client, '/login', { email, password, ...extra });
}

function failure(what, response) {
  const detail = formError(response.text) || textOf(response.text).slice(0, 300);
  return new Error(`${what}: HTTP ${response.status} ${response.location || ''} ${detail}`);
}

// Registers a new person and signs in; returns { client, email, password }.
export async function signUp(server, details = {}) {
  const client = new Client(server);
  const registered = await register(client, details);
  if (registered.status !== 303) throw failure('registration failed', registered);
  const signedIn = await login(client, registered.email, registered.password);
  if (signedIn.status !== 303) throw failure('sign-in failed', signedIn);
  return { client, email: registered.email, password: registered.password };
}

export async function listAccounts(client) {
  const page = await client.get('/accounts');
  if (page.status !== 200) throw failure('GET /accounts', page);
  return accountRows(page.text);
}

export async function accountById(client, accountId) {
  return (await listAccounts(client)).find((a) => a.account_id === String(accountId));
}

export async function balanceOf(client, accountId) {
  const account = await accountById(client, accountId);
  if (!account) throw new Error(`account ${accountId} is not on /accounts`);
  return account.balance;
}

// Opens an account; returns { account_id, account_number, response, flash (shown on /accounts) }.
export async function createAccount(client, type = 'checking', initial = '') {
  const before = new Set((await listAccounts(client)).map((a) => a.account_id));
  const response = await postForm(client, '/accounts/create', {
    account_type: type,
    initial_balance: initial === undefined || initial === null ? '' : String(initial),
  });
  if (response.status !== 303) throw failure(`opening a ${type} account`, response);
  const page = await client.get('/accounts');
  if (page.status !== 200) throw failure('GET /accounts', page);
  const created = accountRows(page.text).filter((a) => !before.has(a.account_id));
  if (created.length !== 1) throw new Error(`expected one new account row, found ${created.length}`);
  return {
    account_id: created[0].account_id,
    account_number: created[0].account_number,
    response,
    flash: flash(page.text),
  };
}

export function deposit(client, accountId, amount, description = '') {
  return postForm(client, '/deposit', { account_id: accountId, amount: String(amount), description });
}

export function withdraw(client, accountId, amount, description = '', category = '') {
  return postForm(client, '/withdraw', { account_id: accountId, amount: String(amount), description, category });
}

export function transfer(client, fromId, toNumber, amount, description = '', category = '') {
  return postForm(client, '/transfer', {
    account_id: fromId, to_account_number: toNumber, amount: String(amount), description, category,
  });
}

// Every row of /transactions for a query, following "Next page" links
// (tests/support/history_pager.mjs); `readRows` reads a page's rows (transactionRows:
// { id, html, text }). Fails when a page is not 200.
export function allTransactions(client, query = '', readRows = transactionRows) {
  const getText = async (href) => {
    const page = await client.get(href);
    if (page.status !== 200) throw failure(`GET ${href}`, page);
    return page.text;
  };
  return pageHistory(getText, `/transactions${query ? `?${query}` : ''}`, { readRows, nextHref: nextPageHref });
}

// A minimal CSV reader (quoted fields, doubled quotes, CRLF or LF).
export function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') { record.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      record.push(field); records.push(record); record = []; field = '';
    } else field += c;
  }
  if (field !== '' || record.length) { record.push(field); records.push(record); }
  return records;
}

// Sends raw bytes over TCP and resolves to { status, head, text } of the first response
// (for requests fetch would refuse or normalise, such as dot segments in the path).
export function rawRequest(port, data, { timeout = 10_000 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    const finish = () => {
      socket.destroy();
      const text = received.toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      if (!m) return reject(new Error(`no HTTP response (got ${JSON.stringify(text.slice(0, 200))})`));
      const end = text.indexOf('\r\n\r\n');
      resolve({ status: Number(m[1]), head: end >= 0 ? text.slice(0, end) : text, text });
    };
    const timer = setTimeout(finish, timeout);
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      const text = received.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end >= 0) {
        const length = /\r\ncontent-length:\s*(\d+)/i.exec(text.slice(0, end));
        if (length && received.length >= end + 4 + Number(length[1])) {
          clearTimeout(timer);
          finish();
        }
      }
    });
    socket.on('end', () => { clearTimeout(timer); finish(); });
    socket.on('close', () => { clearTimeout(timer); finish(); });
    // The server may answer and close before reading everything; that is fine.
    socket.on('error', () => {});
    socket.write(data);
  });
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
