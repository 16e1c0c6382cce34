"""The bank-wide change feed in /api/v1 for tools/openapi_gen.py: GET /api/v1/admin/changes,
every posting once in commit order with a resumable, opaque cursor, for warehouse loaders
(admins only)."""

from openapi_common import error

MONEY = {"type": "string", "pattern": "^\\d+\\.\\d{2}$", "examples": ["1234.56"]}
ID = {"type": "string", "pattern": "^[0-9a-f]{32}$"}
TYPES = ["deposit", "withdrawal", "transfer_in", "transfer_out"]
CURSOR = {"type": "string", "pattern": "^[A-Za-z0-9_-]*$"}


def add_schemas(schemas):
    schemas["Change"] = {
        "type": "object", "additionalProperties": False,
        "required": ["position", "transaction_id", "account_id", "kind", "transaction_type",
                     "amount", "balance_after", "description", "category",
                     "counterparty_account_number", "transfer_id", "standing_order_id",
                     "reversal_of", "timestamp", "committed_at"],
        "properties": {
            "position": {"type": "string", "description": "The posting's place in the feed "
                         "(text that orders it); its base64url is the cursor after it"},
            "transaction_id": ID, "account_id": ID,
            "kind": {"type": "string", "enum": TYPES},
            "transaction_type": {"type": "string", "enum": TYPES},
            "amount": MONEY, "balance_after": MONEY,
            "description": {"type": "string"}, "category": {"type": "string"},
            "counterparty_account_number": {"type": ["string", "null"]},
            "transfer_id": {"type": ["string", "null"]},
            "standing_order_id": {"type": ["string", "null"]},
            "reversal_of": {"type": ["string", "null"], "pattern": "^[0-9a-f]{32}$",
                            "description": "A reversal: the posting it undoes"},
            "timestamp": {"type": "string", "format": "date-time"},
            "committed_at": {"type": "string", "format": "date-time",
                             "description": "When the posting was written (its timestamp)"}}}
    schemas["ChangePage"] = {
        "type": "object", "additionalProperties": False,
        "required": ["changes", "next_cursor", "has_more"],
        "properties": {
            "changes": {"type": "array", "maxItems": 1000,
                        "items": {"$ref": "#/components/schemas/Change"}},
            "next_cursor": dict(CURSOR, description="Send it as `cursor` for the next page; "
                                "the same cursor when nothing new was there (empty at the start "
                                "of an empty feed)"),
            "has_more": {"type": "boolean",
                         "description": "More postings can be read right now"}}}


def add_change_feed(paths, schemas):
    add_schemas(schemas)
    paths["/api/v1/admin/changes"] = {"get": {
        "operationId": "listChanges", "tags": ["admin"],
        "summary": "Read the bank-wide change feed",
        "description": "Every posting of the bank once, in commit order (SQLite: the order the "
                       "single writer committed them; DynamoDB: each posting's logical time, "
                       "which orders every account's postings as they committed, served once "
                       "settled, about 10 s after), for warehouse loaders. Start with no cursor, "
                       "then send each answer's next_cursor; a loader that stops resumes from "
                       "the last cursor it kept. Admins only; not audited (a read, as the "
                       "overview).",
        "parameters": [
            {"name": "cursor", "in": "query", "required": False, "schema": CURSOR,
             "description": "next_cursor of the page before; none for the first page"},
            {"name": "limit", "in": "query", "required": False,
             "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100},
             "description": "At most this many postings (1 to 1,000)"}],
        "responses": {
            "200": {"description": "A page of the feed", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/ChangePage"}}}},
            "400": error("validation_failed: a cursor this feed did not give out (`field` is "
                         "cursor) or a limit outside 1 to 1,000 (`field` is limit); nothing read"),
            "401": error("unauthenticated: no valid token or session"),
            "403": error("forbidden: not an administrator")}}}
