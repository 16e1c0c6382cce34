"""Standing orders and scheduled payments in web/openapi.json, added by tools/openapi_gen.py:
/api/v1/standing-orders (create, list, read, change, cancel) and an order's occurrences, and
`standing_order_id` on every transaction (the order that made a posting). Kept in a file of its
own."""

from openapi_common import error, answer

DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
AMOUNT = {"type": "string", "pattern": r"^\d+\.\d{2}$"}
ID = {"type": "string"}
TS = {"type": "string", "format": "date-time"}
RRULE = {"type": "string", "maxLength": 200, "examples": ["FREQ=MONTHLY;BYMONTHDAY=-1", "FREQ=WEEKLY;BYDAY=MO,FR", "FREQ=DAILY;COUNT=1"],
         "description": "An RFC 5545 RRULE subset: FREQ=DAILY|WEEKLY|MONTHLY|YEARLY, INTERVAL, BYDAY (weekly), BYMONTHDAY (monthly, 1 to 31 or -1 for the last day; the 31st runs on the 30th of a 30-day month), COUNT, UNTIL (a date). A one-off payment is COUNT=1. Anything else is refused naming the part that is wrong."}


# Every outcome of an occurrence, in its owner's audit log (a date short of funds at its
# first try only).
EVENT_KINDS = ["standing_order_posted", "standing_order_retrying", "standing_order_failed",
               "standing_order_skipped"]


