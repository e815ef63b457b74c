"""Pure numpy/scipy models of the course (no plotting, no widgets).

Each module models one link of the cascade from dose to mood; the chapters and
the shared timeline call the same functions, so they can never disagree.
"""
