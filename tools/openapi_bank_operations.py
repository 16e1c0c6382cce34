"""The bank operations with four eyes of /api/v1 for tools/openapi_gen.py: proposing a freeze,
an unfreeze or a reversal (202 with the proposal), approving or rejecting it as another
administrator, and the list of proposals; plus what the rest of the document learns from
them: an account's `frozen`, a posting's `reversal_of` and `reversed_by`, the error codes
(account_frozen on deposits, withdrawals and transfers) and the audit event kinds."""

from openapi_common import error

ID = {"type": "string", "pattern": "^[0-9a-f]{32}$"}
TS = {"type": "string", "format": "date-time"}
NULLABLE_ID = {"type": ["string", "null"], "pattern": "^[0-9a-f]{32}$"}
EVENT_KINDS = ["operation_proposed", "operation_approved", "operation_rejected", "operation_refused"]
CODES = ["account_frozen", "own_proposal", "proposal_expired", "proposal_decided"]
REASON = {"type": "string", "minLength": 1, "maxLength": 200,
          "description": "Why; the account's owner is shown it (and a freeze's on their accounts page)"}
SCOPE = "; or insufficient_scope: a personal access token with the read scope"


def body(properties, required):
    return {"required": True, "content": {"application/json": {"schema": {
        "type": "object", "additionalProperties": False, "required": required,
        "properties": properties}}}}


def proposal_answer(description):
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Proposal"}}}}


def path_id(name, description):
    return {"name": name, "in": "path", "required": True, "description": description,
            "schema": {"type": "string"}}


COMMON = {"401": error("unauthenticated: no valid token or session"),
          "403": error("forbidden: not an administrator, or a call authenticated by the session "
                       "cookie without a matching X-CSRF-Token header" + SCOPE)}


def propose_operation(operation_id, summary, description, parameter, properties, required,
                      refusals):
    return {"post": {
        "operationId": operation_id, "tags": ["admin"], "summary": summary,
        "description": description + " Answers 202 with the pending proposal and changes nothing "
                       "yet: another administrator approves it (POST /api/v1/admin/proposals/"
                       "{proposal_id}/approve) within 24 hours. One proposal per target may be "
                       "pending: a second one is refused 409. Admins only; recorded in the "
                       "audit logs of the administrators and of the account's owner.",
        "parameters": [parameter],
        "requestBody": body(properties, required),
        "responses": {"202": proposal_answer("The proposal, pending"), **COMMON,
                      "400": error("validation_failed: a field is missing or wrong (`field` says "
                                   "which); nothing changed"),
                      **refusals}}}


def decide_operation(operation_id, summary, description, done):
    return {"post": {
        "operationId": operation_id, "tags": ["admin"], "summary": summary,
        "description": description,
        "parameters": [path_id("proposal_id", "The proposal's id")],
        "responses": {
            "200": proposal_answer(done),
            "401": COMMON["401"],
            "403": error("forbidden: not an administrator, or the cookie without X-CSRF-Token"
                         + SCOPE + "; or own_proposal: the proposer cannot decide their own "
                         "proposal (four eyes)"),
            "404": error("not_found: no proposal has this id"),
            "409": error("proposal_decided: approved or rejected before; or proposal_expired: "
                         "older than 24 hours; or conflict: the operation no longer fits "
                         "(already reversed, not frozen)"),
            "422": error("insufficient_funds: the reversal would overdraw an account; or "
                         "account_closed; nothing changed and the proposal stays pending"),
        }}}


