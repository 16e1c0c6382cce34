"""Savings goals in web/openapi.json, added by tools/openapi_gen.py: /api/v1/goals (set, list
with each goal's progress, read, change, delete, and the automatic monthly transfer). Kept in a
file of its own."""

from openapi_common import error, answer

POSITIVE = {"type": "string", "pattern": r"^\d+\.\d{2}$"}
DATE = {"type": "string", "format": "date", "examples": ["2027-06-30"]}
ID = {"type": "string"}
TS = {"type": "string", "format": "date-time"}
ORDER_STATUS = {"type": ["string", "null"], "enum": ["active", "paused", "cancelled", "completed", None],
                "description": "The status of the goal's standing order (cancelled when you cancelled it on /api/v1/standing-orders); null without one"}


def goal_properties():
    return {"goal_id": ID,
            "account_id": dict(ID, description="The savings account the goal is on: its balance is what is saved"),
            "name": {"type": "string", "maxLength": 160},
            "target_amount": POSITIVE, "target_date": DATE,
            "saved": dict(POSITIVE, description="The account's balance, at most the target"),
            "left": dict(POSITIVE, description="target_amount - saved"),
            "percent": {"type": "integer", "minimum": 0, "maximum": 100, "description": "saved * 100 / target_amount, rounded down"},
            "monthly_needed": dict(POSITIVE, description="left / months_left, rounded up to the cent"),
            "months_left": {"type": "integer", "minimum": 1, "description": "Whole calendar months to the target date (a month's last day standing for a later day), at least 1"},
            "reached": {"type": "boolean"},
            "on_track": {"type": "boolean", "description": "Reached, or saved at least the share of the target that the days since the goal was set make of all its days"},
            "standing_order_id": {"type": ["string", "null"], "description": "The standing order of the automatic monthly transfer; null when it is off"},
            "standing_order_status": ORDER_STATUS,
            "created_at": TS, "updated_at": TS}


def transfer_schema():
    return {"type": "object", "additionalProperties": False, "required": ["from_account_id", "day_of_month"],
            "description": "An automatic monthly transfer: a standing order (FREQ=MONTHLY;BYMONTHDAY=day;UNTIL=target date) of the monthly amount needed, from another of your accounts to the goal's, category savings, described \"Savings goal: <name>\". The step-up rule of a transfer applies when it is set up.",
            "properties": {"from_account_id": ID,
                           "day_of_month": {"oneOf": [{"type": "integer", "minimum": -1, "maximum": 28, "not": {"const": 0}}, {"type": "string"}],
                                            "description": "1 to 28, or -1 for the last day of the month"}}}


def add_schemas(schemas):
    goal = goal_properties()
    schemas["Goal"] = {"type": "object", "additionalProperties": False, "required": list(goal), "properties": goal}
    schemas["Goals"] = {"type": "object", "additionalProperties": False, "required": ["goals"],
                        "properties": {"goals": {"type": "array", "maxItems": 20, "items": {"$ref": "#/components/schemas/Goal"}}}}


def add_goals(paths, schemas, tags):
    add_schemas(schemas)
    bearer = [{"bearer": []}]
    goal_id = [{"name": "goal_id", "in": "path", "required": True, "schema": ID}]
    base = {"401": error("unauthenticated: no valid token or session"),
            "403": error("forbidden: a call authenticated by the session cookie without a matching X-CSRF-Token header; a step-up of the automatic transfer not approved; or insufficient_scope: a personal access token with the read scope")}
    unknown = error("not_found: no goal of yours has that id, or an account named is not yours")
    malformed = "validation_failed: an empty name or one over 40 characters, a target not above 0.00 (or above 100000000.00), a target date not YYYY-MM-DD or not after today, a checking account, a day_of_month not 1 to 28 or -1, the goal's own account as the paying one, or an unknown field; `field` names it"
    closed = error("account_closed: the goal's account or the paying account is closed")
    conflict = error("conflict: the goal is reached (nothing to transfer), has an automatic transfer already, or changed meanwhile")
    transfer = transfer_schema()
    create_body = {"type": "object", "additionalProperties": False,
                   "required": ["account_id", "name", "target_amount", "target_date"],
                   "properties": {"account_id": dict(ID, description="One of your savings accounts"),
                                  "name": {"type": "string", "examples": ["Holiday in Lisbon"]},
                                  "target_amount": {"type": "string", "examples": ["1200.00"]},
                                  "target_date": {"type": "string", "examples": ["2027-06-30"]},
                                  "auto_transfer": {"oneOf": [transfer, {"type": "null"}]}}}
    edit_body = {"type": "object", "additionalProperties": False,
                 "properties": {"name": {"type": "string"}, "target_amount": {"type": "string"},
                                "target_date": {"type": "string"},
                                "auto_transfer": {"oneOf": [transfer, {"type": "null"}, {"const": False}],
                                                  "description": "An object turns the transfer on; null or false turns it off (its standing order is cancelled). With the transfer on, a new target or date changes its standing order's amount and UNTIL."}}}
    paths["/api/v1/goals"] = {
        "get": {"operationId": "listGoals", "tags": ["goals"], "summary": "Your savings goals and their progress",
                "description": "Every goal, oldest first, with its progress read from its account's balance now.",
                "security": bearer, "responses": dict(base, **{"200": answer("Your goals", "Goals")})},
        "post": {"operationId": "createGoal", "tags": ["goals"], "summary": "Set a savings goal",
                 "description": "A target amount by a target date on one of your savings accounts, optionally with an automatic monthly transfer. At most 20 goals per person.",
                 "security": bearer,
                 "requestBody": {"required": True, "content": {"application/json": {"schema": create_body}}},
                 "responses": dict(base, **{"201": answer("The new goal", "Goal"),
                                            "400": error(malformed + "; or 20 goals already"),
                                            "404": unknown, "409": conflict, "422": closed})}}
    paths["/api/v1/goals/{goal_id}"] = {
        "get": {"operationId": "getGoal", "tags": ["goals"], "summary": "One savings goal",
                "security": bearer, "parameters": goal_id,
                "responses": dict(base, **{"200": answer("The goal", "Goal"), "404": unknown})},
        "patch": {"operationId": "changeGoal", "tags": ["goals"], "summary": "Change a goal or its automatic transfer",
                  "description": "Any of name, target_amount, target_date and auto_transfer; the account names the goal and stays.",
                  "security": bearer, "parameters": goal_id,
                  "requestBody": {"required": True, "content": {"application/json": {"schema": edit_body}}},
                  "responses": dict(base, **{"200": answer("The goal after the change", "Goal"), "400": error(malformed),
                                             "404": unknown, "409": conflict, "422": closed})},
        "delete": {"operationId": "deleteGoal", "tags": ["goals"], "summary": "Delete a goal",
                   "description": "The goal is gone and its automatic transfer's standing order is cancelled; the money stays on the account.",
                   "security": bearer, "parameters": goal_id,
                   "responses": dict(base, **{"200": answer("The deleted goal", "Goal"), "404": unknown,
                                              "409": error("conflict: the goal changed meanwhile")})}}
    tags.append(("goals", "Savings goals on savings accounts, with progress and an optional automatic monthly transfer"))
