"""A person's time zone in web/openapi.json, added by tools/openapi_gen.py: `time_zone` on the
person (GET /api/v1/me) and at registration, and POST /api/v1/me/time-zone to change it. The
zone decides the person's days and months (the analytics periods and their figures); every
timestamp of the API stays RFC 3339 in UTC."""

from openapi_common import error

TIME_ZONE = {"type": "string", "examples": ["Europe/Paris", "America/Los_Angeles"],
             "description": "An IANA time zone name of the tz database; the person's days and "
                            "months (analytics periods) follow it, timestamps stay UTC"}


def add_time_zone(paths, schemas, tags):
    for name in ("User", "Registered"):
        schemas[name]["properties"]["time_zone"] = TIME_ZONE
        schemas[name]["required"].append("time_zone")
    register = paths["/api/v1/register"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    register["properties"]["time_zone"] = dict(
        TIME_ZONE, description="Optional (UTC when left out): an IANA time zone name, such as "
                               "the browser's Intl.DateTimeFormat().resolvedOptions().timeZone")
    paths["/api/v1/me/time-zone"] = {"post": {
        "operationId": "setTimeZone", "tags": ["profile"],
        "summary": "Change your time zone",
        "description": "Sets the IANA time zone your pages show times in and your days and months "
                       "(this month, daily figures, custom periods of the analytics) follow. "
                       "Timestamps of the API stay UTC. Recorded in your audit log.",
        "security": [{"bearer": []}],
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "object", "additionalProperties": False, "required": ["time_zone"],
            "properties": {"time_zone": TIME_ZONE}}}}},
        "responses": {
            "200": {"description": "The person, with the new zone",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/User"}}}},
            "400": error("validation_failed: time_zone is missing or not a zone of the tz "
                         "database (`field` is time_zone); nothing changed"),
            "401": error("unauthenticated: no valid token or session"),
            "403": error("forbidden: a call authenticated by the session cookie without a "
                         "matching X-CSRF-Token header"),
        }}}
