"""Throw-away database servers for the SQL tests: PostgreSQL and MariaDB from the system's
packages, started in a temp folder on a Unix socket (no TCP port), stopped at the end.

Each ``start_*`` returns a connection factory and a stop function, or raises
:class:`Unavailable` with the reason when the server binary is not installed (the tests then
skip with that reason; ``.ci/setup.d/30-postgresql.sh`` and ``31-mariadb.sh`` install them in
CI).  PostgreSQL refuses to run as root: as root, the cluster is owned by the ``postgres``
user (created by the Debian package) and its commands run through ``runuser``.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


class Unavailable(Exception):
    """The server cannot be started here; the message says why."""


def _pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).resolve().parent
    raise Unavailable("PostgreSQL server binaries (initdb) not installed: "
                      "run .ci/setup.d/30-postgresql.sh")


def _as_owner(command: list[str], owner: str | None) -> list[str]:
    return command if owner is None else ["runuser", "-u", owner, "--", *command]


def start_postgres(base: Path) -> tuple[Callable[[], Any], Callable[[], None]]:
    """A PostgreSQL cluster in *base*, listening only on a Unix socket in *base*."""
    bindir = _pg_bin()
    owner = None
    if os.geteuid() == 0:
        owner = "postgres"
        try:
            import pwd

            pwd.getpwnam(owner)
        except KeyError as exc:
            raise Unavailable("running as root without a 'postgres' user") from exc
        base.chmod(0o777)
    data, sock = base / "pgdata", base / "pgsock"
    sock.mkdir()
    if owner is not None:
        shutil.chown(sock, owner)
    run = {"check": True, "capture_output": True, "timeout": 120}
    subprocess.run(_as_owner([str(bindir / "initdb"), "-D", str(data), "-U", "postgres",
                              "--auth=trust", "-E", "UTF8", "--no-sync"], owner), **run)
    options = f"-c listen_addresses='' -k {sock} -c fsync=off -c full_page_writes=off"
    subprocess.run(_as_owner([str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-w",
                              "-t", "60", "-l", str(base / "pg.log"), "start"], owner), **run)

    def connect() -> Any:
        import psycopg

        return psycopg.connect(host=str(sock), user="postgres", dbname="postgres",
                               autocommit=True)

    def stop() -> None:
        subprocess.run(_as_owner([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                                  "-w", "stop"], owner), capture_output=True, timeout=60)

    return connect, stop


def start_mariadb(base: Path) -> tuple[Callable[[], Any], Callable[[], None]]:
    """A MariaDB server in *base*: no networking, a Unix socket in *base*, no grant tables."""
    server = shutil.which("mariadbd") or shutil.which("mysqld") or (
        "/usr/sbin/mariadbd" if Path("/usr/sbin/mariadbd").exists() else None)
    install = shutil.which("mariadb-install-db") or shutil.which("mysql_install_db")
    if server is None or install is None:
        raise Unavailable("MariaDB server binaries (mariadbd, mariadb-install-db) not installed: "
                          "run .ci/setup.d/31-mariadb.sh")
    import getpass

    user = getpass.getuser()
    data, sock = base / "data", base / "mysql.sock"
    subprocess.run([install, "--no-defaults", f"--datadir={data}", f"--user={user}",
                    "--auth-root-authentication-method=normal", "--skip-test-db"],
                   check=True, capture_output=True, timeout=180)
    process = subprocess.Popen(
        [server, "--no-defaults", f"--datadir={data}", f"--socket={sock}", "--skip-networking",
         f"--user={user}", "--skip-grant-tables", f"--pid-file={base / 'mysql.pid'}",
         f"--log-error={base / 'mysql.err'}", "--innodb-buffer-pool-size=16M"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def connect() -> Any:
        import pymysql

        return pymysql.connect(unix_socket=str(sock), user="root", autocommit=True)

    deadline = time.monotonic() + 60
    while True:
        try:
            connect().close()
            break
        except Exception as exc:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                log = (base / "mysql.err").read_text(errors="replace")[-2000:] if (
                    base / "mysql.err").exists() else ""
                raise RuntimeError(f"MariaDB did not start: {exc}\n{log}") from exc
            time.sleep(0.2)

    def stop() -> None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    return connect, stop


def start_spark() -> tuple[Any, Callable[[], None]]:
    """A local-mode SparkSession (one core, no UI), or :class:`Unavailable`."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        raise Unavailable("no Java runtime for Spark: run .ci/setup.d/32-java.sh")
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise Unavailable("pyspark is not installed (pip install -e '.[test]')") from exc
    session = (
        SparkSession.builder.master("local[1]").appName("indikator-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.sql.ansi.enabled", "false")
        .config("spark.driver.memory", "512m")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session, session.stop
