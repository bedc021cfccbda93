"""Write the site into a staging folder, then swap it in place of the old one.

A failed or interrupted build never touches the previous output. A file whose
bytes did not change is hard-linked from the previous build instead of written,
so its modification time is kept and servers and browsers see it unchanged.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from sitegen.errors import OutputError

MARKER = ".sitegen-build"


def check_output_folder(output: Path, protected: list[Path]) -> None:
    """Refuse an output folder whose replacement would destroy something else."""
    output = output.resolve()
    for folder in protected:
        folder = folder.resolve()
        if output == folder or output in folder.parents:
            raise OutputError(
                f"output folder {output} contains {folder}; building would delete it. "
                "Choose another --output (the default is build/)"
            )
    if output.exists() and not output.is_dir():
        raise OutputError(f"output path {output} is a file, not a folder; remove it or "
                          "choose another --output")
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).exists():
        raise OutputError(
            f"output folder {output} is not empty and was not made by sitegen; "
            "empty it or choose another --output"
        )


class StagedOutput:
    """A staging folder beside the output folder; ``commit()`` swaps it in."""

    def __init__(self, output: Path):
        self.output = output.resolve()
        self.written = 0
        self.unchanged = 0
        self.pages_changed = 0  # HTML pages whose bytes differ from the previous build
        self._paths: set[str] = set()
        try:
            self.output.parent.mkdir(parents=True, exist_ok=True)
            self.staging = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.staging-",
                                                 dir=self.output.parent))
        except OSError as error:
            raise OutputError(
                f"cannot write next to the output folder {self.output}: {error.strerror}; "
                "check its permissions or choose another --output"
            ) from None
        (self.staging / MARKER).write_text("Built by sitegen; replaced on every build.\n")

    def write(self, path: str, data: str | bytes) -> None:
        """Stage one output file; two pages may never claim the same path."""
        if path in self._paths:
            raise OutputError(f"two pages would both be written to {path}; "
                              "give one of the articles another slug")
        if path.startswith("/") or ".." in Path(path).parts:
            raise OutputError(f"refusing to write outside the output folder: {path}")
        self._paths.add(path)
        content = data.encode("utf-8") if isinstance(data, str) else data
        target = self.staging / path
        target.parent.mkdir(parents=True, exist_ok=True)
        previous = self.output / path
        if _same_bytes(previous, content):
            try:
                os.link(previous, target)
                self.unchanged += 1
                return
            except OSError:
                pass
        if target.exists():  # never write through a hard link into the previous build
            target.unlink()
        target.write_bytes(content)
        self.written += 1
        if path.endswith(".html"):
            self.pages_changed += 1

    def copy_tree(self, source: Path, prefix: str) -> None:
        """Stage every file of ``source`` (hidden files skipped) under ``prefix``."""
        if not source.is_dir():
            return
        for file in sorted(source.rglob("*")):
            relative = file.relative_to(source)
            if file.is_file() and not any(p.startswith(".") for p in relative.parts):
                path = f"{prefix}/{relative.as_posix()}"
                self._paths.discard(path)  # a site's own file overrides the theme's
                self.write(path, file.read_bytes())

    @property
    def previous(self) -> Path | None:
        """The output folder of the previous build, if there is one."""
        return self.output if (self.output / MARKER).exists() else None

    def commit(self) -> None:
        """Replace the output folder with the staged one."""
        old = None
        if self.output.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.old-",
                                        dir=self.output.parent))
            os.rename(self.output, old / "site")
        os.rename(self.staging, self.output)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def discard(self) -> None:
        """Throw the staged files away; the output folder is untouched."""
        shutil.rmtree(self.staging, ignore_errors=True)


def _same_bytes(path: Path, content: bytes) -> bool:
    try:
        return path.stat().st_size == len(content) and path.read_bytes() == content
    except OSError:
        return False
