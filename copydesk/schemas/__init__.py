"""What a correct article record is: the JSON Schema of the record format (DESIGN.md §2)."""

from copydesk.schemas.json_schema import record_json_schema

__all__ = ["record_json_schema"]
