"""Publish the built site to a ``gh-pages`` branch for GitHub Pages, with ghp-import.

ghp-import writes the commit with ``git fast-import`` straight into the branch,
so the working branch, the index and the working tree are never touched. Before
that, the output folder is checked: it must be a finished sitegen build, newer
than every input (``sitegen.inputs``: articles, templates and static files, the
default theme's too, and the settings).
"""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

from sitegen.config import Config
from sitegen.errors import SitegenError
from sitegen.inputs import files_newer_than, input_folders, shown_path
from sitegen.write.output import MARKER

log = logging.getLogger(__name__)
# The last line of every commit sitegen deploy makes: how the next deploy tells its own commits.
TRAILER = "Published-by: sitegen deploy"


class DeployError(SitegenError):
    """The site cannot be published: stale or missing build, or a git problem."""


def check_build(config: Config) -> int:
    """Refuse a missing or stale output folder; returns its number of files."""
    output = config.output
    marker = output / MARKER
    build_hint = "run 'sitegen build' (with --base-url if the site has a sub-path), then deploy"
    if not marker.is_file():
        state = "does not exist" if not output.exists() else "was not built by sitegen"
        raise DeployError(f"nothing to publish: {output} {state}; {build_hint}")
    # Every build writes the marker anew, or touches it when it finds the output current.
    newer = files_newer_than(config, marker.stat().st_mtime_ns)
    if newer:
        more = f" and {len(newer) - 1} other file(s)" if len(newer) > 1 else ""
        raise DeployError(f"{output} is older than {shown_path(newer[0], config.root)}{more}: the "
                          f"published site would be out of date; {build_hint}")
    return sum(1 for path in output.rglob("*") if path.is_file())


def deploy(
    config: Config,
    *,
    remote: str = "origin",
    branch: str = "gh-pages",
    message: str | None = None,
    push: bool = True,
) -> str:
    """Commit ``config.output`` as the whole tree of ``branch`` and push it; returns the commit id.

    History of the branch is kept (each deploy is one more commit). Runs in the git
    repository of the current folder. Raises ``DeployError`` with what to do.
    """
    files = check_build(config)
    head = _git_repository_head()
    if _git("symbolic-ref", "--quiet", "--short", "HEAD") == branch:
        raise DeployError(f"you are on the '{branch}' branch; switch to your working branch "
                          "first, because deploy replaces that branch's files")
    if push:
        if _git("remote", "get-url", remote) is None:
            raise DeployError(f"there is no git remote '{remote}': add it with 'git remote add "
                              f"{remote} URL', name another with --remote, or use --no-push")
        # ghp-import builds on remote/branch when that exists: fetch it, so a deploy from
        # another clone keeps the published history instead of being rejected on push.
        _git("fetch", "--quiet", remote, f"+refs/heads/{branch}:refs/remotes/{remote}/{branch}")
    message = (message or _default_message(config, head)) + f"\n\n{TRAILER}"
    before = _git("rev-parse", "--verify", "--quiet", f"refs/heads/{branch}")
    published = _published_commit(remote, branch)
    cname = _kept_cname(config, published) if published else None
    _import(config.output, remote=remote, branch=branch, message=message, push=push, cname=cname)
    commit = _git("rev-parse", "--verify", "--quiet", f"refs/heads/{branch}")
    if commit is None or commit == before:
        raise DeployError(f"git fast-import did not write the '{branch}' branch; see git's "
                          "message above")
    where = f"and pushed to {remote}" if push else f"(not pushed: run 'git push {remote} {branch}')"
    log.info("Published %d files from %s to branch %s as %s %s", files, config.output, branch,
             commit[:12], where)
    return commit


def _default_message(config: Config, head: str | None) -> str:
    """"Publish the site built from <commit>", saying so when the inputs differ from it."""
    if not head:
        return "Publish the site"
    inputs = [str(path) for paths in input_folders(config).values() for path in paths
              if path.exists() and path.resolve().is_relative_to(config.root.resolve())]
    changed = _git("status", "--porcelain", "--untracked-files=all", "--", *inputs) if inputs else ""
    return f"Publish the site built from {head[:12]}" + (" with uncommitted changes" if changed else "")


def _published_commit(remote: str, branch: str) -> str | None:
    """The branch's last commit, the one the new one follows (the local branch, else the remote's);
    warns when it was not made by sitegen deploy, since its files are about to be replaced."""
    for ref in (f"refs/heads/{branch}", f"refs/remotes/{remote}/{branch}"):
        commit = _git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
        if commit:
            break
    else:
        return None
    text = _git("log", "-1", "--format=%B", commit) or ""
    if TRAILER not in text and not text.startswith("Publish the site"):  # sitegen 0.1 had no trailer
        log.warning("the last commit on %s (%s, '%s') was not made by sitegen deploy; its files are "
                    "replaced by the site's, and stay in the branch's history", branch, commit[:12],
                    text.strip().splitlines()[0] if text.strip() else "")
    return commit


def _kept_cname(config: Config, published: str) -> str | None:
    """The custom domain of the published branch, when the build has none: kept, not dropped
    (GitHub Pages would silently serve the site without it)."""
    if (config.output / "CNAME").is_file():
        return None
    domain = (_git("show", f"{published}:CNAME") or "").strip()
    if not domain:
        return None
    log.warning("kept the custom domain %s of the published branch's CNAME; set cname = \"%s\" in "
                "sitegen.toml to say so, or publish another one there", domain, domain)
    return domain


def _import(output: Path, *, remote: str, branch: str, message: str, push: bool,
            cname: str | None) -> None:
    import ghp_import

    try:
        # .nojekyll and CNAME are written by the build itself, so ghp-import adds neither,
        # but a CNAME the branch had and the build lacks (``_kept_cname``).
        ghp_import.ghp_import(str(output), mesg=message, remote=remote, branch=branch, push=push,
                              nojekyll=False, cname=cname, prefix=None, force=False,
                              no_history=False, followlinks=False, use_shell=False)
    except ghp_import.GhpError as error:
        raise DeployError(f"ghp-import: {error.message}") from None
    except subprocess.CalledProcessError as error:
        raise DeployError(f"'git push {remote} {branch}' failed (exit {error.returncode}); see "
                          "git's message above. The local branch is committed: push it by hand "
                          "once the problem is fixed") from None
    except TypeError:
        # ghp-import 2.1.0 writes bytes to sys.stdout when fast-import fails; git has
        # already printed the reason, and the caller reports the unwritten branch.
        pass


def _git_repository_head() -> str | None:
    """The commit checked out in the current folder's repository (None before the first one)."""
    if _git("rev-parse", "--is-inside-work-tree") != "true":
        raise DeployError("the current folder is not in a git repository: run deploy from your "
                          "site's repository (git init; git remote add origin URL)")
    return _git("rev-parse", "--verify", "--quiet", "HEAD")


def _git(*args: str) -> str | None:
    """Output of a git command, or None when it fails."""
    try:
        result = subprocess.run(["git", *args], capture_output=True, text=True)
    except OSError:
        raise DeployError("git is not installed or not on PATH") from None
    return result.stdout.strip() if result.returncode == 0 else None

