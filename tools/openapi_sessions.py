"""The sessions, personal access tokens and admin disable/enable operations of /api/v1 for
tools/openapi_gen.py: the paths and schemas are data in openapi_sessions.json (each operation
with its operationId and tag), and the rest of the document learns the error codes and audit
event kinds they bring."""
import json, pathlib

SESSION_EVENT_KINDS = ["session_ended", "other_sessions_ended", "token_created", "token_revoked",
                       "account_disabled", "account_enabled", "admin_action",
                       "password_reset_requested", "password_reset"]
SCOPE_REFUSAL = "; or insufficient_scope: a personal access token with the read scope"


def add_sessions(paths, schemas, tags):
    data = json.loads((pathlib.Path(__file__).resolve().parent / "openapi_sessions.json").read_text())
    # A read token is refused on every call that changes something, the existing ones too.
    for template, item in paths.items():
        for method, op in item.items():
            refused = op.get("responses", {}).get("403")
            if method in ("post", "delete") and refused and "insufficient_scope" not in refused["description"]:
                refused["description"] += SCOPE_REFUSAL
    login = paths["/api/v1/login"]["post"]["responses"]["403"]
    login["description"] += ("; or account_disabled: the bank disabled this person (only said to "
                             "the holder of the right password)")
    paths.update(data["paths"])
    schemas.update(data["schemas"])
    codes = schemas["Error"]["properties"]["error"]["properties"]["code"]["enum"]
    for code in ("account_disabled", "insufficient_scope"):
        if code not in codes:
            codes.insert(codes.index("account_locked") + 1, code)
    kinds = schemas["SecurityEvent"]["properties"]["kind"]["enum"]
    kinds += [kind for kind in SESSION_EVENT_KINDS if kind not in kinds]
    tags.append(("sessions", "Your sign-ins and personal access tokens"))
