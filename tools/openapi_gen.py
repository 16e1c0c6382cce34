#!/usr/bin/env python3
"""Writes web/openapi.json, the OpenAPI 3.1 description of /api/v1. Run after changing the API.

web/openapi.json is generated: edit this file, never the JSON. `openapi_gen.py --check` writes
nothing and fails when web/openapi.json is not what this file generates (CTest
check_openapi_generated)."""
import json, pathlib, sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from openapi_second_factor import add_second_factor
from openapi_sessions import add_sessions
from openapi_standing_orders import add_standing_orders
from openapi_password_reset import add_password_reset
from openapi_time_zone import add_time_zone
from openapi_passkeys import add_passkeys
from openapi_recurring import add_recurring
from openapi_bank_operations import add_bank_operations
from openapi_bulk import add_bulk
from openapi_budgets import add_budgets
from openapi_webhooks import add_webhooks
from openapi_forecast import add_forecast
from openapi_interest import add_interest
from openapi_change_feed import add_change_feed
from openapi_recurring_decisions import add_recurring_decisions
from openapi_goals import add_goals
from openapi_alerts import add_alerts

amount = {"type": "string", "pattern": r"^\d+\.\d{2}$", "examples": ["1234.56"]}
amount_in = {"type": "string", "description": "Decimal text: \"1000\", \"1000.5\", \"1,000.50\"; at most two decimals; $0.01 to $1,000,000.00 per transaction.", "examples": ["250.00"]}
ts = {"type": "string", "format": "date-time"}
id_ = {"type": "string", "pattern": "^[0-9a-f]{32}$"}
ref = lambda n: {"$ref": f"#/components/schemas/{n}"}

schemas = {
    "Error": {"type": "object", "required": ["error"], "additionalProperties": False, "properties": {
        "error": {"type": "object", "required": ["code", "message"], "additionalProperties": False, "properties": {
            "code": {"type": "string", "enum": ["validation_failed", "unauthenticated", "forbidden", "not_found", "method_not_allowed", "conflict", "idempotency_conflict", "payload_too_large", "unsupported_media_type", "headers_too_large", "insufficient_funds", "account_closed", "account_locked", "rate_limited", "unavailable", "internal"]},
            "message": {"type": "string"},
            "field": {"type": "string", "description": "The part of the request the error is about, named as the request names it: a body member (from_account_id in a transfer), a query or path parameter, or the X-Step-Up header"}}}}},
    "User": {"type": "object", "additionalProperties": False, "required": ["user_id", "email", "full_name", "phone", "role", "created_at"], "properties": {
        "user_id": id_, "email": {"type": "string"}, "full_name": {"type": "string"}, "phone": {"type": "string"},
        "role": {"type": "string", "enum": ["customer", "admin"]}, "created_at": ts}},
    "Registered": {"type": "object", "additionalProperties": False, "required": ["user_id", "email", "full_name"], "properties": {
        "user_id": id_, "email": {"type": "string"}, "full_name": {"type": "string"}}},
    "Token": {"type": "object", "additionalProperties": False, "required": ["token", "expires_at"], "properties": {
        "token": {"type": "string", "pattern": "^[0-9a-f]{64}$"}, "expires_at": ts}},
    "Account": {"type": "object", "additionalProperties": False, "required": ["account_id", "account_number", "account_type", "balance", "status", "created_at"], "properties": {
        "account_id": id_, "account_number": {"type": "string", "pattern": r"^\d{10}$"},
        "account_type": {"type": "string", "enum": ["checking", "savings"]}, "balance": amount,
        "status": {"type": "string", "enum": ["active", "closed"]}, "created_at": ts}},
    "Transaction": {"type": "object", "additionalProperties": False, "required": ["transaction_id", "account_id", "transaction_type", "amount", "balance_after", "description", "category", "counterparty_account_number", "transfer_id", "timestamp"], "properties": {
        "transaction_id": id_, "account_id": id_,
        "transaction_type": {"type": "string", "enum": ["deposit", "withdrawal", "transfer_in", "transfer_out"]},
        "amount": amount, "balance_after": amount, "description": {"type": "string"}, "category": {"type": "string"},
        "counterparty_account_number": {"type": ["string", "null"]}, "transfer_id": {"type": ["string", "null"]}, "timestamp": ts}},
    "Posted": {"type": "object", "additionalProperties": False, "required": ["transaction", "balance"], "properties": {
        "transaction": ref("Transaction"), "balance": amount}},
    "Transferred": {"type": "object", "additionalProperties": False, "required": ["transfer_id", "transaction", "balance"], "properties": {
        "transfer_id": id_, "transaction": ref("Transaction"), "balance": amount}},
    "TransactionPage": {"type": "object", "additionalProperties": False, "required": ["transactions", "next_cursor"], "properties": {
        "transactions": {"type": "array", "items": ref("Transaction")}, "next_cursor": {"type": ["string", "null"]}}},
    "Analytics": {"type": "object", "additionalProperties": False, "required": ["accounts", "totals", "months"], "properties": {
        "accounts": {"type": "array", "items": ref("Account")},
        "totals": {"type": "object", "additionalProperties": False, "required": ["balance", "deposits", "withdrawals", "transfers_in", "transfers_out", "transaction_count"], "properties": {
            "balance": amount, "deposits": amount, "withdrawals": amount, "transfers_in": amount, "transfers_out": amount, "transaction_count": {"type": "integer"}}},
        "months": {"type": "array", "items": {"type": "object", "additionalProperties": False, "required": ["month", "deposits", "withdrawals", "transfers_in", "transfers_out", "net"], "properties": {
            "month": {"type": "string", "pattern": r"^\d{4}-\d{2}$"}, "deposits": amount, "withdrawals": amount, "transfers_in": amount, "transfers_out": amount,
            "net": {"type": "string", "pattern": r"^-?\d+\.\d{2}$"}}}}}},
}