def add_schemas(schemas):
    schemas["Proposal"] = {
        "type": "object", "additionalProperties": False,
        "required": ["proposal_id", "kind", "status", "account_id", "account_number",
                     "transaction_id", "mode", "reason", "proposed_by", "proposed_at",
                     "expires_at", "decided_by", "decided_at"],
        "properties": {
            "proposal_id": ID,
            "kind": {"type": "string", "enum": ["freeze", "unfreeze", "reversal"]},
            "status": {"type": "string", "enum": ["pending", "approved", "rejected", "expired"],
                       "description": "expired: pending past expires_at, no longer decidable"},
            "account_id": ID, "account_number": {"type": ["string", "null"]},
            "transaction_id": NULLABLE_ID,
            "mode": {"type": ["string", "null"], "enum": ["debits", "credits", "all", None]},
            "reason": {"type": "string"}, "proposed_by": ID, "proposed_at": TS, "expires_at": TS,
            "decided_by": NULLABLE_ID, "decided_at": {"type": ["string", "null"], "format": "date-time"}}}
    schemas["ProposalList"] = {
        "type": "object", "additionalProperties": False, "required": ["proposals"],
        "properties": {"proposals": {"type": "array", "items": {"$ref": "#/components/schemas/Proposal"}}}}
    account = schemas["Account"]
    account["properties"]["frozen"] = {
        "type": ["object", "null"], "additionalProperties": False, "required": ["mode", "reason"],
        "description": "null, or the bank's freeze: what it refuses (debits, credits or all) and why",
        "properties": {"mode": {"type": "string", "enum": ["debits", "credits", "all"]},
                       "reason": {"type": "string"}}}
    account["required"].append("frozen")
    row = schemas["Transaction"]
    row["properties"]["reversal_of"] = dict(NULLABLE_ID, description="A reversal: the posting it undoes")
    row["properties"]["reversed_by"] = dict(NULLABLE_ID, description="A reversed posting: its reversal")
    row["required"] += ["reversal_of", "reversed_by"]


def add_bank_operations(paths, schemas):
    add_schemas(schemas)
    codes = schemas["Error"]["properties"]["error"]["properties"]["code"]["enum"]
    codes += [code for code in CODES if code not in codes]
    kinds = schemas["SecurityEvent"]["properties"]["kind"]["enum"]
    kinds += [kind for kind in EVENT_KINDS if kind not in kinds]
    for template in ("/api/v1/deposit", "/api/v1/withdraw", "/api/v1/transfer"):
        refused = paths[template]["post"]["responses"]["422"]
        refused["description"] += ("; or account_frozen: the bank froze the account for this "
                                   "(a transfer: also the receiving account frozen for credits)")
    account = path_id("account_id", "The account's id")
    paths["/api/v1/admin/accounts/{account_id}/freeze"] = propose_operation(
        "proposeFreeze", "Propose freezing an account",
        "Proposes that the account refuse debits, credits or all postings (422 account_frozen).",
        account, {"mode": {"type": "string", "enum": ["debits", "credits", "all"]}, "reason": REASON},
        ["mode", "reason"],
        {"404": error("not_found: no account has this id"),
         "409": error("conflict: a freeze of this account is already pending (the message "
                      "names the proposal)"),
         "422": error("account_closed: the account is closed")})
    paths["/api/v1/admin/accounts/{account_id}/unfreeze"] = propose_operation(
        "proposeUnfreeze", "Propose unfreezing an account", "Proposes lifting the account's freeze.",
        account, {"reason": REASON}, ["reason"],
        {"404": error("not_found: no account has this id"),
         "409": error("conflict: the account is not frozen, or an unfreeze of it is already "
                      "pending")})
    paths["/api/v1/admin/transactions/{transaction_id}/reverse"] = propose_operation(
        "proposeReversal", "Propose reversing a posting",
        "Proposes undoing a posting by a compensating posting linked to it (a deposit by a "
        "withdrawal, a withdrawal by a deposit, a transfer by a transfer back), never an edit or "
        "a delete; it is refused on approval when it would overdraw.",
        path_id("transaction_id", "The posting's id (either leg of a transfer)"),
        {"reason": REASON}, ["reason"],
        {"404": error("not_found: no posting has this id"),
         "409": error("conflict: the posting is a reversal or was already reversed, or its "
                      "reversal is already pending")})
    paths["/api/v1/admin/proposals"] = {"get": {
        "operationId": "listProposals", "tags": ["admin"], "summary": "List proposals",
        "description": "The bank operations proposed, pending ones first (oldest first), then the "
                       "others newest first; at most 200. Admins only.",
        "responses": {"200": {"description": "The proposals", "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/ProposalList"}}}},
            "401": COMMON["401"], "403": error("forbidden: not an administrator")}}}
    paths["/api/v1/admin/proposals/{proposal_id}/approve"] = decide_operation(
        "approveProposal", "Approve and carry out a proposal",
        "Another administrator than the proposer carries the operation out: the freeze is set "
        "or lifted, or the compensating posting is made (exactly once). Recorded in the audit "
        "logs of both administrators and of the account's owner, refusals included.",
        "The proposal, approved")
    paths["/api/v1/admin/proposals/{proposal_id}/reject"] = decide_operation(
        "rejectProposal", "Reject a proposal",
        "Another administrator than the proposer rejects the proposal; nothing else changes.",
        "The proposal, rejected")
