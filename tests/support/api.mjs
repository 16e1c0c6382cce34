// Helpers for the JSON API tests: a small bearer-token client over fetch, and a checker that
// validates every response against the OpenAPI document the server serves
// (GET /api/v1/openapi.json) with ajv.
//
// A response is accepted only when its status is documented for the operation (path and method)
// and its JSON body matches that status's schema, with $ref resolved into the document's
// components. Runs on Node 18 and 20.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { BANK_BINARY, startServer, uniqueEmail, PASSWORD } from './server.mjs';
import { testClock } from './clock.mjs';
import { parseCents } from './money.mjs';
import { apiHistory } from './history_pager.mjs';

export { PASSWORD, uniqueEmail };

const DOCUMENT_ID = 'https://bank.invalid/api/v1/openapi.json';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

// ---------------------------------------------------------------------------------------------
// Servers

// Starts `bank serve` with extra environment variables (options.env, such as
// BANK_LOGINS_PER_MINUTE or BANK_TEST_NOW).
export function startApiServer(t, options = {}) {
  return startServer(t, options);
}

// The set-up of an API test: a server (startServer's options), the OpenAPI document it serves
// and an Api client that checks every answer against it. Returns { server, spec, api }.
export async function setUpApi(t, options = {}) {
  const server = await startServer(t, options);
  const spec = await loadOpenApi(server);
  return { server, spec, api: new Api(server, spec) };
}

// The set-up of an API test on one person's `bank demo-data` history (`months` of it, from
// `seed`), on either store, with the server's clock fixed at `now`: a folder of its own, on
// DynamoDB fresh tables under a prefix of its own. Returns { server, api, demo }, `demo` being
// the Api client signed in as that person.
export async function setUpDemoApi(t, { name, now, months = 4, seed = 7 }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bank-${name}-`));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const db = path.join(dir, 'bank.db');
  const dynamodb = process.env.BANK_STORE === 'dynamodb';
  const tablePrefix = dynamodb
    ? `${name.slice(0, 4)}${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}_`
    : undefined;
  const clock = testClock(now);
  const env = { ...process.env, ...clock, ...(dynamodb ? { BANK_DYNAMODB_TABLE_PREFIX: tablePrefix } : {}) };
  if (dynamodb) execFileSync(BANK_BINARY, ['setup-dynamodb'], { env, timeout: 120_000 });
  execFileSync(BANK_BINARY, ['demo-data', '--users', '1', '--months', String(months), '--seed', String(seed), '--db', db],
    { env, timeout: 300_000 });
  const { server, api } = await setUpApi(t, { db, dir, tablePrefix, env: clock });
  const signedIn = await api.expect(200, 'POST', '/api/v1/login',
    { json: { email: 'demo1@example.com', password: 'demo-password' }, token: null });
  return { server, api, demo: api.as(signedIn.body.token) };
}

// ---------------------------------------------------------------------------------------------
// The OpenAPI document and response validation

function pointerEscape(segment) {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export class OpenApi {
  constructor(document) {
    assert.match(String(document.openapi), /^3\.1\./, 'the document is OpenAPI 3.1');
    this.document = document;
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(this.ajv);
    // The whole document is one schema resource, so "#/components/schemas/X" resolves into it.
    this.ajv.addSchema({ ...document, $id: DOCUMENT_ID });
    this.compiled = new Map();
    this.templates = Object.keys(document.paths || {}).map((template) => ({
      template,
      regex: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
    }));
  }

  // The path template of the document that a concrete path (query ignored) falls under.
  templateOf(pathname) {
    const path = pathname.split('?')[0];
    const exact = this.templates.find((t) => t.template === path);
    if (exact) return exact.template;
    const found = this.templates.find((t) => t.regex.test(path));
    return found ? found.template : null;
  }

  operation(method, pathname) {
    const template = this.templateOf(pathname);
    assert.ok(template, `${method} ${pathname}: the path is not in the OpenAPI document`);
    const op = this.document.paths[template][method.toLowerCase()];
    assert.ok(op, `${method} ${pathname}: ${method} is not documented for ${template}`);
    return { template, op };
  }

  validator(pointer) {
    let validate = this.compiled.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${DOCUMENT_ID}#${pointer}` });
      this.compiled.set(pointer, validate);
    }
    return validate;
  }

  // Asserts that `response` ({status, headers, text}) is documented for the operation and that
  // its body matches the schema. Returns the parsed body.
  check(method, pathname, response) {
    const what = `${method} ${pathname} -> ${response.status}`;
    const { template, op } = this.operation(method, pathname);
    const documented = op.responses?.[String(response.status)] ? String(response.status)
      : op.responses?.default ? 'default' : null;
    assert.ok(documented,
      `${what}: status ${response.status} is not documented for ${method.toUpperCase()} ${template} ` +
      `(documented: ${Object.keys(op.responses || {}).join(', ')}); body: ${response.text.slice(0, 300)}`);
    const entry = op.responses[documented];
    const content = entry.content || {};
    const contentType = (response.headers.get('content-type') || '').split(';')[0].trim().toLowerCase();
    if (Object.keys(content).length === 0) {
      return undefined;
    }
    assert.ok(content[contentType], `${what}: content type "${contentType}" is not documented ` +
      `(documented: ${Object.keys(content).join(', ')})`);
    let body;
    try {
      body = JSON.parse(response.text);
    } catch (error) {
      assert.fail(`${what}: the body is not JSON (${error.message}): ${response.text.slice(0, 300)}`);
    }
    if (content[contentType].schema) {
      const pointer = ['', 'paths', pointerEscape(template), method.toLowerCase(), 'responses', documented,
        'content', pointerEscape(contentType), 'schema'].join('/');
      const validate = this.validator(pointer);
      if (!validate(body)) {
        assert.fail(`${what}: the body does not match the documented schema:\n` +
          `${this.ajv.errorsText(validate.errors, { separator: '\n' })}\nbody: ${response.text.slice(0, 600)}`);
      }
    }
    for (const [name, header] of Object.entries(entry.headers || {})) {
      const value = response.headers.get(name);
      if (value === null) {
        assert.ok(!header.required, `${what}: the required header ${name} is missing`);
        continue;
      }
      if (header.schema) {
        const validate = this.ajv.compile(header.schema);
        assert.ok(validate(value), `${what}: header ${name}: ${JSON.stringify(value)} does not match its schema`);
      }
    }
    return body;
  }

  // Every (method, template) pair the document describes.
  operations() {
    const list = [];
    for (const [template, item] of Object.entries(this.document.paths)) {
      for (const method of METHODS) if (item[method]) list.push({ method: method.toUpperCase(), template });
    }
    return list;
  }
}

