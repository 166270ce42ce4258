"""Stage 1 of the pipeline: read files (YAML, Markdown) into validated models."""
