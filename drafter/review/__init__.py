"""The review loop: reviewers' tracked changes and comments from Word or WPS, back into a draft.

``read_reviewed`` reads a reviewed .docx; ``propose`` maps every change and comment to the
draft's section and item; ``import_round`` records them as a new review round on the draft;
``decide`` accepts, rejects or resolves one of them. Pure core: no textual here.
"""
