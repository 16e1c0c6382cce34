"""The passkey part of web/openapi.json (WebAuthn registration, listing and removal under
/api/v1/me/passkeys, a passkey as the second factor of POST /api/v1/login/second-factor, and the
passwordless sign-in), added by tools/openapi_gen.py. Kept in a file of its own."""

B64URL = {"type": "string", "pattern": "^[A-Za-z0-9_-]*$"}


def add_passkeys(paths, schemas, tags):
    S = schemas
    err = S['Error']
    methods = err['properties']['methods']['items']['enum']
    if "passkey" not in methods:
        methods.append("passkey")
    S['PasskeyCredentialDescriptor'] = {"type": "object", "additionalProperties": False, "required": ["type", "id"],
        "properties": {"type": {"const": "public-key"}, "id": B64URL}}
    S['PasskeyRequestOptions'] = {"type": "object", "additionalProperties": False,
        "required": ["challenge", "rpId", "timeout", "allowCredentials", "userVerification"],
        "description": "PublicKeyCredentialRequestOptions as JSON (PublicKeyCredential.parseRequestOptionsFromJSON reads it): what navigator.credentials.get() is given",
        "properties": {"challenge": B64URL, "rpId": {"type": "string"}, "timeout": {"type": "integer"},
            "allowCredentials": {"type": "array", "items": {"$ref": "#/components/schemas/PasskeyCredentialDescriptor"},
                                 "description": "Empty for a passwordless sign-in: any discoverable passkey of this bank"},
            "userVerification": {"type": "string", "enum": ["required", "preferred"]}}}
    err['properties']['passkey_options'] = {"$ref": "#/components/schemas/PasskeyRequestOptions",
        "description": "With second_factor_required, for a person with passkeys: the options that answer the challenge with one"}
    err['description'] += " For a person with passkeys, `methods` includes `passkey` and `passkey_options` is what navigator.credentials.get() needs."
    S['PasskeyCreationOptions'] = {"type": "object", "additionalProperties": False,
        "required": ["rp", "user", "challenge", "pubKeyCredParams", "timeout", "attestation", "excludeCredentials", "authenticatorSelection"],
        "description": "PublicKeyCredentialCreationOptions as JSON (PublicKeyCredential.parseCreationOptionsFromJSON reads it)",
        "properties": {
            "rp": {"type": "object", "additionalProperties": False, "required": ["id", "name"], "properties": {"id": {"type": "string"}, "name": {"type": "string"}}},
            "user": {"type": "object", "additionalProperties": False, "required": ["id", "name", "displayName"],
                     "properties": {"id": dict(B64URL, description="A random user handle, the same for all of a person's passkeys (never the email)"),
                                    "name": {"type": "string"}, "displayName": {"type": "string"}}},
            "challenge": B64URL,
            "pubKeyCredParams": {"type": "array", "items": {"type": "object", "additionalProperties": False, "required": ["type", "alg"],
                                 "properties": {"type": {"const": "public-key"}, "alg": {"type": "integer", "enum": [-7, -257]}}}},
            "timeout": {"type": "integer"},
            "attestation": {"const": "none"},
            "excludeCredentials": {"type": "array", "items": {"$ref": "#/components/schemas/PasskeyCredentialDescriptor"}},
            "authenticatorSelection": {"type": "object", "additionalProperties": False,
                                       "required": ["residentKey", "requireResidentKey", "userVerification"],
                                       "properties": {"residentKey": {"const": "preferred"}, "requireResidentKey": {"const": False},
                                                      "userVerification": {"const": "preferred"}}}}}
    S['Passkey'] = {"type": "object", "additionalProperties": False, "required": ["id", "name", "created_at", "last_used_at"],
        "properties": {"id": dict(B64URL, description="The credential id"), "name": {"type": "string"},
                       "created_at": {"type": "string", "format": "date-time"},
                       "last_used_at": {"type": ["string", "null"], "format": "date-time"}}}
    S['Passkeys'] = {"type": "object", "additionalProperties": False, "required": ["available", "passkeys"],
        "properties": {"available": {"type": "boolean", "description": "False when the bank has no BANK_PUBLIC_URL: passkeys cannot be used"},
                       "passkeys": {"type": "array", "items": {"$ref": "#/components/schemas/Passkey"}}}}
    credential = {"type": "object", "description": "The PublicKeyCredential the browser answered, as JSON (its toJSON()): id, rawId, type and response, byte strings in base64url",
                  "required": ["type", "response"],
                  "properties": {"id": B64URL, "rawId": B64URL, "type": {"const": "public-key"}, "response": {"type": "object"}}}

    def e(desc): return {"description": desc, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    def ok(desc, ref): return {"description": desc, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/" + ref}}}}
    def common(extra, body=True):
        r = {"400": e("validation_failed: a field is missing or malformed, or the passkey's answer failed a check (origin, RP ID, challenge, user presence, signature); `field` names it"),
             "401": e("unauthenticated: no valid token or session"),
             "403": e("forbidden: a call authenticated by the session cookie without a matching X-CSRF-Token header")}
        r.update(extra)
        return r
    def body(props, required):
        return {"required": True, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": False,
            "required": required, "properties": props}}}}
    off = e("not_found: this bank has not turned passkeys on (no BANK_PUBLIC_URL)")
    locked = e("account_locked: five failures (passwords, codes or passkey answers) lock sign-in for 30 minutes")
    bearer = [{"bearer": []}]
    P = paths
    P['/api/v1/me/passkeys'] = {
        "get": {"operationId": "listPasskeys", "tags": ["second factors"], "summary": "Your passkeys",
                "description": "Each passkey's credential id, name, when it was added and last used, oldest first; and whether the bank offers passkeys at all.",
                "security": bearer, "responses": common({"200": ok("The passkeys", "Passkeys")})},
        "post": {"operationId": "addPasskey", "tags": ["second factors"], "summary": "Register a passkey",
                 "description": "Finishes a registration begun with POST /api/v1/me/passkeys/options: `response` is what navigator.credentials.create() answered. The server checks the challenge (single use, 5 minutes), the origin and RP ID (BANK_PUBLIC_URL), user presence, attestation format none, and an ES256 or RS256 key. At most 10 passkeys per person; a credential registered already (by anyone) is refused. Recorded in your audit log.",
                 "security": bearer, "requestBody": body({"name": {"type": "string", "minLength": 1, "maxLength": 64, "examples": ["Work laptop"]}, "response": credential}, ["name", "response"]),
                 "responses": common({"201": ok("Registered", "Passkey"),
                                      "401": e("unauthenticated: no valid token or session, or the registration request expired or was used already"),
                                      "409": e("conflict: 10 passkeys already, or that passkey is registered already"),
                                      "404": off})}}
    P['/api/v1/me/passkeys/options'] = {"post": {"operationId": "startPasskeyRegistration", "tags": ["second factors"], "summary": "Begin registering a passkey",
        "description": "The options for navigator.credentials.create(): the bank as relying party, a random user handle, a signed single-use challenge, ES256 and RS256, your passkeys to exclude, a discoverable credential preferred (so it also signs in without the password).",
        "security": bearer, "responses": common({"200": ok("The creation options", "PasskeyCreationOptions"),
                                                  "404": off, "409": e("conflict: 10 passkeys already")})}}
    P['/api/v1/me/passkeys/{passkey_id}'] = {"delete": {"operationId": "removePasskey", "tags": ["second factors"], "summary": "Remove a passkey",
        "description": "It no longer signs in. Another person's passkey answers 404, as an unknown one. Recorded in your audit log.",
        "security": bearer, "parameters": [{"name": "passkey_id", "in": "path", "required": True, "schema": B64URL}],
        "responses": common({"200": {"description": "Removed", "content": {"application/json": {"schema": {"type": "object", "additionalProperties": False, "required": ["removed"], "properties": {"removed": {"const": True}}}}}},
                             "404": e("not_found: no passkey of yours has that id")})}}
    P['/api/v1/login/passkey/options'] = {"post": {"operationId": "startPasskeySignIn", "tags": ["auth"], "summary": "Begin signing in with a passkey, without the password",
        "description": "The options for navigator.credentials.get(): a signed single-use challenge (5 minutes), no allowCredentials (the browser offers the bank's discoverable passkeys), user verification required.",
        "security": [], "responses": {"200": ok("The request options", "PasskeyRequestOptions"), "403": e("forbidden: a cookie call without a matching X-CSRF-Token header"), "404": off}}}
    P['/api/v1/login/passkey'] = {"post": {"operationId": "signInWithPasskey", "tags": ["auth"], "summary": "Sign in with a passkey, without the password",
        "description": "`response` is what navigator.credentials.get() answered. The credential id finds the passkey and its user handle must be the passkey's own; the server checks the challenge, origin, RP ID, user presence and verification, the signature with the stored key and that the signature counter went up. Lockout and disabled accounts apply as for passwords; a refused answer counts towards the lockout. Recorded in the person's audit log.",
        "security": [], "requestBody": body({"response": credential}, ["response"]),
        "responses": {"200": ok("Signed in", "Token"), "400": e("validation_failed: the answer is malformed or failed a check; `field` names it"),
                      "401": e("unauthenticated: unknown passkey, expired or used challenge, wrong user handle, bad signature, or a counter that did not go up"),
                      "403": e("forbidden: a cookie call without a matching X-CSRF-Token header; or account_disabled"),
                      "404": off, "423": locked}}}
    second = P['/api/v1/login/second-factor']['post']
    second['requestBody']['content']['application/json']['schema']['properties']['response'] = dict(credential,
        description="Instead of a code: a passkey's answer to `passkey_options` of the 401 second_factor_required")
    second['description'] += " A person with passkeys may instead send `response`, a passkey's answer (navigator.credentials.get() with the 401's `passkey_options`)."
    second['responses'] = dict(second['responses'])
    second['responses']['400'] = e("validation_failed: a field is missing or malformed, or the passkey's answer failed a check; `field` names it")
    second['responses']['404'] = off
    add_passkey_step_up(paths, schemas)


