"""Webhooks in web/openapi.json, added by tools/openapi_gen.py: /api/v1/webhooks (register an
endpoint, list, delete, a test delivery, the delivery log). Kept in a file of its own."""

from openapi_common import error, answer

ID = {"type": "string"}
TS = {"type": "string", "format": "date-time"}
# ledger/webhook.cpp, webhook_event_types().
EVENTS = ["alert.triggered", "budget.threshold", "standing_order.failed", "security.sign_in",
          "forecast.low_balance", "recurring.price_changed"]
ENDPOINTS_MAX = 10  # core/webhook_limits.hpp, webhook_endpoints_per_person
URL_MAX = 2048  # webhook_url_length_max
LOG_MAX = 100  # webhook_deliveries_listed_max


def endpoint_properties():
    return {"endpoint_id": ID,
            "url": {"type": "string", "maxLength": URL_MAX},
            "events": {"type": "array", "minItems": 1, "items": {"type": "string", "enum": EVENTS}},
            "enabled": {"type": "boolean", "description": "false once a day of deliveries has only failed; the endpoint then gets no events"},
            "created_at": TS,
            "failing_since": {"type": ["string", "null"], "format": "date-time",
                              "description": "The first failed attempt since the last success; null while the last attempt succeeded"}}


def add_schemas(schemas):
    endpoint = endpoint_properties()
    schemas["WebhookEndpoint"] = {"type": "object", "additionalProperties": False, "required": list(endpoint), "properties": endpoint}
    created = dict(endpoint_properties(), secret={"type": "string", "pattern": "^whsec_[A-Za-z0-9+/]+=*$",
        "description": "The signing secret (Standard Webhooks): shown this once, kept sealed by the bank"})
    schemas["CreatedWebhookEndpoint"] = {"type": "object", "additionalProperties": False, "required": list(created), "properties": created}
    schemas["WebhookEndpoints"] = {"type": "object", "additionalProperties": False, "required": ["endpoints", "event_types"],
        "properties": {"endpoints": {"type": "array", "maxItems": ENDPOINTS_MAX, "items": {"$ref": "#/components/schemas/WebhookEndpoint"}},
                       "event_types": {"type": "array", "items": {"type": "string", "enum": EVENTS}}}}
    delivery = {"event_id": dict(ID, description="The webhook-id header: the same for every attempt, so a receiver drops repeats"),
                "event_type": {"type": "string"},
                "state": {"type": "string", "enum": ["pending", "delivered", "failed"]},
                "attempts": {"type": "integer", "minimum": 0},
                "created_at": TS,
                "next_attempt_at": {"type": ["string", "null"], "format": "date-time", "description": "While pending: when the next attempt is due"},
                "last_attempt_at": {"type": ["string", "null"], "format": "date-time"},
                "last_status": {"type": ["integer", "null"], "description": "The receiver's HTTP status; null when it did not answer"},
                "last_latency_ms": {"type": "integer", "minimum": 0},
                "last_error": {"type": "string", "description": "Why the last attempt failed; empty after a success"}}
    schemas["WebhookDelivery"] = {"type": "object", "additionalProperties": False, "required": list(delivery), "properties": delivery}
    schemas["WebhookDeliveries"] = {"type": "object", "additionalProperties": False, "required": ["deliveries"],
        "properties": {"deliveries": {"type": "array", "maxItems": LOG_MAX, "items": {"$ref": "#/components/schemas/WebhookDelivery"}}}}
    schemas["WebhookTest"] = {"type": "object", "additionalProperties": False, "required": ["event_id", "event_type"],
        "properties": {"event_id": ID, "event_type": {"type": "string", "const": "webhook.test"}}}


