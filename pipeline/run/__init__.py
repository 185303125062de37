"""Running the pipeline over an archive: stages, executors, per-document outputs, versions."""
