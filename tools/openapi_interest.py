"""Interest on savings in /api/v1 for tools/openapi_gen.py: an administrator sets the annual
rate of savings accounts from a date on (POST, 201 with the new period; periods are added,
never edited) and reads every rate period (GET); plus what the rest of the document learns:
the error code a refused period may carry."""

from openapi_common import error

DATE = {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
PERCENT = {"type": "string", "pattern": "^[0-9]{1,3}(\\.[0-9]{1,4})?$",
           "description": "An annual rate in percent, at most four decimals, from 0 to 100 "
                          "(\"4.35\"); trailing zeros left out in answers"}
SCOPE = "; or insufficient_scope: a personal access token with the read scope"


def answer(description, schema):
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/" + schema}}}}


def add_schemas(schemas):
    schemas["InterestRate"] = {
        "type": "object", "additionalProperties": False,
        "required": ["account_type", "annual_rate", "effective_from", "set_by", "set_at"],
        "properties": {
            "account_type": {"type": "string", "enum": ["savings"]},
            "annual_rate": PERCENT,
            "effective_from": dict(DATE, description="The first day (UTC) the rate applies to; "
                                   "it applies until the next period's first day"),
            "set_by": {"type": "string", "pattern": "^[0-9a-f]{32}$",
                       "description": "The administrator who set it"},
            "set_at": {"type": "string", "format": "date-time"}}}
    schemas["InterestRateList"] = {
        "type": "object", "additionalProperties": False, "required": ["account_types"],
        "properties": {"account_types": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["account_type", "annual_rate_in_force", "periods"],
            "properties": {
                "account_type": {"type": "string", "enum": ["savings"]},
                "annual_rate_in_force": dict(PERCENT, description="Today's rate (UTC); \"0\" "
                                             "before the first period"),
                "periods": {"type": "array", "maxItems": 100,
                            "description": "Every period, newest effective_from first",
                            "items": {"$ref": "#/components/schemas/InterestRate"}}}}}}}


def add_interest(paths, schemas):
    add_schemas(schemas)
    forbidden = error("forbidden: not an administrator, or a call authenticated by the session "
                      "cookie without a matching X-CSRF-Token header" + SCOPE)
    paths["/api/v1/admin/interest-rates"] = {
        "get": {
            "operationId": "listInterestRates", "tags": ["admin"],
            "summary": "List the interest rates",
            "description": "The annual interest rate of savings accounts in force today and every "
                           "period of its history, newest first. Admins only.",
            "responses": {"200": answer("The rates", "InterestRateList"),
                          "401": error("unauthenticated: no valid token or session"),
                          "403": error("forbidden: not an administrator")}},
        "post": {
            "operationId": "setInterestRate", "tags": ["admin"],
            "summary": "Set the interest rate from a date on",
            "description": "Adds a period to the annual interest rate of savings accounts. Interest "
                           "accrues daily on the end-of-day balance (actual/365) and is posted on "
                           "the first day of each month for the month before, as a deposit of "
                           "category income. A period never edits an earlier one, and it may not "
                           "start before the first day of the current month (UTC): earlier months "
                           "are posted at the rates then in force. Admins only.",
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "additionalProperties": False,
                "required": ["account_type", "annual_rate", "effective_from"],
                "properties": {"account_type": {"type": "string", "enum": ["savings"]},
                               "annual_rate": PERCENT, "effective_from": DATE}}}}},
            "responses": {
                "201": answer("The new period", "InterestRate"),
                "400": error("validation_failed: a field is missing or wrong (`field` says which: "
                             "account_type, annual_rate, or effective_from, also when it is "
                             "before the current month); nothing changed"),
                "401": error("unauthenticated: no valid token or session"),
                "403": forbidden,
                "409": error("conflict: a period from that date exists (field effective_from); "
                             "periods are never edited")}}}
