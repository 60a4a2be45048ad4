"""`make run` and `make demo-reset` (README: Running the demo): the links the portal writes
carry the address `make run` serves on, and the demo can be started afresh. Read with `make -n`,
which prints the commands without running them."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAKE = shutil.which("make")
pytestmark = pytest.mark.skipif(MAKE is None, reason="needs make")


def dry_run(target: str, **env) -> list[str]:
    clean = {"PATH": "/usr/bin:/bin", **env}
    out = subprocess.run(
        [MAKE, "-n", target], cwd=ROOT, env=clean, capture_output=True, text=True, check=True
    ).stdout
    return out.splitlines()


def line_with(lines, text):
    return next(line for line in lines if text in line)


@pytest.mark.parametrize(
    ("env", "serves", "links"),
    [
        ({}, "127.0.0.1:8000", "http://127.0.0.1:8000"),
        ({"PORT": "8123"}, "127.0.0.1:8123", "http://127.0.0.1:8123"),
        ({"HOST": "0.0.0.0", "PORT": "9000"}, "0.0.0.0:9000", "http://127.0.0.1:9000"),  # noqa: S104
        (
            {"PORT": "8123", "SITE_URL": "https://portal.example"},
            "127.0.0.1:8123",
            "https://portal.example",
        ),
    ],
)
def test_make_run_links_to_the_port_it_serves_on(env, serves, links):
    lines = dry_run("run", **env)
    server = line_with(lines, "runserver")
    assert server.endswith(f"runserver {serves}")
    assert server.startswith(f"SITE_URL={links} ")  # feed addresses, emails, CSV links
    assert line_with(lines, "seed_demo").startswith(f"SITE_URL={links} ")


def test_make_demo_reset_drops_the_sqlite_database_migrates_and_seeds():
    lines = dry_run("demo-reset", PORT="8123")
    drop = line_with(lines, "rm -f")
    migrate = next(i for i, line in enumerate(lines) if "manage.py migrate" in line)
    seed = next(i for i, line in enumerate(lines) if "manage.py seed_demo" in line)
    assert '"db.sqlite3"' in drop and lines.index(drop) < migrate < seed
    assert "SITE_URL=http://127.0.0.1:8123" in lines[seed]


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({"DATABASE_URL": "postgres://db/portal"}, "unset DATABASE_URL"),
        ({"PRODUCTION": "true"}, "PRODUCTION=true"),
    ],
)
def test_make_demo_reset_refuses_postgres_and_production(env, says, tmp_path):
    """Nothing is dropped: the refusal comes before the rm (run for real on a copy of the
    Makefile in an empty folder, whose install step is already done)."""
    (tmp_path / "Makefile").write_text((ROOT / "Makefile").read_text())
    (tmp_path / "pyproject.toml").write_text("")
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python").write_text("")
    (tmp_path / ".venv" / ".installed").write_text("")
    database = tmp_path / "db.sqlite3"
    database.write_text("demo")
    result = subprocess.run(
        [MAKE, "demo-reset"],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and says in result.stderr
    assert database.read_text() == "demo"