export async function loadOpenApi(server) {
  const response = await fetch(`${server.url}/api/v1/openapi.json`);
  assert.equal(response.status, 200, 'GET /api/v1/openapi.json');
  assert.match(response.headers.get('content-type') || '', /^application\/json/, 'openapi.json is JSON');
  return new OpenApi(await response.json());
}

// ---------------------------------------------------------------------------------------------
// Client

// A JSON API client for one server; `token` is sent as a bearer token when set.
// Every response is checked against the OpenAPI document unless { raw: true } is passed.
export class Api {
  constructor(server, spec, token = null) {
    this.server = server;
    this.spec = spec;
    this.token = token;
    this.seen = new Set(); // "METHOD template status" of every checked response
  }

  as(token) {
    const other = new Api(this.server, this.spec, token);
    other.seen = this.seen;
    return other;
  }

  // options: json (serialised as the body), body (raw), contentType, headers, token (null to
  // send none), raw (skip the OpenAPI check), binary (the body as a Buffer in `bytes`).
  async request(method, pathname, options = {}) {
    const headers = { ...(options.headers || {}) };
    const token = options.token === undefined ? this.token : options.token;
    if (token) headers.authorization = `Bearer ${token}`;
    let body = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      if (options.contentType === undefined) headers['content-type'] = 'application/json';
    }
    if (options.contentType) headers['content-type'] = options.contentType;
    let response;
    try {
      response = await fetch(this.server.url + pathname, {
        method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(options.timeout || 30_000),
      });
    } catch (error) {
      const child = this.server.child;
      const state = child && (child.exitCode !== null || child.signalCode !== null)
        ? `; the server exited (${child.exitCode ?? child.signalCode}), log: ${this.server.logFile}` : '';
      throw new Error(`${method} ${pathname} failed: ${error.cause?.message || error.message}${state}`);
    }
    const result = { status: response.status, headers: response.headers };
    // binary: the body as a Buffer (`bytes`), for the workbook export; text is then ''.
    if (options.binary) result.bytes = Buffer.from(await response.arrayBuffer());
    result.text = options.binary ? '' : await response.text();
    if (!options.raw) result.body = this.check(method, pathname, result);
    return result;
  }

  check(method, pathname, response) {
    const body = this.spec.check(method, pathname, response);
    this.seen.add(`${method.toUpperCase()} ${this.spec.templateOf(pathname)} ${response.status}`);
    return body;
  }

  get(pathname, options) { return this.request('GET', pathname, options); }
  post(pathname, json, options = {}) { return this.request('POST', pathname, { ...options, json }); }

  // Asserts the status (and the error code for an error), returns the parsed body.
  async expect(status, method, pathname, options = {}) {
    const response = await this.request(method, pathname, options);
    assert.equal(response.status, status,
      `${method} ${pathname}: expected ${status}, got ${response.status}: ${response.text.slice(0, 300)}`);
    if (options.code) {
      assert.equal(response.body?.error?.code, options.code, `${method} ${pathname}: error code`);
    }
    if (options.field) {
      assert.equal(response.body?.error?.field, options.field, `${method} ${pathname}: error field`);
    }
    return response;
  }
}

// Registers a person through the API and signs in; returns { api (with the token), email,
// password, user, token }.
export async function apiUser(api, details = {}) {
  const email = details.email || uniqueEmail('api');
  const password = details.password || PASSWORD;
  const full_name = details.full_name || 'Grace Hopper';
  const registered = await api.expect(201, 'POST', '/api/v1/register', {
    json: { email, password, full_name, ...(details.phone ? { phone: details.phone } : {}) },
    token: null,
  });
  const signedIn = await api.expect(200, 'POST', '/api/v1/login', { json: { email, password }, token: null });
  return { api: api.as(signedIn.body.token), email, password, user: registered.body, token: signedIn.body.token };
}

export async function openAccount(api, account_type = 'checking', initial_balance) {
  const json = { account_type };
  if (initial_balance !== undefined) json.initial_balance = initial_balance;
  return (await api.expect(201, 'POST', '/api/v1/accounts', { json })).body;
}

// ---------------------------------------------------------------------------------------------
// Money as integer cents

export const cents = parseCents;

export function amount(centsValue) {
  const sign = centsValue < 0 ? '-' : '';
  const abs = Math.abs(centsValue);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export const newKey = (prefix = 'key') => `${prefix}-${crypto.randomUUID()}`;

// Every transaction for a query, `limit` rows a page (tests/support/history_pager.mjs).
export function allTransactions(api, query = {}, limit = 100) {
  return apiHistory(async (path) => (await api.expect(200, 'GET', path)).body, query, { limit });
}
