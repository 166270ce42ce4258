"""Stage 5 of the pipeline: get the finished PDF to the patient (file, email, print)."""
