"""`quizgen serve`: a local preview of a recipe's cards and quiz that follows every save.

`preview` keeps the recipe and its packs loaded (re-reading only changed files, `packs`), `pages`
draws the cards with the deck's own templates (`cards`) and the quiz of a chosen seed, and `server`
serves them on 127.0.0.1 with server-sent events that reload open pages.
"""

from .preview import Preview
from .server import start, stop

__all__ = ["Preview", "start", "stop"]
