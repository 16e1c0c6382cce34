"""What the OpenAPI modules of tools/ share: an error answer and an answer of a named schema."""


def error(description):
    """An answer carrying the Error schema ({error: {code, message, field?}})."""
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def answer(description, ref):
    """An answer carrying the named schema of components/schemas."""
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/" + ref}}}}
