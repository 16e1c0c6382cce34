"""Decisions on recurring payments (POST and DELETE /api/v1/analytics/recurring/decisions) in
web/openapi.json, added by tools/openapi_gen.py. Kept in a file of its own."""

from openapi_common import error

INTERVAL = {"type": "string", "enum": ["weekly", "monthly", "yearly"]}
DECISION = {"type": "string", "enum": ["confirmed", "dismissed"]}


def add_recurring_decisions(paths, schemas):
    schemas["RecurringDecision"] = {
        "type": "object", "additionalProperties": False,
        "required": ["description", "interval", "decision", "recurrence_key", "decided_at"],
        "properties": {
            "description": {"type": "string", "description": "As you sent it"},
            "interval": INTERVAL, "decision": DECISION,
            "recurrence_key": {"type": "string", "examples": ["netflix premium#monthly"],
                               "description": "What the decision is kept under: the payee (lower case, spaces collapsed, as detection compares them) and the interval. One decision per key; a new one replaces it"},
            "decided_at": {"type": "string", "format": "date-time"}}}
    base = {"401": error("unauthenticated: no valid token or session"),
            "403": error("forbidden: a call authenticated by the session cookie without a matching X-CSRF-Token header; or insufficient_scope: a personal access token with the read scope")}
    bad = ("validation_failed: a description that names no payee or is longer than 200 characters, an interval not weekly, "
           "monthly or yearly")
    answer = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/RecurringDecision"}}}}
    query = [{"name": "description", "in": "query", "required": True, "schema": {"type": "string"},
              "description": "The payee or payer, as GET /api/v1/analytics/recurring answers it (case and spaces do not matter)"},
             {"name": "interval", "in": "query", "required": True, "schema": INTERVAL}]
    paths["/api/v1/analytics/recurring/decisions"] = {
        "post": {"operationId": "decideRecurring", "tags": ["analytics"],
                 "summary": "Confirm or dismiss a recurring payment or income",
                 "description": "Confirmed: shown with status confirmed and forecast as detected. Dismissed: left out of GET "
                                "/api/v1/analytics/recurring (unless include_dismissed=true) and of the cash-flow forecast, where "
                                "its postings count as variable money. The decision is kept under the payee and interval, so it "
                                "holds for the postings still to come; a second decision on the same recurrence replaces the "
                                "first. At most 500 decisions per person.",
                 "security": [{"bearer": []}],
                 "requestBody": {"required": True, "content": {"application/json": {"schema": {
                     "type": "object", "additionalProperties": False, "required": ["description", "interval", "decision"],
                     "properties": {"description": {"type": "string", "examples": ["Netflix"]}, "interval": INTERVAL,
                                    "decision": DECISION}}}}},
                 "responses": dict(base, **{
                     "200": dict(answer, description="The decision as stored"),
                     "400": error(bad + ", a decision not confirmed or dismissed, an unknown field, or 500 decisions already; `field` names the field")})},
        "delete": {"operationId": "undoRecurringDecision", "tags": ["analytics"],
                   "summary": "Undo a decision on a recurring payment or income",
                   "description": "The recurrence is shown (and forecast) as detected again.",
                   "security": [{"bearer": []}], "parameters": query,
                   "responses": dict(base, **{
                       "200": dict(answer, description="The decision that was undone"),
                       "400": error(bad + "; `field` names it"),
                       "404": error("not_found: you took no decision on that recurrence")})}}
