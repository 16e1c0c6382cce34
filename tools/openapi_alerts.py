"""Alerts and notifications in web/openapi.json, added by tools/openapi_gen.py: /api/v1/alerts
(a person's rules: add, list, delete) and /api/v1/notifications (newest first with the unread
count, mark one or all read). Kept in a file of its own."""

from openapi_common import error, answer

ID = {"type": "string"}
TS = {"type": "string", "format": "date-time"}
KINDS = ["transaction_above", "unusual_transaction", "budget_threshold", "projected_balance_below",
         "recurring_price_changed", "standing_order_failed", "new_device_sign_in"]
KIND = {"type": "string", "enum": KINDS,
        "description": "transaction_above: a posting in or out above the threshold; unusual_transaction: an outgoing posting above 3 times its category's average (as /analytics); budget_threshold: a budget's month at 80% and at 100%, once each; projected_balance_below: the lowest point of your 30-day cash-flow forecast over all your accounts (as GET /api/v1/analytics/forecast) below the threshold, at most once a day; recurring_price_changed: an outgoing posting to a recurring payee (detected, or one you confirmed) whose amount differs from the usual by more than the detection's tolerance (10%, at least $1.00), once per posting; standing_order_failed: a date of one of your standing orders that failed; new_device_sign_in: a sign-in from a browser or device not seen before"}
RULES_MAX = 20  # core/alert_limits.hpp
PAGE_SIZE = 50


def obj(properties, required=None):
    return {"type": "object", "additionalProperties": False,
            "required": list(properties) if required is None else required, "properties": properties}


def add_schemas(schemas):
    schemas["AlertRule"] = obj({
        "rule_id": ID, "kind": KIND,
        "threshold": {"type": ["string", "null"], "pattern": r"^\d+\.\d{2}$",
                      "description": "transaction_above: a posting strictly above it raises the alert; projected_balance_below: a forecast balance strictly below it (0.00 allowed: any overdraft); null for the other kinds"},
        "email": {"type": "boolean", "description": "Also mailed to your address (when the bank sends mail)"},
        "created_at": TS})
    schemas["AlertRules"] = obj({"rules": {"type": "array", "maxItems": RULES_MAX,
                                           "items": {"$ref": "#/components/schemas/AlertRule"}}})
    schemas["Notification"] = obj({
        "notification_id": dict(ID, description="Deterministic: the same rule and event give the same id, so a receiver may drop repeats"),
        "kind": KIND, "rule_id": ID,
        "subject_id": dict(ID, description="What it is about: posting:<transaction id>, budget:<budget id>:<month>:<80 or 100>, forecast:<YYYY-MM-DD> (the day of a projected_balance_below alert), or the event's own"),
        "message": {"type": "string"}, "created_at": dict(TS, description="When the posting or event happened"),
        "read": {"type": "boolean"}})
    schemas["Notifications"] = obj({
        "unread": {"type": "integer", "minimum": 0},
        "notifications": {"type": "array", "maxItems": PAGE_SIZE, "items": {"$ref": "#/components/schemas/Notification"}}})
    schemas["UnreadCount"] = obj({"unread": {"type": "integer", "minimum": 0}})
    schemas["ReadAll"] = obj({"marked": {"type": "integer", "minimum": 0}, "unread": {"type": "integer", "minimum": 0}})


def add_alerts(paths, schemas, tags):
    add_schemas(schemas)
    bearer = [{"bearer": []}]
    base = {"401": error("unauthenticated: no valid token or session"),
            "403": error("forbidden: a call authenticated by the session cookie without a matching X-CSRF-Token header; or insufficient_scope: a personal access token with the read scope")}
    create_body = obj({"kind": KIND,
                       "threshold": {"type": "string", "examples": ["250.00"], "description": "Required for transaction_above (more than 0.00) and projected_balance_below (0.00 or more), refused for the others"},
                       "email": {"type": "boolean", "description": "false when left out"}}, ["kind"])
    paths["/api/v1/alerts"] = {
        "get": {"operationId": "listAlertRules", "tags": ["alerts"], "summary": "Your alert rules",
                "description": "Oldest first.", "security": bearer,
                "responses": dict(base, **{"200": answer("Your rules", "AlertRules")})},
        "post": {"operationId": "createAlertRule", "tags": ["alerts"], "summary": "Add an alert rule",
                 "description": f"At most {RULES_MAX} rules per person, one per kind and threshold. Alerts from postings are raised after the posting commits, from the change feed, within seconds (DynamoDB: after the feed's 10 s settle lag); a posting is never slowed by them.",
                 "security": bearer,
                 "requestBody": {"required": True, "content": {"application/json": {"schema": create_body}}},
                 "responses": dict(base, **{"201": answer("The new rule", "AlertRule"),
                                            "400": error(f"validation_failed: an unknown kind, a threshold missing, refused (negative, not above 0.00 for transaction_above, or above 100000000.00) or given to a kind that takes none, email not a boolean, an unknown field; or {RULES_MAX} rules already; `field` names it"),
                                            "409": error("conflict: you have this rule already; `field` is kind")})}}
    paths["/api/v1/alerts/{rule_id}"] = {
        "delete": {"operationId": "deleteAlertRule", "tags": ["alerts"], "summary": "Delete an alert rule",
                   "description": "Notifications it raised stay.", "security": bearer,
                   "parameters": [{"name": "rule_id", "in": "path", "required": True, "schema": ID}],
                   "responses": dict(base, **{"200": answer("The deleted rule", "AlertRule"),
                                              "404": error("not_found: no rule of yours has that id")})}}
    paths["/api/v1/notifications"] = {
        "get": {"operationId": "listNotifications", "tags": ["alerts"], "summary": "Your notifications and the unread count",
                "description": f"The newest {PAGE_SIZE}, newest first; the bank keeps your newest 200.", "security": bearer,
                "responses": dict(base, **{"200": answer("Your notifications", "Notifications")})}}
    paths["/api/v1/notifications/read-all"] = {
        "post": {"operationId": "readAllNotifications", "tags": ["alerts"], "summary": "Mark every notification read",
                 "description": "Answers how many were unread and the unread count after.", "security": bearer,
                 "responses": dict(base, **{"200": answer("Marked", "ReadAll")})}}
    paths["/api/v1/notifications/{notification_id}/read"] = {
        "post": {"operationId": "readNotification", "tags": ["alerts"], "summary": "Mark a notification read",
                 "description": "Marking a read one again is no error.", "security": bearer,
                 "parameters": [{"name": "notification_id", "in": "path", "required": True, "schema": ID}],
                 "responses": dict(base, **{"200": answer("The unread count after", "UnreadCount"),
                                            "404": error("not_found: no notification of yours has that id")})}}
    tags.append(("alerts", "Alert rules and the notifications they raise"))
