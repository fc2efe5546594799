"""One module per command; each imports only click at module level so `quizgen --help` stays fast."""
