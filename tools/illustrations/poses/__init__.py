"""One module per body area, each exporting ``POSES: dict[str, Pose]`` (see POSES.md)."""
