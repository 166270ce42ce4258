"""Stage 3 of the pipeline: decide what goes in the handout, in what order and wording.

The output, a ``Handout``, holds ReportLab paragraph markup (already escaped)
but imports nothing from ReportLab, so it can be inspected and tested cheaply.
"""