schemas["SecurityEvent"] = {"type": "object", "additionalProperties": False, "required": ["event_id", "kind", "description", "detail", "client_address", "at"], "properties": {
    "event_id": id_,
    "kind": {"type": "string", "enum": ["registered", "login_succeeded", "login_failed", "locked_out", "logged_out", "password_changed", "profile_changed", "role_granted", "second_factor_enrolled", "second_factor_removed", "second_factor_used", "second_factor_failed", "recovery_codes_regenerated"]},
    "description": {"type": "string", "description": "What happened, as the profile page shows it"},
    "detail": {"type": "string", "description": "Short text written by the bank; never a password, token or anything typed"},
    "client_address": {"type": "string", "description": "The client address the event came from; empty for the command line"},
    "at": ts}}
schemas["SecurityEvents"] = {"type": "object", "additionalProperties": False, "required": ["events"], "properties": {
    "events": {"type": "array", "items": ref("SecurityEvent")}}}

def err(desc):
    return {"description": desc, "content": {"application/json": {"schema": ref("Error")}}}
def ok(desc, schema, headers=None):
    r = {"description": desc, "content": {"application/json": {"schema": schema}}}
    if headers: r["headers"] = headers
    return r
def body(props, required):
    return {"required": True, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": False, "required": required, "properties": props}}}}

retry_after = {"Retry-After": {"schema": {"type": "string", "pattern": "^[0-9]+$"}, "description": "Seconds to wait before trying again"}}
common = {"400": err("validation_failed: a field is missing or malformed; `field` names it"), "401": err("unauthenticated: no valid token or session"),
          "403": err("forbidden: a call authenticated by the session cookie without a matching X-CSRF-Token header"),
          "413": err("payload_too_large: the body exceeds 64 KiB"),
          "429": {**err("rate_limited"), "headers": retry_after}, "500": err("internal: nothing leaked, nothing changed")}
authn = [{"bearer": []}]
idem = {"name": "Idempotency-Key", "in": "header", "required": False, "schema": {"type": "string", "maxLength": 255},
        "description": "The same key with the same body within 24 hours returns the original 201 and body without posting again (with `Idempotent-Replayed: true`); with another body, 409 idempotency_conflict. Keys are per user. Only postings that were made are remembered: a refused request may be retried with its key."}
money_errors = {**common, "404": err("not_found: the account does not exist or is not yours"), "409": err("idempotency_conflict"),
                "415": err("unsupported_media_type: send application/json"), "422": err("insufficient_funds or account_closed"), "503": err("unavailable: try again")}
money_props = {"account_id": id_, "amount": amount_in, "description": {"type": "string", "maxLength": 200},
               "category": {"type": "string", "enum": ["", "groceries", "dining", "rent", "utilities", "transport", "shopping", "entertainment", "health", "travel", "savings", "income", "other"]}}
replayed = {"Idempotent-Replayed": {"schema": {"type": "string", "enum": ["true"]}, "description": "Present on a replay of an earlier request"}}

q = lambda name, desc, schema=None: {"name": name, "in": "query", "required": False, "schema": schema or {"type": "string"}, "description": desc}
paths = {
    "/api/v1/register": {"post": {"summary": "Register a person", "security": [], "requestBody": body({"email": {"type": "string"}, "password": {"type": "string", "minLength": 8}, "full_name": {"type": "string"}, "phone": {"type": "string"}}, ["email", "password", "full_name"]),
        "responses": {"201": ok("Registered", ref("Registered")), **common, "409": err("conflict: the email is taken"), "415": err("unsupported_media_type")}}},
    "/api/v1/login": {"post": {"summary": "Sign in and get a bearer token", "security": [], "requestBody": body({"email": {"type": "string"}, "password": {"type": "string"}}, ["email", "password"]),
        "responses": {"200": ok("A session token", ref("Token")), **common, "415": err("unsupported_media_type"), "423": err("account_locked: five failures lock sign-in for 30 minutes")}}},
    "/api/v1/logout": {"post": {"summary": "Revoke the token", "security": authn, "responses": {"200": ok("Signed out", {"type": "object", "required": ["signed_out"], "properties": {"signed_out": {"const": True}}}), **common}}},
    "/api/v1/me": {"get": {"summary": "The signed-in person", "security": authn, "responses": {"200": ok("The person", ref("User")), **common}}},
    "/api/v1/me/security-events": {"get": {"summary": "Your audit log of security events (sign-ins, failures, lockouts, sign-outs, password and profile changes, roles granted), newest first", "security": authn,
        "parameters": [q("limit", "1 to 200, default 20", {"type": "integer", "minimum": 1, "maximum": 200})],
        "responses": {"200": ok("Your newest events", ref("SecurityEvents")), **common}}},
    "/api/v1/accounts": {
        "get": {"summary": "Your accounts", "security": authn, "responses": {"200": ok("Accounts", {"type": "object", "additionalProperties": False, "required": ["accounts"], "properties": {"accounts": {"type": "array", "items": ref("Account")}}}), **common}},
        "post": {"summary": "Open an account", "security": authn, "requestBody": body({"account_type": {"type": "string", "enum": ["checking", "savings"]}, "initial_balance": amount_in}, ["account_type"]),
                 "responses": {"201": ok("The new account", ref("Account")), **common, "415": err("unsupported_media_type"), "503": err("unavailable")}}},
    "/api/v1/accounts/{account_id}": {"get": {"summary": "One of your accounts", "security": authn, "parameters": [{"name": "account_id", "in": "path", "required": True, "schema": {"type": "string"}}],
        "responses": {"200": ok("The account", ref("Account")), **common, "404": err("not_found (also for another person's account)")}}},
    "/api/v1/deposit": {"post": {"summary": "Deposit into one of your accounts", "security": authn, "parameters": [idem], "requestBody": body(money_props, ["account_id", "amount"]),
        "responses": {"201": ok("Posted", ref("Posted"), replayed), **money_errors}}},
    "/api/v1/withdraw": {"post": {"summary": "Withdraw from one of your accounts", "security": authn, "parameters": [idem], "requestBody": body(money_props, ["account_id", "amount"]),
        "responses": {"201": ok("Posted", ref("Posted"), replayed), **money_errors}}},
    "/api/v1/transfer": {"post": {"summary": "Transfer to any account number in the bank", "security": authn, "parameters": [idem],
        "requestBody": body({"from_account_id": id_, "to_account_number": {"type": "string", "description": "10 digits with a check digit; spaces and dashes allowed"}, "amount": amount_in, "description": money_props["description"], "category": money_props["category"]}, ["from_account_id", "to_account_number", "amount"]),
        "responses": {"201": ok("Transferred; `transaction` is your leg", ref("Transferred"), replayed), **money_errors}}},
    "/api/v1/transactions": {"get": {"summary": "Your history, newest first, by keyset pages", "security": authn, "parameters": [
        q("account_id", "one of your accounts"), q("from", "YYYY-MM-DD, inclusive", {"type": "string", "format": "date"}), q("to", "YYYY-MM-DD, inclusive", {"type": "string", "format": "date"}),
        q("type", "deposit, withdrawal, transfer_in or transfer_out"), q("q", "text in the description"), q("limit", "1 to 100, default 25", {"type": "integer", "minimum": 1, "maximum": 100}), q("cursor", "next_cursor of the previous page")],
        "responses": {"200": ok("A page", ref("TransactionPage")), **common, "404": err("not_found: not your account")}}},
    "/api/v1/analytics": {"get": {"summary": "Account summaries and totals by type and month", "security": authn, "parameters": [q("account_id", "one of your accounts"),
        q("from", "first day, YYYY-MM-DD (with `to`: only postings of those days; default: the whole history)", {"type": "string", "format": "date"}),
        q("to", "last day, YYYY-MM-DD, inclusive (default: today when `from` is given)", {"type": "string", "format": "date"})],
        "responses": {"200": ok("Totals", ref("Analytics")), **common, "404": err("not_found")}}},
    "/api/v1/openapi.json": {"get": {"summary": "This document", "security": [], "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {}}}}}},
}

# ---- Categories and the history's filters, sorts and CSV ----
category_enum = money_props["category"]["enum"][1:]
schemas["CategoryRule"] = {"type": "object", "additionalProperties": False, "required": ["rule_id", "pattern", "category", "created_at"], "properties": {
    "rule_id": id_, "pattern": {"type": "string", "minLength": 1, "maxLength": 100}, "category": {"type": "string", "enum": category_enum}, "created_at": ts}}
history_filters = [
    q("account_id", "one of your accounts"), q("type", "deposit, withdrawal, transfer_in or transfer_out", {"type": "string", "enum": ["deposit", "withdrawal", "transfer_in", "transfer_out"]}),
    q("category", "only this category", {"type": "string", "enum": category_enum}),
    q("from", "YYYY-MM-DD, inclusive", {"type": "string", "format": "date"}), q("to", "YYYY-MM-DD, inclusive", {"type": "string", "format": "date"}),
    q("min_amount", "smallest amount, inclusive, as money text (\"10\", \"1,000.50\")"), q("max_amount", "largest amount, inclusive, as money text"),
    q("q", "text in the description, ignoring case"),
    q("sort", "newest (the default), oldest, largest or smallest; ties in amount are broken by posting order", {"type": "string", "enum": ["newest", "oldest", "largest", "smallest"]})]
paths["/api/v1/transactions"] = {"get": {"summary": "Your history, filtered and sorted, by keyset pages", "security": authn, "parameters": history_filters + [
    q("limit", "1 to 100, default 25", {"type": "integer", "minimum": 1, "maximum": 100}), q("cursor", "next_cursor of the previous page, with the same filters and sort")],
    "responses": {"200": ok("A page", ref("TransactionPage")), **common, "404": err("not_found: not your account")}}}
paths["/api/v1/transactions.csv"] = {"get": {"summary": "Every row of the filter, in its sort, as RFC 4180 CSV (streamed; cells starting with = + - @ are prefixed with ')", "security": authn, "parameters": history_filters,
    "responses": {"200": {"description": "text/csv with a header row: timestamp, transaction_id, account_id, transaction_type, amount, balance_after, counterparty_account_number, description, category, transfer_id",
                          "content": {"text/csv": {"schema": {"type": "string"}}}}, **common, "404": err("not_found: not your account")}}}
paths["/api/v1/transactions.xlsx"] = {"get": {"summary": "Every row of the filter, in its sort, as an Excel workbook (one sheet; dates as dates, amounts and balances as numbers in a currency format; past 100,000 rows the sheet ends with a row saying where it stopped)", "security": authn, "parameters": history_filters,
    "responses": {"200": {"description": "an .xlsx workbook with the columns of the CSV export (Content-Disposition: attachment; filename=\"transactions.xlsx\")",
                          "content": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"schema": {"type": "string", "contentEncoding": "binary"}}}}, **common, "404": err("not_found: not your account")}}}
paths["/api/v1/transactions/{transaction_id}/category"] = {"post": {"summary": "Change the category of one of your transactions; the analytics follow", "security": authn,
    "parameters": [{"name": "transaction_id", "in": "path", "required": True, "schema": {"type": "string"}}],
    "requestBody": body({"category": {"type": "string", "enum": category_enum}}, ["category"]),
    "responses": {"200": ok("The transaction after the change", {"type": "object", "additionalProperties": False, "required": ["transaction"], "properties": {"transaction": ref("Transaction")}}),
                  **common, "404": err("not_found: no such transaction on your accounts (nothing changed)"), "415": err("unsupported_media_type"), "503": err("unavailable: try again")}}}
paths["/api/v1/category-rules"] = {
    "get": {"summary": "Your category rules, in the order they are tried", "security": authn,
            "responses": {"200": ok("Rules", {"type": "object", "additionalProperties": False, "required": ["rules"], "properties": {"rules": {"type": "array", "items": ref("CategoryRule")}}}), **common}},
    "post": {"summary": "Add a rule: a withdrawal or transfer sent without a category whose description contains `pattern` (ignoring case) gets `category`; the first matching rule wins, none matching gives \"other\"; deposits without a category are \"income\"", "security": authn,
             "requestBody": body({"pattern": {"type": "string", "minLength": 1, "maxLength": 100}, "category": {"type": "string", "enum": category_enum}}, ["pattern", "category"]),
             "responses": {"201": ok("The new rule", ref("CategoryRule")), **common, "415": err("unsupported_media_type"), "503": err("unavailable: try again")}}}
paths["/api/v1/category-rules/{rule_id}/delete"] = {"post": {"summary": "Delete one of your rules", "security": authn,
    "parameters": [{"name": "rule_id", "in": "path", "required": True, "schema": {"type": "string"}}],
    "responses": {"200": ok("Deleted", {"type": "object", "additionalProperties": False, "required": ["deleted"], "properties": {"deleted": {"const": True}}}),
                  **common, "404": err("not_found: no such rule of yours"), "503": err("unavailable: try again")}}}

# ---- Analytics (figures over a period) and the admin overview ----
signed = {"type": "string", "pattern": r"^-?\d+\.\d{2}$"}
day = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
month = {"type": "string", "pattern": r"^\d{4}-\d{2}$"}
bp = {"type": "integer", "description": "basis points: 1% = 100"}
bp_or_null = {"type": ["integer", "null"], "description": "basis points: 1% = 100; null when there is nothing to compare with"}
count = {"type": "integer", "minimum": 0}
obj = lambda props: {"type": "object", "additionalProperties": False, "required": list(props), "properties": props}
schemas["AnalyticsPeriod"] = obj({"key": {"type": "string", "enum": ["month", "3m", "12m", "custom"]}, "label": {"type": "string"},
    "from": day, "to": {**day, "description": "the last day, inclusive"}, "account_id": {"type": ["string", "null"]}})
schemas["AnalyticsSpending"] = obj({"period": ref("AnalyticsPeriod"), "money_in": amount, "money_out": amount, "net": signed,
    "transaction_count": count, "days": {"type": "integer", "minimum": 1, "description": "days of the period up to today"},
    "average_daily_spending": amount, "savings_rate_basis_points": bp_or_null,
    "categories": {"type": "array", "items": obj({"category": {"type": "string", "description": "empty: uncategorised"}, "total": amount, "count": count, "share_basis_points": bp})},
    "months": {"type": "array", "maxItems": 12, "description": "oldest first: from the first month with a posting (at most 12 back) to the period's last, never past this month", "items": obj({"month": month, "money_in": amount, "money_out": amount, "net": signed})},
    "change_month": month,
    "change_days": {**count, "description": "when change_month is not over: its days so far, compared with as many days from the start of the month before; 0: two whole months"},
    "category_changes": {"type": "array", "items": obj({"category": {"type": "string"}, "previous": amount, "current": amount, "change_basis_points": bp_or_null})}})
schemas["AnalyticsBalance"] = obj({"period": ref("AnalyticsPeriod"), "points": {"type": "array", "items": obj({"date": day, "balance": amount})}})
schemas["AnalyticsPayees"] = obj({"period": ref("AnalyticsPeriod"), "payees": {"type": "array", "maxItems": 10, "items": obj({"description": {"type": "string"}, "total": amount, "count": count})}})
schemas["AnalyticsLargest"] = obj({"period": ref("AnalyticsPeriod"), "transactions": {"type": "array", "maxItems": 10, "items": ref("Transaction")}})
schemas["AnalyticsUnusual"] = obj({"period": ref("AnalyticsPeriod"), "factor": {"const": 3},
    "unusual": {"type": "array", "maxItems": 20, "items": obj({"transaction": ref("Transaction"), "category_average": amount})}})
schemas["AdminOverview"] = obj({"total_balance": amount, "user_count": {"type": ["integer", "null"]},
    "account_types": {"type": "array", "items": obj({"account_type": {"type": "string", "enum": ["checking", "savings"]}, "accounts": count, "balance": amount, "deposits": amount, "deposit_count": count})},
    "daily_volume": {"type": "array", "items": obj({"day": day, "count": count, "total": amount})},
    "weekly_signups": {"type": "array", "items": obj({"week": day, "users": count, "accounts": count})},
    "largest_transfers": {"type": "array", "items": obj({"amount": amount, "category": {"type": "string"}, "timestamp": ts})},
    "locked_users": {"type": ["array", "null"], "maxItems": 100, "items": obj({"email": {"type": "string"}, "locked_until": ts})},
    "disabled_users": {"type": "array", "maxItems": 100, "items": obj({"email": {"type": "string"}})},
    "flows": {"type": "array", "description": "the last 30 days by kind: deposit, withdrawal, or 'transfer FROM>TO own|others' (account types; own: between one person's accounts)", "items": obj({"item": {"type": "string"}, "count": count, "total": amount})},
    "cut": {"type": "array", "items": {"type": "string"}, "description": "one sentence per list (locked, disabled people) that stopped at its limit, naming the limit; every figure is a counter kept with the writes and is never cut"},
    "active_customers": {"type": "array", "minItems": 12, "maxItems": 12, "description": "the last 12 UTC months, oldest first, this month last: the people with a posting of their own in the month (a deposit, withdrawal or outgoing transfer; not a received transfer, interest or a reversal)", "items": obj({"month": month, "people": count})},
    "cohorts": {"type": "array", "minItems": 12, "maxItems": 12, "description": "the sign-up months (UTC month of registration) of the same 12 months, oldest first: each cohort's size and, for its sign-up month and each month since, how many of its people were active and their share of the cohort", "items": obj({"signup_month": month, "size": count,
        "months": {"type": "array", "minItems": 1, "maxItems": 12, "items": obj({"month": month, "active": count, "share_basis_points": {**bp, "minimum": 0, "maximum": 10000, "description": "active over size in basis points (1% = 100), rounded half away from zero; 0 for an empty cohort"}})}})}})
period_params = [q("period", "month (this month, the default), 3m, 12m (month-aligned, ending with this month) or custom", {"type": "string", "enum": ["month", "3m", "12m", "custom"]}),
    q("from", "first day of a custom period, YYYY-MM-DD", {"type": "string", "format": "date"}), q("to", "last day of a custom period, YYYY-MM-DD, inclusive", {"type": "string", "format": "date"}),
    q("account_id", "one of your accounts; all of them when absent")]
analytics_errors = {**common, "404": err("not_found: not your account")}
for name, summary, schema in [
        ("summary", "Money in and out, net, savings rate, average daily spending, spending by category, up to 12 months of money in and spending, and each category's change against the month before (the same number of days while the month is not over), from rollups; over all of your accounts, transfers between two of them are neither money in nor spending", "AnalyticsSpending"),
        ("balance", "The total balance at the end of each day (each week beyond 3 months, each 30 days beyond 2 years) up to now", "AnalyticsBalance"),
        ("top-payees", "Spending grouped by description, largest first", "AnalyticsPayees"),
        ("largest", "The largest withdrawals and outgoing transfers", "AnalyticsLargest"),
        ("unusual", "Withdrawals and outgoing transfers of more than three times their category's average in the period, newest first", "AnalyticsUnusual")]:
    paths[f"/api/v1/analytics/{name}"] = {"get": {"summary": summary, "security": authn, "parameters": period_params,
        "responses": {"200": ok("The figures", ref(schema)), **analytics_errors}}}
paths["/api/v1/admin/overview"] = {"get": {"summary": "Bank-wide figures for admins (role granted by `bank admin grant EMAIL`)", "security": authn,
    "responses": {"200": ok("The overview", ref("AdminOverview")), **common, "403": err("forbidden: not an admin")}}}


# ---------------------------------------------------------------------------------------------
# What a code generator and a validating proxy need (Spectral's spectral:oas ruleset, checked by
# tests/http/openapi_lint.test.mjs): an operationId, a tag and a description on every operation,
# both ways to authenticate, contact information, and every status an operation can answer,
# the edge's included (405 for a known path with another method, 413, 415 for a JSON body, 429
# and 503 with Retry-After, 500). A new operation must be named in `operations`.
tags = [
    ("auth", "Registering, signing in and out"),
    ("profile", "The signed-in person and their security events"),
    ("accounts", "Opening and reading accounts"),
    ("payments", "Deposits, withdrawals and transfers"),
    ("transactions", "The history of postings and its CSV and Excel exports"),
    ("categories", "Categories of transactions and the rules that assign them"),
    ("analytics", "Where the money goes"),
    ("admin", "Bank-wide figures for admins"),
    ("meta", "This document"),
]
operations = {
    ("post", "/api/v1/register"): ("registerPerson", "auth"),
    ("post", "/api/v1/login"): ("logIn", "auth"),
    ("post", "/api/v1/logout"): ("logOut", "auth"),
    ("get", "/api/v1/me"): ("getMe", "profile"),
    ("get", "/api/v1/me/security-events"): ("listSecurityEvents", "profile"),
    ("get", "/api/v1/accounts"): ("listAccounts", "accounts"),
    ("post", "/api/v1/accounts"): ("openAccount", "accounts"),
    ("get", "/api/v1/accounts/{account_id}"): ("getAccount", "accounts"),
    ("post", "/api/v1/deposit"): ("deposit", "payments"),
    ("post", "/api/v1/withdraw"): ("withdraw", "payments"),
    ("post", "/api/v1/transfer"): ("transfer", "payments"),
    ("get", "/api/v1/transactions"): ("listTransactions", "transactions"),
    ("get", "/api/v1/analytics"): ("getAnalytics", "analytics"),
    ("get", "/api/v1/openapi.json"): ("getOpenApiDocument", "meta"),
    ("get", "/api/v1/transactions.csv"): ("exportTransactionsCsv", "transactions"),
    ("get", "/api/v1/transactions.xlsx"): ("exportTransactionsXlsx", "transactions"),
    ("post", "/api/v1/transactions/{transaction_id}/category"): ("setTransactionCategory", "categories"),
    ("get", "/api/v1/category-rules"): ("listCategoryRules", "categories"),
    ("post", "/api/v1/category-rules"): ("addCategoryRule", "categories"),
    ("post", "/api/v1/category-rules/{rule_id}/delete"): ("deleteCategoryRule", "categories"),
    ("get", "/api/v1/analytics/summary"): ("getAnalyticsSummary", "analytics"),
    ("get", "/api/v1/analytics/balance"): ("getBalanceHistory", "analytics"),
    ("get", "/api/v1/analytics/top-payees"): ("getTopPayees", "analytics"),
    ("get", "/api/v1/analytics/largest"): ("getLargestSpending", "analytics"),
    ("get", "/api/v1/analytics/unusual"): ("getUnusualSpending", "analytics"),
    ("get", "/api/v1/admin/overview"): ("getAdminOverview", "admin"),
}
# The methods that change something: with the session cookie they need the CSRF token.
writes = ("post", "put", "patch", "delete")
read_security = [{"bearer": []}, {"cookie": []}]
write_security = [{"bearer": []}, {"cookie": [], "csrf": []}]
retry_after_until = {"Retry-After": {"schema": {"type": "string", "pattern": "^[0-9]+$"},
                                     "description": "Seconds until the request may be sent again"}}
edge_errors = {
    "405": err("method_not_allowed: the path exists, but not with this method"),
    "413": err("payload_too_large: the body exceeds 64 KiB"),
    "415": err("unsupported_media_type: the body is not application/json"),
    "429": {**err("rate_limited: too many requests; Retry-After says when the next one is let in"), "headers": retry_after_until},
    "500": err("internal: something went wrong on the server; nothing was changed"),
    "503": {**err("unavailable: the bank cannot reach its database or is too busy; nothing was changed, try again after Retry-After"), "headers": retry_after_until},
}


def finish(op, method, template):
    if (method, template) not in operations:
        raise SystemExit(f"{method.upper()} {template}: name it in `operations` (operationId and tag)")
    operation_id, tag = operations[(method, template)]
    rebuilt = {}
    for key, value in op.items():
        rebuilt[key] = value
        if key == "summary":
            rebuilt["operationId"] = operation_id
            rebuilt["tags"] = [tag]
            if "description" not in op:
                who = ("Open to anyone" if op.get("security") == [] else
                       "Needs the bearer token or the session cookie" + (" with the X-CSRF-Token header" if method in writes else ""))
                admin = " Admins only (a customer gets 403)." if tag == "admin" else ""
                rebuilt["description"] = value.rstrip(".") + ". " + who + "." + admin + " Counted against the API rate limit."
    if rebuilt.get("security") != []:
        rebuilt["security"] = write_security if method in writes else read_security
    responses = rebuilt["responses"]
    for status in ["405", "413", "429", "500", "503"] + (["415"] if "requestBody" in rebuilt else []):
        if status not in responses:
            responses[status] = edge_errors[status]
        elif status in ("429", "503"):
            responses[status].setdefault("headers", retry_after_until)
    rebuilt["responses"] = dict(sorted(responses.items()))
    return rebuilt


# The second-factor operations (tools/openapi_second_factor.py) carry their own operationId and
# tag; they are finished like every other.
second_factor_tags = []
add_second_factor(paths, schemas, second_factor_tags)
tags += [(tag["name"], tag["description"]) for tag in second_factor_tags]
add_passkeys(paths, schemas, tags)
add_sessions(paths, schemas, tags)
add_password_reset(paths, schemas)
add_time_zone(paths, schemas, tags)
add_recurring(paths, schemas)
add_standing_orders(paths, schemas, tags)
add_bank_operations(paths, schemas)
add_bulk(paths, schemas)
add_budgets(paths, schemas, tags)
add_forecast(paths, schemas)
add_interest(paths, schemas)
add_change_feed(paths, schemas)
add_recurring_decisions(paths, schemas)
add_goals(paths, schemas, tags)
add_webhooks(paths, schemas, tags)
add_alerts(paths, schemas, tags)
for template, item in paths.items():
    for method, op in item.items():
        if "operationId" in op and (method, template) not in operations:
            operations[(method, template)] = (op.pop("operationId"), op.pop("tags")[0])

for template, item in paths.items():
    for method in list(item):
        item[method] = finish(item[method], method, template)

doc = {"openapi": "3.1.0",
       "info": {"title": "Bank API", "version": "1.0.0", "description": "Every capability of the web pages as JSON. Amounts are decimal strings, timestamps RFC 3339 in UTC, ids strings. Errors are always {\"error\": {\"code\", \"message\", \"field\"?}}. Two ways to authenticate: the bearer token from POST /api/v1/login (`bearer`), or the session cookie of the web pages (`cookie`), in which case every POST must also send the session's CSRF token in the X-CSRF-Token header (`csrf`).",
                "contact": {"name": "Bank engineering", "url": "https://bank.invalid/support", "email": "api@bank.invalid"}},
       "tags": [{"name": name, "description": text} for name, text in tags],
       "servers": [{"url": "/"}],
       "security": read_security,
       "paths": paths,
       "components": {"schemas": schemas, "securitySchemes": {
           "bearer": {"type": "http", "scheme": "bearer", "description": "The token from POST /api/v1/login"},
           "cookie": {"type": "apiKey", "in": "cookie", "name": "bank_session", "description": "The session cookie set by signing in on the web pages (POST /login)"},
           "csrf": {"type": "apiKey", "in": "header", "name": "X-CSRF-Token", "description": "The session's CSRF token, required with the session cookie on every POST (the pages carry it in their forms)"}}}}
out = pathlib.Path(__file__).resolve().parent.parent / "web" / "openapi.json"
generated = json.dumps(doc, indent=1) + "\n"
if sys.argv[1:] == ["--check"]:
    if out.read_text() != generated:
        sys.exit(f"{out} is not what tools/openapi_gen.py generates: edit the generator and run it")
    print(f"{out} is up to date")
else:
    out.write_text(generated)
    print(f"wrote {out}")
