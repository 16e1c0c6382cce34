"""Recurring payments and income (GET /api/v1/analytics/recurring) in web/openapi.json, added
by tools/openapi_gen.py. Kept in a file of its own."""

MONEY = {"type": "string", "pattern": "^[0-9]+\\.[0-9]{2}$"}
DATE = {"type": "string", "format": "date"}


def add_recurring(paths, schemas):
    schemas["RecurringSeries"] = {
        "type": "object", "additionalProperties": False,
        "required": ["description", "direction", "interval", "usual_amount", "last_amount", "last_date",
                     "next_date", "next_amount", "price_changed", "occurrences"],
        "properties": {
            "description": {"type": "string", "description": "The payee or payer, as the newest posting wrote it"},
            "direction": {"type": "string", "enum": ["outgoing", "incoming"], "description": "A payment or income"},
            "interval": {"type": "string", "enum": ["weekly", "monthly", "yearly"]},
            "usual_amount": dict(MONEY, description="The median of the occurrences before the newest"),
            "last_amount": MONEY,
            "last_date": dict(DATE, description="In the person's time zone"),
            "next_date": dict(DATE, description="When the next one is expected (a monthly one on the 31st falls on a shorter month's last day)"),
            "next_amount": dict(MONEY, description="Expected: the newest amount"),
            "price_changed": {"type": "boolean", "description": "The newest amount differs from the usual one by more than 10% (at least $1.00)"},
            "occurrences": {"type": "integer", "minimum": 3, "description": "How many times in a row it came at this interval"}}}
    schemas["RecurringReport"] = {
        "type": "object", "additionalProperties": False, "required": ["as_of", "history_truncated", "recurring"],
        "properties": {
            "as_of": dict(DATE, description="The person's today"),
            "history_truncated": {"type": "boolean", "description": "True when only the newest 20,000 postings of the last 800 days were read"},
            "recurring": {"type": "array", "items": {"$ref": "#/components/schemas/RecurringSeries"},
                          "description": "Soonest next date first"}}}
    paths["/api/v1/analytics/recurring"] = {"get": {
        "operationId": "getRecurring", "tags": ["analytics"],
        "summary": "Your recurring payments and income",
        "description": "Detected from your postings of the last 800 days (at most the newest 20,000): the same payee (case and spaces "
                       "ignored) in the same direction at least three times in a row, weekly (6 to 8 days apart), monthly (25 to 34) "
                       "or yearly (360 to 371), every amount but the newest within 10% (at least $1.00) of their median, and still "
                       "running (the next date not missed by more than those days of slack). Transfers between your own accounts are "
                       "left out. Dates are in your time zone.",
        "security": [{"bearer": []}],
        "responses": {
            "200": {"description": "The series, soonest next date first",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RecurringReport"}}}},
            "401": {"description": "unauthenticated: no valid token or session",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}}}
