"""What Moodle does with the texts it imports, written here from its code (not from quizgen):

* `format_string()` (lib/weblib.php; lib/classes/formatting.php from 4.3), which shows matching
  responses (qtype_match renderer, `format_choices`), with the site defaults (no string filters,
  `formatstringstriptags` on): an `&` that starts no character reference becomes `&amp;`, tags are
  stripped (`strip_tags`), and `<` `>` that remain become `&lt;` `&gt;`. The result is HTML.
* What a browser then shows for HTML without tags: its character references decoded.
* The short-answer wildcard (`qtype_shortanswer_question::compare_string_with_wildcard`): a `*`
  with no backslash before it matches anything; `\\*` is a literal star.
"""

from __future__ import annotations

import html
import re

_BARE_AMPERSAND = re.compile(r"&(?![a-zA-Z0-9#]{1,8};)")
#: PHP's strip_tags drops from a `<` to the next `>` (or to the end when none follows).
_TAG = re.compile(r"<[^>]*(?:>|$)", re.DOTALL)


def format_string(stored: str) -> str:
    out = _BARE_AMPERSAND.sub("&amp;", stored)
    out = _TAG.sub("", out)
    return out.replace("<", "&lt;").replace(">", "&gt;")


def shown_html(markup: str) -> str:
    """The text a browser shows for HTML that holds no tags."""
    assert "<" not in markup, f"markup where text was expected: {markup!r}"
    return html.unescape(markup)


def shown_string(stored: str) -> str:
    """A plain-string field shown through format_string, as the student reads it."""
    return shown_html(format_string(stored))


def shortanswer_literal(pattern: str) -> str:
    """A short-answer answer as the literal text it accepts; fails on a live wildcard."""
    assert not re.search(r"(?<!\\)\*", pattern), f"a live wildcard in {pattern!r}"
    return pattern.replace("\\*", "*")


def test_format_string_model_is_what_the_issue_saw():
    """The display model reproduces the reported display of unescaped responses, so the GIFT and
    Moodle XML tests would catch a response written without escaping."""
    assert shown_string("Kaluga &amp; &lt;") == "Kaluga & <"
    assert shown_string("<b>bold</b> & co") == "bold & co"
    assert shown_string(html.escape("Kaluga &amp; &lt;", quote=False)) == "Kaluga &amp; &lt;"
