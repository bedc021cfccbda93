"""Stage 5, write: put the rendered site into the output folder, atomically."""

from sitegen.write.output import StagedOutput, check_generated_folders, check_output_folder

__all__ = ["StagedOutput", "check_generated_folders", "check_output_folder"]
