"""Adapters that run copydesk's checks inside other tools (Great Expectations: ``gx``).

Each adapter is thin: the checks themselves live in :mod:`copydesk.validators`; an adapter only
turns their findings into the other tool's terms. Import the adapter module itself
(``from copydesk.integrations import gx``); its extra must be installed (``copydesk[gx]``).
"""
