"""The cash-flow forecast (GET /api/v1/analytics/forecast) in web/openapi.json, added by
tools/openapi_gen.py. Kept in a file of its own."""

MONEY = {"type": "string", "pattern": "^[0-9]+\\.[0-9]{2}$"}
SIGNED_MONEY = {"type": "string", "pattern": "^-?[0-9]+\\.[0-9]{2}$"}
DATE = {"type": "string", "format": "date"}


def error(text):
    return {"description": text, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def nullable(schema, text):
    return {"anyOf": [schema, {"type": "null"}], "description": text}


def add_forecast(paths, schemas):
    schemas["ForecastPoint"] = {
        "type": "object", "additionalProperties": False, "required": ["date", "balance", "low", "high"],
        "properties": {
            "date": dict(DATE, description="A day ahead, in your time zone"),
            "balance": dict(SIGNED_MONEY, description="The expected balance at the end of the day (negative: overdrawn)"),
            "low": dict(SIGNED_MONEY, description="The band's low end: the 10th percentile of how far your past days deviated"),
            "high": dict(SIGNED_MONEY, description="The band's high end: the 90th percentile")}}
    schemas["ForecastAccuracy"] = {
        "type": "object", "additionalProperties": False,
        "required": ["months", "days", "mean_absolute_error", "inside_band_basis_points", "flat_mean_absolute_error",
                     "last_month_mean_absolute_error"],
        "properties": {
            "months": {"type": "integer", "minimum": 0, "maximum": 6,
                       "description": "How many of the last six month starts were back-tested (a month needs its 30 days over and 90 days of history before it)"},
            "days": {"type": "integer", "const": 30, "description": "The horizon of each back-test"},
            "mean_absolute_error": nullable(MONEY, "Of the forecast's balance after 30 days against the real one; null when no month was tested"),
            "inside_band_basis_points": nullable({"type": "integer", "minimum": 0, "maximum": 10000},
                                                 "How many of the tested days the real balance stayed inside the band, in basis points"),
            "flat_mean_absolute_error": nullable(MONEY, "The same error of a naive anchor: the balance carried flat"),
            "last_month_mean_absolute_error": nullable(MONEY, "The same error of a naive anchor: the last 30 days' change repeated")}}
    schemas["Forecast"] = {
        "type": "object", "additionalProperties": False,
        "required": ["as_of", "days", "account_id", "threshold", "points", "lowest", "warnings", "accuracy", "history_truncated"],
        "properties": {
            "as_of": dict(DATE, description="Your today: the points start the day after"),
            "days": {"type": "integer", "enum": [30, 60, 90]},
            "account_id": {"type": ["string", "null"], "description": "The account forecast; null: all your accounts in total"},
            "threshold": nullable(MONEY, "The threshold you asked to be warned below"),
            "points": {"type": "array", "items": {"$ref": "#/components/schemas/ForecastPoint"}, "description": "One a day, oldest first"},
            "lowest": {"type": "object", "additionalProperties": False, "required": ["date", "balance"],
                       "properties": {"date": DATE, "balance": SIGNED_MONEY},
                       "description": "The first day with the lowest expected balance"},
            "warnings": {"type": "object", "additionalProperties": False, "required": ["below_zero", "below_threshold"],
                         "properties": {"below_zero": {"type": "boolean", "description": "Some expected balance is negative"},
                                        "below_threshold": {"type": "boolean", "description": "Some expected balance is under the threshold (false without one)"}}},
            "accuracy": {"$ref": "#/components/schemas/ForecastAccuracy"},
            "history_truncated": {"type": "boolean", "description": "True when only the newest 20,000 postings of the last 430 days were read"}}}
    paths["/api/v1/analytics/forecast"] = {"get": {
        "operationId": "getForecast", "tags": ["analytics"],
        "summary": "Your cash-flow forecast",
        "description": "Your expected balance for each of the next 30, 60 or 90 days, in total or for one account: today's balance, "
                       "plus your active standing orders and scheduled payments on their exact dates (orders between two of your "
                       "accounts cancel in the total; paused ones are left out), plus your recurring payments and income (as "
                       "GET /api/v1/analytics/recurring detects them, less those you dismissed) on their expected dates at their newest amounts, plus your "
                       "other (variable) money at its average rate of your last 90 days. The band is the 10th to 90th percentile of "
                       "how far your past runs of as many days deviated from that rate. `accuracy` is the same method back-tested as "
                       "of each of the last six month starts against your real balances, beside two naive anchors. Reads your "
                       "accounts, standing orders and postings of the last 430 days (at most the newest 20,000).",
        "security": [{"bearer": []}],
        "parameters": [
            {"name": "days", "in": "query", "required": False, "schema": {"type": "string", "enum": ["30", "60", "90"]},
             "description": "How far ahead (default 30)"},
            {"name": "account_id", "in": "query", "required": False, "schema": {"type": "string"},
             "description": "One of your accounts; omitted: all of them in total"},
            {"name": "threshold", "in": "query", "required": False, "schema": MONEY,
             "description": "Warn when an expected balance falls under this amount (zero is always warned under)"}],
        "responses": {
            "200": {"description": "The forecast", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Forecast"}}}},
            "400": error("validation_failed: days is not 30, 60 or 90, account_id is not an account id, or threshold is not an amount; `field` names it"),
            "401": error("unauthenticated: no valid token or session"),
            "404": error("not_found: the account is not yours")}}}
