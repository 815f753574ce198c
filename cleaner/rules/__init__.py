"""Line rules: the data-driven matchers (:mod:`.matcher`) and the generic heuristics
(:mod:`.generic`) that need the whole document (duplicates, teasers, foreign script).
"""
