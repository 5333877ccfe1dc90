"""Inline code that the Content-Security-Policy allows by its hash, one response at a time.

A template that must inline a `<style>` or `<script>` (the site's colours from its settings,
say) registers the exact text here; the CSP middleware adds the hash to the policy of that
response only. Nothing else inline is allowed, so text injected into a page cannot run.
"""

import base64
import hashlib


def csp_hash(content):
    digest = hashlib.sha256(content.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def allow_inline(request, directive, content):
    """Allow `content`, the exact text of an inline element, under `directive` (e.g. style-src)."""
    hashes = request.__dict__.setdefault("csp_hashes", {})
    hashes.setdefault(directive, set()).add(csp_hash(content))


def inline_hashes(request, directive):
    return sorted(getattr(request, "csp_hashes", {}).get(directive, ()))
