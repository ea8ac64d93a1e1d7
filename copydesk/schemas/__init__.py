"""What a correct article record is: the JSON Schema of the record format (DESIGN.md §2), and
(with pandera installed) ``ArticleSchema``, the pandera model with copydesk's checks."""

from copydesk.schemas.json_schema import record_json_schema

__all__ = ["ArticleSchema", "record_json_schema"]


def __getattr__(name: str) -> object:
    # pandera is an optional dependency: import it only when ArticleSchema is asked for
    if name == "ArticleSchema":
        from copydesk.schemas.pandera_schema import ArticleSchema

        return ArticleSchema
    raise AttributeError(name)