def add_standing_orders(paths, schemas, tags):
    kinds = schemas["SecurityEvent"]["properties"]["kind"]["enum"]
    kinds += [kind for kind in EVENT_KINDS if kind not in kinds]
    transaction = schemas["Transaction"]
    transaction["properties"]["standing_order_id"] = {
        "type": ["string", "null"], "description": "The standing order that made this posting; null for one made by hand"}
    transaction["required"].append("standing_order_id")
    schemas["StandingOrder"] = {"type": "object", "additionalProperties": False,
        "required": ["standing_order_id", "from_account_id", "to_account_number", "amount", "description", "category", "start_date",
                     "rrule", "schedule", "status", "next_dates", "created_at", "updated_at"],
        "properties": {
            "standing_order_id": ID, "from_account_id": ID, "to_account_number": {"type": "string"}, "amount": AMOUNT,
            "description": {"type": "string"}, "category": {"type": "string", "description": "Empty: inferred from your rules at each posting"},
            "start_date": DATE, "rrule": dict(RRULE, description="The rule as stored (parts in a fixed order, defaults left out)"),
            "schedule": {"type": "string", "description": "The rule in plain words", "examples": ["every month on the last day"]},
            "status": {"type": "string", "enum": ["active", "paused", "cancelled", "completed"]},
            "next_dates": {"type": "array", "maxItems": 5, "items": DATE, "description": "The next (at most five) dates it runs on, UTC days; empty when cancelled or completed"},
            "created_at": TS, "updated_at": TS}}
    schemas["StandingOrders"] = {"type": "object", "additionalProperties": False, "required": ["standing_orders"],
        "properties": {"standing_orders": {"type": "array", "items": {"$ref": "#/components/schemas/StandingOrder"}}}}
    schemas["Occurrence"] = {"type": "object", "additionalProperties": False,
        "required": ["due_date", "status", "attempts", "detail", "transaction_id", "updated_at"],
        "properties": {
            "due_date": DATE,
            "status": {"type": "string", "enum": ["claimed", "posted", "retrying", "failed", "skipped"],
                       "description": "claimed: being posted now; posted; retrying: short of funds, tried again at each scheduler pass for up to 3 days; failed; skipped: the account or payee was closed, or it was due more than 7 days before the bank could run it"},
            "attempts": {"type": "integer", "minimum": 0}, "detail": {"type": "string", "description": "Why it is retrying, failed or skipped"},
            "transaction_id": {"type": ["string", "null"], "description": "The posting, once posted"}, "updated_at": TS}}
    schemas["Occurrences"] = {"type": "object", "additionalProperties": False, "required": ["occurrences"],
        "properties": {"occurrences": {"type": "array", "maxItems": 100, "items": {"$ref": "#/components/schemas/Occurrence"}}}}

    bearer = [{"bearer": []}]
    order_id = [{"name": "standing_order_id", "in": "path", "required": True, "schema": ID}]
    base = {"401": error("unauthenticated: no valid token or session"),
            "403": error("forbidden: a call authenticated by the session cookie without a matching X-CSRF-Token header; or insufficient_scope: a personal access token with the read scope")}
    unknown = error("not_found: no standing order of yours has that id")
    create_body = {"type": "object", "additionalProperties": False,
                   "required": ["from_account_id", "to_account_number", "amount", "description", "rrule"],
                   "properties": {"from_account_id": ID, "to_account_number": {"type": "string", "pattern": r"^\d{10}$"},
                                  "amount": {"type": "string", "examples": ["1200.00"]},
                                  "description": {"type": "string", "minLength": 1, "maxLength": 200},
                                  "category": {"type": "string"}, "start_date": dict(DATE, description="The first day it may run (UTC); today when left out; not in the past"),
                                  "rrule": RRULE}}
    step_up = {"name": "X-Step-Up", "in": "header", "required": False, "schema": {"type": "string", "pattern": "^[^:]+:[0-9]{6}$"},
               "description": "`<challenge_id>:<code>`: the answer to a 401 step_up_required for this payee and amount, as for POST /api/v1/transfer"}
    paths["/api/v1/standing-orders"] = {
        "get": {"operationId": "listStandingOrders", "tags": ["standing orders"], "summary": "Your standing orders",
                "description": "Every standing order of yours, oldest first, cancelled and completed ones included, each with its schedule in plain words and its next five dates.",
                "security": bearer, "responses": dict(base, **{"200": answer("The orders", "StandingOrders")})},
        "post": {"operationId": "createStandingOrder", "tags": ["standing orders"], "summary": "Set up a standing order or a scheduled payment",
                 "description": "A transfer from one of your accounts to any account number of the bank, run by the bank's scheduler on each date of `rrule` from `start_date` (within BANK_SCHEDULER_INTERVAL seconds of the UTC day's start), exactly once per date even with several servers. Short of funds, a date is tried again at each pass for 3 days, then marked failed. The step-up rule of transfers applies here, once: a new payee or an amount above your threshold needs the X-Step-Up answer. At most 50 active or paused orders per person.",
                 "security": bearer, "parameters": [step_up],
                 "requestBody": {"required": True, "content": {"application/json": {"schema": create_body}}},
                 "responses": dict(base, **{
                     "201": answer("The new order, with its next dates", "StandingOrder"),
                     "400": error("validation_failed: a field is missing or malformed (the rule's message names the wrong part), the start date is in the past, the rule has no date left, or 50 orders already; `field` names it"),
                     "401": error("unauthenticated: no valid token or session; or step_up_required: a new payee or an amount above your threshold needs a code bound to this payee and amount"),
                     "404": error("not_found: the paying account is not yours, or no account has that number"),
                     "422": error("account_closed: the paying or receiving account is closed"),
                     "423": error("account_locked: five wrong step-up codes lock sign-in for 30 minutes")})}}
    paths["/api/v1/standing-orders/{standing_order_id}"] = {
        "get": {"operationId": "getStandingOrder", "tags": ["standing orders"], "summary": "One of your standing orders",
                "description": "The order with its schedule in plain words and its next five dates.",
                "security": bearer, "parameters": order_id, "responses": dict(base, **{"200": answer("The order", "StandingOrder"), "404": unknown})},
        "patch": {"operationId": "changeStandingOrder", "tags": ["standing orders"], "summary": "Change, pause or resume a standing order",
                  "description": "Any of amount, description, rrule and status (active or paused). A new rule, or a resume, runs from the next date on or after today: dates missed while paused are not caught up. A cancelled or completed order cannot change (409). A new amount is stepped up as a transfer would be.",
                  "security": bearer, "parameters": order_id + [dict(step_up, description="With a new `amount`: the answer to a 401 step_up_required for the order's payee and the new amount")],
                  "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": False,
                      "properties": {"amount": {"type": "string"}, "description": {"type": "string", "minLength": 1, "maxLength": 200}, "rrule": RRULE,
                                     "status": {"type": "string", "enum": ["active", "paused"]}}}}}},
                  "responses": dict(base, **{"200": answer("The order after the change", "StandingOrder"),
                                             "400": error("validation_failed: a field is malformed (the rule's message names the wrong part); `field` names it"),
                                             "401": error("unauthenticated: no valid token or session; or step_up_required: a new amount above your threshold (or to a payee you never paid) needs a code bound to the payee and that amount"),
                                             "423": error("account_locked: five wrong step-up codes lock sign-in for 30 minutes"),
                                             "404": unknown, "409": error("conflict: the order is cancelled or completed, or changed meanwhile")})},
        "delete": {"operationId": "cancelStandingOrder", "tags": ["standing orders"], "summary": "Cancel a standing order",
                   "description": "It runs no more; it stays in your list as cancelled, with its occurrences.",
                   "security": bearer, "parameters": order_id,
                   "responses": dict(base, **{"200": answer("The cancelled order", "StandingOrder"), "404": unknown,
                                              "409": error("conflict: the order is cancelled or completed already")})}}
    paths["/api/v1/standing-orders/{standing_order_id}/occurrences"] = {
        "get": {"operationId": "listStandingOrderOccurrences", "tags": ["standing orders"], "summary": "What became of each date of a standing order",
                "description": "The newest 100 dates the scheduler reached, newest first: posted (with its transaction), retrying, failed or skipped, with why.",
                "security": bearer, "parameters": order_id, "responses": dict(base, **{"200": answer("The occurrences", "Occurrences"), "404": unknown})}}
    tags.append(("standing orders", "Standing orders and scheduled payments the bank runs on their dates"))
