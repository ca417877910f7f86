"""The review loop: reviewers' tracked changes and comments from Word or WPS, back into a draft.

``docx_read.read_reviewed`` reads a reviewed .docx; ``propose.read_review`` maps every change
and comment to the draft's section and item; ``rounds.import_round`` records them as the
draft's next review round, and ``rounds.accept`` / ``reject`` / ``resolve`` decide on one.
``solicit`` cuts a 征求意见 copy of some sections. Pure core: no textual here.
"""
