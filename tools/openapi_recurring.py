"""Recurring payments and income (GET /api/v1/analytics/recurring) in web/openapi.json, added
by tools/openapi_gen.py. Kept in a file of its own."""

MONEY = {"type": "string", "pattern": "^[0-9]+\\.[0-9]{2}$"}
DATE = {"type": "string", "format": "date"}


def add_recurring(paths, schemas):
    nullable_date = {"type": ["string", "null"], "format": "date"}
    schemas["RecurringSeries"] = {
        "type": "object", "additionalProperties": False,
        "required": ["description", "direction", "interval", "status", "usual_amount", "last_amount", "last_date",
                     "next_date", "next_amount", "price_changed", "occurrences", "standing_order_id", "schedule"],
        "properties": {
            "description": {"type": "string", "description": "The payee or payer, as the newest posting wrote it (a standing order: its description)"},
            "direction": {"type": "string", "enum": ["outgoing", "incoming"], "description": "A payment or income (a standing order is a payment)"},
            "interval": {"type": "string", "enum": ["daily", "weekly", "monthly", "yearly"],
                         "description": "A detected series: weekly, monthly or yearly; a standing order: the frequency of its rule (schedule says it whole)"},
            "status": {"type": "string", "enum": ["detected", "confirmed", "dismissed", "standing_order"],
                       "description": "detected: found in your postings, no decision taken; confirmed or dismissed: as you decided (POST /api/v1/analytics/recurring/decisions); standing_order: one of your active standing orders, a known recurrence (a detected payment to the same payee is not listed again)"},
            "usual_amount": dict(MONEY, description="The median of the occurrences before the newest (a standing order: its amount)"),
            "last_amount": MONEY,
            "last_date": dict(nullable_date, description="In the person's time zone; null for a standing order"),
            "next_date": dict(DATE, description="When the next one is expected (a monthly one on the 31st falls on a shorter month's last day); a standing order: its next due date"),
            "next_amount": dict(MONEY, description="Expected: the newest amount"),
            "price_changed": {"type": "boolean", "description": "The newest amount differs from the usual one by more than 10% (at least $1.00)"},
            "occurrences": {"type": ["integer", "null"], "minimum": 3, "description": "How many times in a row it came at this interval; null for a standing order"},
            "standing_order_id": {"type": ["string", "null"], "description": "The standing order's id; null for a detected series"},
            "schedule": {"type": ["string", "null"], "description": "A standing order's rule in plain words (\"every month on day 1\"); null for a detected series"}}}
    schemas["RecurringReport"] = {
        "type": "object", "additionalProperties": False, "required": ["as_of", "history_truncated", "recurring"],
        "properties": {
            "as_of": dict(DATE, description="The person's today"),
            "history_truncated": {"type": "boolean", "description": "True when only the newest 20,000 postings of the last 800 days were read"},
            "recurring": {"type": "array", "items": {"$ref": "#/components/schemas/RecurringSeries"},
                          "description": "Standing orders first (soonest next date first), then the detected series, soonest next date first"}}}
    paths["/api/v1/analytics/recurring"] = {"get": {
        "operationId": "getRecurring", "tags": ["analytics"],
        "summary": "Your recurring payments and income",
        "description": "Detected from your postings of the last 800 days (at most the newest 20,000): the same payee (case and spaces "
                       "ignored) in the same direction at least three times in a row, weekly (6 to 8 days apart), monthly (25 to 34) "
                       "or yearly (360 to 371), every amount but the newest within 10% (at least $1.00) of their median, and still "
                       "running (the next date not missed by more than those days of slack). Transfers between your own accounts are "
                       "left out. Dates are in your time zone. Your active standing orders come first as known recurrences "
                       "(status standing_order), then each detected series with the status of your decision on it; dismissed "
                       "ones are left out unless include_dismissed=true.",
        "security": [{"bearer": []}],
        "parameters": [{"name": "include_dismissed", "in": "query", "required": False,
                        "schema": {"type": "string", "enum": ["true", "false"]},
                        "description": "true: list the series you dismissed too (status dismissed); false or left out: leave them out"}],
        "responses": {
            "400": {"description": "validation_failed: include_dismissed is neither true nor false; `field` names it",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
            "200": {"description": "The series, soonest next date first",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RecurringReport"}}}},
            "401": {"description": "unauthenticated: no valid token or session",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}}}
