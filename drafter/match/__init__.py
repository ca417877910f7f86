"""Similar wording across regions and years: tokenising, scoring, the index, explanations,
topics.

``engine.Matcher`` finds items; ``explain.explain`` says what a hit shares and adds;
``render`` turns both into rich text; ``topics.topics`` groups a library's items by task area.
Nothing here imports jieba until words are first needed.
"""
