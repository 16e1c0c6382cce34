"""Bulk payments in web/openapi.json, added by tools/openapi_gen.py: POST
/api/v1/transfers/batch, at most 1,000 transfers (limits::transfer_batch_items_max), each
answered in its place as POST /api/v1/transfer would answer it alone."""

from openapi_common import error
import copy


BATCH_RESULT = {
    "type": "object", "required": ["status"],
    "description": "One item's outcome, in the request's order",
    "oneOf": [
        {"type": "object", "additionalProperties": False,
         "required": ["status", "transfer_id", "transaction", "balance"],
         "properties": {"status": {"const": "created"},
                        "transfer_id": {"type": "string", "pattern": "^[0-9a-f]{32}$"},
                        "transaction": {"$ref": "#/components/schemas/Transaction"},
                        "balance": {"type": "string", "description": "The paying account's "
                                    "balance right after this transfer"}}},
        {"type": "object", "additionalProperties": False, "required": ["status", "error"],
         "properties": {"status": {"const": "refused"},
                        "error": {"type": "object", "additionalProperties": False,
                                  "required": ["code", "message"],
                                  "properties": {
                                      "code": {"type": "string", "examples": [
                                          "insufficient_funds", "not_found",
                                          "validation_failed", "account_closed"]},
                                      "message": {"type": "string"},
                                      "field": {"type": "string"}}}}},
    ]}


def add_bulk(paths, schemas):
    error_schema = schemas["Error"]
    error_schema["description"] += (" With `step_up_required` for a bulk payment (POST "
                                    "/api/v1/transfers/batch), `challenge_id`, `count`, `total`, "
                                    "`payees_digest` and `expires_at`.")
    error_schema["properties"]["count"] = {
        "type": "integer", "minimum": 1, "description": "How many transfers the bulk payment's "
                                                         "step-up approves"}
    error_schema["properties"]["total"] = {
        "type": "string", "description": "The total of the transfers the step-up approves"}
    error_schema["properties"]["payees_digest"] = {
        "type": "string", "pattern": "^[0-9a-f]{64}$",
        "description": "SHA-256 (hex) of one line \"<to_account_number> <amount in cents>\" per "
                       "transfer, sorted, joined by newlines"}
    single = paths["/api/v1/transfer"]["post"]
    item = copy.deepcopy(single["requestBody"]["content"]["application/json"]["schema"])
    schemas["TransferBatchResult"] = BATCH_RESULT
    schemas["TransferBatchResults"] = {
        "type": "object", "additionalProperties": False, "required": ["results"],
        "properties": {"results": {"type": "array",
                                   "items": {"$ref": "#/components/schemas/TransferBatchResult"}}}}
    parameters = copy.deepcopy(single["parameters"])
    for parameter in parameters:
        if parameter["name"] == "Idempotency-Key":
            parameter["description"] = (
                "Covers the whole batch: the same key with the same body within 24 hours "
                "answers the original 200 and body (every item as first decided, refusals "
                "included) without moving money again (with `Idempotent-Replayed: true`); with "
                "another body, 409 idempotency_conflict, as for a single transfer. A batch in "
                "which no transfer was made is not remembered.")
        if parameter["name"] == "X-Step-Up":
            parameter["description"] = (
                "`<challenge_id>:<code>`: the answer to a 401 step_up_required for this very "
                "batch (its count, total and payees' digest). Sent with the same request again.")
    paths["/api/v1/transfers/batch"] = {"post": {
        "operationId": "transferBatch", "tags": ["payments"],
        "summary": "Make up to 1,000 transfers at once (a bulk payment)",
        "description": (
            "Each item is decided independently, in order, exactly as POST /api/v1/transfer "
            "would decide it alone (the same validation and refusals: overdraft, unknown "
            "account, someone else's account, a bad amount); a later item sees the balances "
            "the earlier ones left. The answer is 200 with one result per item. On SQLite the "
            "whole batch is one group commit (durable before the answer); on DynamoDB each "
            "item is its own transaction, in order (docs/ARCHITECTURE.md, \"Bulk payments\"). "
            "Under the step-up policy, one approval covers the whole batch. Needs the bearer "
            "token or the session cookie with the X-CSRF-Token header. Counted against the API "
            "rate limit as one call."),
        "parameters": parameters,
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "object", "additionalProperties": False, "required": ["transfers"],
            "properties": {"transfers": {"type": "array", "minItems": 1, "maxItems": 1000,
                                         "items": item}}}}}},
        "responses": {
            "200": {"description": "Every item's outcome, in order",
                    "content": {"application/json": {"schema": {
                        "$ref": "#/components/schemas/TransferBatchResults"}}},
                    "headers": copy.deepcopy(single["responses"]["201"]["headers"])},
            "400": error("validation_failed: `transfers` is missing, empty or holds more than "
                         "1,000 items (transfer_batch_items_max; `field` is transfers), or the "
                         "body has another field; nothing moved. A malformed item is refused "
                         "in its place instead"),
            "401": error("unauthenticated: no valid token or session; or step_up_required: an "
                         "item pays an account number you never paid before or is above your "
                         "step-up threshold, so the batch needs one code from your "
                         "authenticator app bound to its `count`, `total` and `payees_digest` "
                         "(SHA-256, hex, of one line \"<to_account_number> <amount in cents>\" "
                         "per transfer, sorted, joined by newlines): send the same request "
                         "again with `X-Step-Up: <challenge_id>:<code>`. A code for a batch "
                         "with another count, total or payees is refused with unauthenticated"),
            "403": error("forbidden: a call authenticated by the session cookie without a "
                         "matching X-CSRF-Token header; or, with BANK_STEP_UP=required, a risky "
                         "batch by a person without an authenticator app; or "
                         "insufficient_scope: a personal access token with the read scope"),
            "409": error("idempotency_conflict: the key was used for another request"),
            "413": error("payload_too_large: the body exceeds 256 KiB "
                         "(transfer_batch_body_max)"),
            "423": error("account_locked: five wrong codes lock sign-in and step-up for 30 "
                         "minutes"),
        }}}
