"""Stage 4 of the pipeline: a composed Handout becomes a PDF with ReportLab Platypus."""
