"""Documents and images an item links: found, read, checked by file hash, de-identified.

The Django side of checking attachments; the readers are ``checks.files`` (pure engine).
See ``docs/attachments.md``.
"""