PASSKEY_EVENT_KINDS = ["passkey_added", "passkey_removed", "passkey_used"]


def add_passkey_step_up(paths, schemas):
    """A passkey answering a transfer's step-up (X-Step-Up-Passkey), and the passkey audit kinds."""
    def e(desc): return {"description": desc, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    err = schemas['Error']
    err['properties']['passkey_options']['description'] = ("With second_factor_required or step_up_required, for a person with "
        "passkeys: the options that answer the challenge with one (their challenge is the challenge id)")
    kinds = schemas["SecurityEvent"]["properties"]["kind"]["enum"]
    kinds += [kind for kind in PASSKEY_EVENT_KINDS if kind not in kinds]
    t = paths['/api/v1/transfer']['post']
    t['parameters'] = t['parameters'] + [{"name": "X-Step-Up-Passkey", "in": "header", "required": False,
        "schema": B64URL,
        "description": "Instead of X-Step-Up: a passkey's answer to the `passkey_options` of a 401 step_up_required (the PublicKeyCredential "
                       "JSON that navigator.credentials.get() gave, base64url-encoded). Its challenge is the step-up's challenge id, which commits "
                       "to this very payee and amount; single use."}]
    t['responses'] = dict(t['responses'])
    t['responses']['401'] = e(t['responses']['401']['description'] + " With passkeys, `methods` includes `passkey` and `passkey_options` "
        "are given: answer with X-Step-Up-Passkey instead. A request whose Idempotency-Key was already used within 24 hours is not asked "
        "again: it replays the first answer (or is refused with idempotency_conflict).")
    t['responses']['400'] = e(t['responses']['400']['description'] + "; or X-Step-Up or X-Step-Up-Passkey is malformed, or both are sent "
        "(`field` names the header)")