def add_webhooks(paths, schemas, tags):
    add_schemas(schemas)
    codes = schemas["Error"]["properties"]["error"]["properties"]["code"]["enum"]
    if "webhook_url_refused" not in codes:
        codes.append("webhook_url_refused")
    bearer = [{"bearer": []}]
    endpoint_id = [{"name": "endpoint_id", "in": "path", "required": True, "schema": ID}]
    base = {"401": error("unauthenticated: no valid token or session"),
            "403": error("forbidden: a call authenticated by the session cookie without a matching X-CSRF-Token header; or insufficient_scope: a personal access token with the read scope")}
    unknown = error("not_found: no webhook endpoint of yours has that id")
    create_body = {"type": "object", "additionalProperties": False, "required": ["url", "events"],
                   "properties": {"url": {"type": "string", "maxLength": URL_MAX, "examples": ["https://hooks.example.com/bank"]},
                                  "events": {"type": "array", "minItems": 1, "items": {"type": "string", "enum": EVENTS}}}}
    paths["/api/v1/webhooks"] = {
        "get": {"operationId": "listWebhooks", "tags": ["webhooks"], "summary": "Your webhook endpoints",
                "description": "Your endpoints, oldest first, and the event types an endpoint may subscribe to. Secrets are never shown again.",
                "security": bearer, "responses": dict(base, **{"200": answer("Your endpoints", "WebhookEndpoints")})},
        "post": {"operationId": "createWebhook", "tags": ["webhooks"], "summary": "Register a webhook endpoint",
                 "description": f"Events are POSTed to the URL signed as the Standard Webhooks specification says (webhook-id, webhook-timestamp, webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the secret this answer shows once. Delivery is at least once, retried with backoff for up to 24 hours; the event id lets a receiver drop repeats. Only https URLs on public addresses (loopback, private, link-local, CGNAT and unique-local addresses are refused, also when a name resolves to one at delivery time), no user name or password in the URL; redirects are not followed. At most {ENDPOINTS_MAX} endpoints per person.",
                 "security": bearer,
                 "requestBody": {"required": True, "content": {"application/json": {"schema": create_body}}},
                 "responses": dict(base, **{"201": answer("The new endpoint with its secret, shown this once", "CreatedWebhookEndpoint"),
                                            "400": error(f"validation_failed: the URL is not absolute or longer than {URL_MAX} characters, no events or an unknown one, {ENDPOINTS_MAX} endpoints already, or an unknown field; `field` names it"),
                                            "422": error("webhook_url_refused: the URL is not https, carries a user name or password, or names an address the bank does not call (loopback, private network, ...); `field` is url")})}}
    paths["/api/v1/webhooks/{endpoint_id}"] = {
        "delete": {"operationId": "deleteWebhook", "tags": ["webhooks"], "summary": "Delete a webhook endpoint",
                   "description": "The endpoint gets no more events; deliveries still pending for it end as failed.",
                   "security": bearer, "parameters": endpoint_id,
                   "responses": dict(base, **{"200": answer("The deleted endpoint", "WebhookEndpoint"), "404": unknown,
                                              "409": error("conflict: the endpoint changed meanwhile")})}}
    paths["/api/v1/webhooks/{endpoint_id}/test"] = {
        "post": {"operationId": "testWebhook", "tags": ["webhooks"], "summary": "Send a test event",
                 "description": "Queues a webhook.test event for this endpoint alone and answers at once; the delivery log shows how it went.",
                 "security": bearer, "parameters": endpoint_id,
                 "responses": dict(base, **{"202": answer("The queued event", "WebhookTest"), "404": unknown})}}
    paths["/api/v1/webhooks/{endpoint_id}/enable"] = {
        "post": {"operationId": "enableWebhook", "tags": ["webhooks"], "summary": "Turn a disabled endpoint on again",
                 "description": "An endpoint whose deliveries failed for a day is turned off (`enabled` false). This turns it on again with its failures forgotten, keeping its URL, events and secret: events from now on are delivered; those of the time it was off are not. An endpoint that is on is answered as it is.",
                 "security": bearer, "parameters": endpoint_id,
                 "responses": dict(base, **{"200": answer("The endpoint, on", "WebhookEndpoint"), "404": unknown,
                                            "409": error("conflict: the endpoint changed meanwhile")})}}
    paths["/api/v1/webhooks/{endpoint_id}/deliveries"] = {
        "get": {"operationId": "listWebhookDeliveries", "tags": ["webhooks"], "summary": "An endpoint's delivery log",
                "description": f"The endpoint's deliveries, newest event first, at most {LOG_MAX}: state, attempts, the last status, latency and error.",
                "security": bearer, "parameters": endpoint_id,
                "responses": dict(base, **{"200": answer("The delivery log", "WebhookDeliveries"), "404": unknown})}}
    tags.append(("webhooks", "Signed webhooks (Standard Webhooks) to your own endpoints, with retries and a delivery log"))
