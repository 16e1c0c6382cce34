"""Budgets in web/openapi.json, added by tools/openapi_gen.py: /api/v1/budgets (set, list with
each budget's progress in a month, change, delete). Kept in a file of its own."""

from openapi_common import error, answer

AMOUNT = {"type": "string", "pattern": r"^-?\d+\.\d{2}$"}
POSITIVE = {"type": "string", "pattern": r"^\d+\.\d{2}$"}
MONTH = {"type": "string", "pattern": r"^\d{4}-\d{2}$", "examples": ["2026-05"]}
ID = {"type": "string"}
TS = {"type": "string", "format": "date-time"}
CATEGORIES = ["groceries", "dining", "rent", "utilities", "transport", "shopping",
              "entertainment", "health", "travel", "savings", "income", "other"]
ROLLOVER = {"type": "string", "enum": ["none", "surplus", "both"],
            "description": "What a month carries into the next: none; surplus (what was left unspent); both (unspent money and overspending, which lowers the next month)"}


def budget_properties():
    return {"budget_id": ID, "category": {"type": "string", "enum": CATEGORIES},
            "month": {"type": ["string", "null"], "pattern": MONTH["pattern"],
                      "description": "The one month this budget is for; null: every month from start_month on"},
            "start_month": dict(MONTH, description="Your month (in your time zone) when the budget was set: an every-month budget counts from it"),
            "amount": POSITIVE, "rollover": ROLLOVER, "created_at": TS, "updated_at": TS}


def add_schemas(schemas):
    budget = budget_properties()
    schemas["Budget"] = {"type": "object", "additionalProperties": False, "required": list(budget), "properties": budget}
    progress = dict(budget_properties(), **{
        "carried_in": dict(AMOUNT, description="Carried from the month before by its rollover (negative: an overspend)"),
        "available": dict(AMOUNT, description="amount + carried_in"),
        "spent": dict(AMOUNT, description="Your withdrawals and outgoing transfers of the category in the month (your time zone's month), moves between your own accounts left out; from the rollups"),
        "left": dict(AMOUNT, description="available - spent (negative: overspent)"),
        "on_pace": {"type": "boolean", "description": "spent is at most the share of available that the days gone (today included) make of the month; for a month that is over, spent is at most available"},
        "days_in_month": {"type": "integer", "minimum": 28, "maximum": 31},
        "days_gone": {"type": "integer", "minimum": 0, "maximum": 31},
        "days_left": {"type": "integer", "minimum": 0, "maximum": 31, "description": "Today included; 0 once the month is over"}})
    schemas["BudgetProgress"] = {"type": "object", "additionalProperties": False, "required": list(progress), "properties": progress}
    schemas["Budgets"] = {"type": "object", "additionalProperties": False, "required": ["month", "budgets"],
        "properties": {"month": MONTH, "budgets": {"type": "array", "maxItems": 100, "items": {"$ref": "#/components/schemas/BudgetProgress"}}}}


def add_budgets(paths, schemas, tags):
    add_schemas(schemas)
    bearer = [{"bearer": []}]
    budget_id = [{"name": "budget_id", "in": "path", "required": True, "schema": ID}]
    base = {"401": error("unauthenticated: no valid token or session"),
            "403": error("forbidden: a call authenticated by the session cookie without a matching X-CSRF-Token header; or insufficient_scope: a personal access token with the read scope")}
    unknown = error("not_found: no budget of yours has that id")
    malformed = "validation_failed: an unknown category, an amount not above 0.00 (or above 100000000.00), a month not YYYY-MM (years 2000 to 2999), an unknown rollover, or an unknown field; `field` names it"
    create_body = {"type": "object", "additionalProperties": False, "required": ["category", "amount"],
                   "properties": {"category": {"type": "string", "enum": CATEGORIES},
                                  "amount": {"type": "string", "examples": ["400.00"]},
                                  "month": {"type": ["string", "null"], "description": "YYYY-MM: a budget for that month only (it replaces the every-month budget of its category there); left out or null: every month"},
                                  "rollover": dict(ROLLOVER, description=ROLLOVER["description"] + "; none when left out")}}
    month = {"name": "month", "in": "query", "required": False, "schema": MONTH,
             "description": "The month whose progress to show, YYYY-MM; your current month (in your time zone) when left out"}
    paths["/api/v1/budgets"] = {
        "get": {"operationId": "listBudgets", "tags": ["budgets"], "summary": "Your budgets and their progress in a month",
                "description": "The budgets in force in the month, one per category (a one-month budget, else the every-month one from its start month on), each with what was carried in, spent, left, the days left and whether spending is on pace. Spending comes from the rollups of your months, never from a scan of the history; the rollover is carried over at most the 12 months before.",
                "security": bearer, "parameters": [month],
                "responses": dict(base, **{"200": answer("The month and its budgets", "Budgets"),
                                           "400": error("validation_failed: month is not YYYY-MM; `field` is month")})},
        "post": {"operationId": "createBudget", "tags": ["budgets"], "summary": "Set a budget",
                 "description": "A spending budget for one category, every month or one month. At most 100 budgets per person, one per category and month.",
                 "security": bearer,
                 "requestBody": {"required": True, "content": {"application/json": {"schema": create_body}}},
                 "responses": dict(base, **{"201": answer("The new budget", "Budget"),
                                            "400": error(malformed + "; or 100 budgets already"),
                                            "409": error("conflict: you have a budget for this category and month already; `field` is category")})}}
    paths["/api/v1/budgets/{budget_id}"] = {
        "patch": {"operationId": "changeBudget", "tags": ["budgets"], "summary": "Change a budget's amount or rollover",
                  "description": "Either or both of amount and rollover; the category and month name the budget and stay (delete it and set another to move it).",
                  "security": bearer, "parameters": budget_id,
                  "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": False,
                      "properties": {"amount": {"type": "string"}, "rollover": ROLLOVER}}}}},
                  "responses": dict(base, **{"200": answer("The budget after the change", "Budget"), "400": error(malformed),
                                             "404": unknown, "409": error("conflict: the budget changed meanwhile")})},
        "delete": {"operationId": "deleteBudget", "tags": ["budgets"], "summary": "Delete a budget",
                   "description": "The budget is gone; its category and month may be budgeted again.",
                   "security": bearer, "parameters": budget_id,
                   "responses": dict(base, **{"200": answer("The deleted budget", "Budget"), "404": unknown,
                                              "409": error("conflict: the budget changed meanwhile")})}}
    tags.append(("budgets", "Spending budgets per category and month, with rollover and progress"))
