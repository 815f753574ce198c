"""Metadata: dates (:mod:`.dates`), datelines (:mod:`.dateline`) and the assembly of
title, description, author, signature, sources and captions (:mod:`.fields`)."""
