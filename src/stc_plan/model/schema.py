"""The JSON Schema of the plan file, generated from the pydantic models."""

from __future__ import annotations

import json

from stc_plan.model.plan import Plan


def schema_dict() -> dict[str, object]:
    """The schema as data, with the JSON Schema draft it follows."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **Plan.model_json_schema()}


def schema_json() -> str:
    """The schema as stable, indented JSON ending in a newline."""
    return json.dumps(schema_dict(), ensure_ascii=False, indent=2) + "\n"
