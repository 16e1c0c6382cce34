// The history pager of every test: all the rows of a history, one page after another. The API
// pages by next_cursor (apiHistory), the /transactions page by its "Next page" link
// (pageHistory); both go through pageThrough, which bounds the number of pages and fails on a
// row that comes twice. The caller fetches a page its own way (a client, a token, retries),
// so the tests that need a different transport still page the same way.
import assert from 'node:assert/strict';

// Follows `fetchPage(position)` -> { rows, next } from `first` until `next` is empty, and
// answers every row in order. `idOf(row)` names a row: one that comes twice fails, unless
// `onRepeat(id)` is given, which notes it (the row is kept, so the caller's counts show it).
export async function pageThrough({ what, first, fetchPage, idOf, onRepeat = null, pagesMax = 1000 }) {
  const rows = [];
  const seen = new Set();
  let position = first;
  for (let pages = 0; pages < pagesMax; pages += 1) {
    const page = await fetchPage(position);
    for (const row of page.rows) {
      const id = idOf(row);
      if (seen.has(id)) {
        if (!onRepeat) throw new Error(`${what}: row ${id} came twice while paging`);
        onRepeat(id);
      }
      seen.add(id);
      rows.push(row);
    }
    if (!page.next) return rows;
    position = page.next;
  }
  throw new Error(`${what}: paging did not end within ${pagesMax} pages`);
}

// Every row of GET /api/v1/transactions for `query` (an object of parameters), `limit` rows a
// page, following next_cursor. `getBody(path)` answers the JSON body of a 200 for the path
// (and fails on anything else). A page holding more than `limit` rows fails.
export function apiHistory(getBody, query = {}, { limit = 100, onRepeat = null, pagesMax = 20_000 } = {}) {
  const what = `GET /api/v1/transactions?${new URLSearchParams(query)}`;
  return pageThrough({
    what,
    first: '',
    fetchPage: async (cursor) => {
      const params = new URLSearchParams({ ...query, limit: String(limit) });
      if (cursor) params.set('cursor', cursor);
      const body = await getBody(`/api/v1/transactions?${params}`);
      assert.ok(body.transactions.length <= limit, `${what}: a page holds at most ${limit} rows`);
      return { rows: body.transactions, next: body.next_cursor };
    },
    idOf: (row) => row.transaction_id,
    onRepeat,
    pagesMax,
  });
}

// Every row of the /transactions page from `href` on, following its "Next page" link.
// `getText(href)` answers the HTML of a 200 for href (and fails on anything else);
// `readRows(html)` reads a page's rows ({ id, ... }), `nextHref(html)` its next link or null.
export function pageHistory(getText, href, { readRows, nextHref, pagesMax = 200 }) {
  return pageThrough({
    what: `GET ${href}`,
    first: href,
    fetchPage: async (pageHref) => {
      const html = await getText(pageHref);
      return { rows: readRows(html), next: nextHref(html) };
    },
    idOf: (row) => row.id,
    pagesMax,
  });
}
