"""The answer-span rule of a fact's text, against a plain statement of it."""

from __future__ import annotations

import pydantic
from hypothesis import example, given, settings
from hypothesis import strategies as st

from quizgen.model import SPAN_RE, Fact


def one_span(text: str) -> bool:
    """Exactly one [[answer]], not blank, and no other [[ or ]] left once it is taken out."""
    rest = SPAN_RE.sub("", text)
    spans = SPAN_RE.findall(text)
    return len(spans) == 1 and bool(spans[0].strip()) and "[[" not in rest and "]]" not in rest


@settings(max_examples=2000, deadline=None)
@given(st.text(st.sampled_from("[]ab "), min_size=1, max_size=14))
@example("][[[]]]")  # the span's two sides meet as `]]` once it is taken out
@example("[[ ]]")  # a blank answer
@example("a]][[b]]")
def test_text_is_accepted_exactly_when_it_has_one_span(text):
    record = {"id": "f", "text": text, "ask": "What?", "answer_type": "term", "topic": "t", "evidence": "e"}
    try:
        Fact.model_validate(record)
        accepted = True
    except pydantic.ValidationError as err:
        accepted = not any(e["loc"] == ("text",) for e in err.errors())
    assert accepted == one_span(text.strip())
