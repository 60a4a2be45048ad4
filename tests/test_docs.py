"""The repository explains itself: the README and docs/ link only to files in it, and no file
points to documents outside it (issue 8: a fresh clone must not point outside itself)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Names of documents that lived beside the repository while it was built, never in it.
OUTSIDE = re.compile(r"\.\./shared|shared/|\b(?:SECURITY|DESIGN|RULES|STYLE)\.md|seed-charter")
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


# Not the project's own files: tools' caches and installs (pip's *.egg-info copies the README),
# and the mutation-testing copies.
SKIP = {
    ".git",
    ".venv",
    ".briefs",
    ".hypothesis",
    "mutants",
    "node_modules",
    "staticfiles",
    "test-artifacts",
    "__pycache__",
}


def project_files() -> list[Path]:
    return [
        path
        for path in ROOT.rglob("*")
        if path.is_file()
        and not any(
            part in SKIP or part.endswith(("_cache", ".egg-info"))
            for part in path.relative_to(ROOT).parts
        )
    ]


def test_no_file_points_outside_the_repository():
    offenders = []
    for path in project_files():
        if path.suffix not in {".py", ".md", ".html", ".txt", ".toml", ".yml", ".cfg", ""}:
            continue
        if path == Path(__file__):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if OUTSIDE.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_readme_and_docs_link_only_to_files_in_the_repository():
    documents = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    broken = []
    for document in documents:
        for target in LINK.findall(document.read_text(encoding="utf-8")):
            if re.match(r"https?://", target):
                continue  # a public web page (a tool's documentation), not a project document
            if not (document.parent / target).resolve().is_file():
                broken.append(f"{document.relative_to(ROOT)} -> {target}")
    assert not broken, broken


def test_the_docs_the_readme_promises_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("docs/architecture.md", "docs/rules.md", "docs/operations.md"):
        assert f"]({name})" in readme and (ROOT / name).is_file()
