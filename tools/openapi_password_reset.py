"""The password reset operations of /api/v1 for tools/openapi_gen.py (each with its
operationId and tag), and the error code they bring (not_configured, 501)."""

ERROR = {"$ref": "#/components/schemas/Error"}
NOT_CONFIGURED = ("not_configured: this bank has no mail server (BANK_SMTP_URL is not set), so "
                  "resets by email are not available; nothing was done")
RATE = ("Counts against the sign-in limit per address (BANK_LOGINS_PER_MINUTE) as well as the "
        "API rate limit.")


def _error(description):
    return {"description": description, "content": {"application/json": {"schema": ERROR}}}


def _body(properties, required):
    return {"required": True, "content": {"application/json": {"schema": {
        "type": "object", "additionalProperties": False, "required": required,
        "properties": properties}}}}


REQUEST = {
    "summary": "Email a link to choose a new password",
    "operationId": "requestPasswordReset",
    "tags": ["auth"],
    "description": ("Asks for a single-use link to choose a new password, emailed to the address "
                    "if it belongs to an account (not a disabled one). The answer is 202 with the "
                    "same body whether or not it does, and the mail goes out after the answer, so "
                    "neither the body nor the timing tells. The link works once, for 30 minutes; "
                    "at most 3 mails per person per 30 minutes are sent (more requests are "
                    "answered the same and send nothing), and a fourth link ends the oldest. "
                    "Open to anyone. " + RATE),
    "security": [],
    "requestBody": _body({"email": {"type": "string", "format": "email"}}, ["email"]),
    "responses": {
        "202": {"description": "Accepted; if that email is registered, a link is on its way",
                "content": {"application/json": {"schema": {
                    "type": "object", "additionalProperties": False,
                    "required": ["message", "link_valid_minutes"],
                    "properties": {"message": {"type": "string"},
                                   "link_valid_minutes": {"type": "integer", "const": 30}}}}}},
        "400": _error("validation_failed: the email is missing or malformed, or the body has "
                      "another field; `field` names it"),
        "501": _error(NOT_CONFIGURED),
    },
}

CONFIRM = {
    "summary": "Set a new password with an emailed link",
    "operationId": "confirmPasswordReset",
    "tags": ["auth"],
    "description": ("Sets a new password with the token of an emailed link. The password must "
                    "pass the same policy as at registration (8 to 72 bytes, not a common or "
                    "breached password, not the email's name or the person's name). Every "
                    "session and access token of the person ends, the link too, and the reset "
                    "is in their audit log (password_reset); a lock from wrong passwords is "
                    "lifted. Open to anyone holding the link. " + RATE),
    "security": [],
    "requestBody": _body({"token": {"type": "string", "description": "The `token` of the link"},
                          "password": {"type": "string", "minLength": 8, "maxLength": 72}},
                         ["token", "password"]),
    "responses": {
        "200": {"description": "The password is changed; sign in with it",
                "content": {"application/json": {"schema": {
                    "type": "object", "additionalProperties": False, "required": ["password_reset"],
                    "properties": {"password_reset": {"type": "boolean", "const": True}}}}}},
        "400": _error("validation_failed with field `token`: the link was used, expired (30 "
                      "minutes), was replaced by a newer one or is unknown (ask for a new one); "
                      "with field `password`: the policy refused it, with the reason; nothing "
                      "changed"),
        "501": _error(NOT_CONFIGURED),
    },
}


def add_password_reset(paths, schemas):
    paths["/api/v1/password-reset"] = {"post": REQUEST}
    paths["/api/v1/password-reset/confirm"] = {"post": CONFIRM}
    codes = schemas["Error"]["properties"]["error"]["properties"]["code"]["enum"]
    if "not_configured" not in codes:
        codes.insert(codes.index("unavailable") + 1, "not_configured")
