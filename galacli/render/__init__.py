"""Renderers: one module per format, all fed by the same result records.

`layout` turns a record into format-neutral blocks; `plain`, `markdown` and `rich_render` print
blocks; `json_render` serialises the record itself. Only `rich_render` imports Rich.
"""
