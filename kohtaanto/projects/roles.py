"""Who may do what in the databank: the roles file (CONTRACT.md section 2c) and the permission
rules every write function of the store applies on the server.

```toml
[[user]]
email = "koordinaattori.ita@example.fi"
role = "coordinator"          # admin | coordinator | editor
areas = ["KA4"]               # coordinator: these areas and every area inside them
[[user]]
email = "hanke@example.fi"
role = "editor"
projects = ["S30999", "HID-002"]
```

E-mail addresses compare case-insensitively; a signed-in address not in the file is a reader.
The file is read again when it changes (its mtime, size or inode); a broken file keeps the
previous roles and says so in the log, once per broken version.
"""

from __future__ import annotations

import logging
import threading
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kohtaanto import paths
from kohtaanto.projects.area_tree import AreaTree

log = logging.getLogger(__name__)

ADMIN = "admin"
COORDINATOR = "coordinator"
EDITOR = "editor"
READER = "reader"
ROLES = (ADMIN, COORDINATOR, EDITOR)


@dataclass(frozen=True)
class User:
    """A person (or the command line) as the store sees them at one moment."""

    email: str | None  # lower case; None when signed out
    role: str = READER
    areas: frozenset[str] = frozenset()
    projects: frozenset[str] = frozenset()
    system: bool = False  # the command line (an import or export by the operator)

    @property
    def signed_in(self) -> bool:
        return self.email is not None


def normal_email(email: str | None) -> str | None:
    """An address as compared: stripped and case-folded; None for an empty one."""
    if email is None:
        return None
    text = str(email).strip().casefold()
    return text or None


def system_user(name: str) -> User:
    """The operator at the command line (``import:tietopankki.xlsx``): an admin by shell access.
    Never built from anything a browser sends."""
    return User(email=name, role=ADMIN, system=True)


class RolesError(ValueError):
    """The roles file cannot be used; the message names the entry."""


def parse_roles(text: str) -> dict[str, User]:
    """Users by address from the roles file's text; RolesError names what is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RolesError(f"not valid TOML: {exc}") from exc
    users = data.get("user", [])
    if not isinstance(users, list):
        raise RolesError("[[user]] entries expected")
    out: dict[str, User] = {}
    for n, entry in enumerate(users, start=1):
        if not isinstance(entry, dict):
            raise RolesError(f"user {n}: not a table")
        email = normal_email(entry.get("email")) if isinstance(entry.get("email"), str) else None
        if email is None or "@" not in email:
            raise RolesError(f"user {n}: no e-mail address")
        role = entry.get("role")
        if role not in ROLES:
            raise RolesError(f"user {n}: role {role!r} is not one of {', '.join(ROLES)}")
        areas = _codes(entry.get("areas", []), n, "areas")
        projects = _codes(entry.get("projects", []), n, "projects")
        if role == COORDINATOR and not areas:
            raise RolesError(f"user {n}: a coordinator needs areas")
        if role == EDITOR and not projects:
            raise RolesError(f"user {n}: an editor needs projects")
        if email in out:
            raise RolesError(f"user {n}: the address is listed twice")
        out[email] = User(email, role, frozenset(areas), frozenset(projects))
    return out


def _codes(value: object, n: int, name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RolesError(f"user {n}: {name} must be a list of codes")
    return [v.strip() for v in value]


class RolesFile:
    """The roles file, read again whenever it changes; thread-safe."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else paths.roles_path()
        self._lock = threading.Lock()
        self._stamp: tuple[int, int, int] | None = None
        self._users: dict[str, User] = {}

    def _refresh(self) -> None:
        try:
            stat = self.path.stat()
            stamp: tuple[int, int, int] | None = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        except OSError:
            stamp = None
        if stamp == self._stamp:
            return
        if stamp is None:
            if self._users:
                log.warning("roles file %s is gone: every address is a reader", self.path)
            self._users, self._stamp = {}, None
            return
        try:
            users = parse_roles(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, RolesError) as exc:
            log.error("roles file %s is broken (%s); keeping the previous roles", self.path, exc)
            self._stamp = stamp  # said once per broken version of the file
            return
        self._users, self._stamp = users, stamp
        log.info("roles file %s read: %d users", self.path, len(users))

    def user(self, email: str | None) -> User:
        """The user behind a signed-in address (a reader when not listed), or signed out."""
        address = normal_email(email)
        if address is None:
            return User(None)
        with self._lock:
            self._refresh()
            return self._users.get(address) or User(address)


# ---------------------------------------------------------------------------------------------
# Permissions: the one place that says who may write what.


def may_edit(user: User, project_code: str, areas: Iterable[str], tree: AreaTree) -> bool:
    """May ``user`` save (drafts of) the project and its results and reports?"""
    if user.role == ADMIN:
        return True
    if user.role == EDITOR:
        return project_code in user.projects
    if user.role == COORDINATOR:
        return tree.covers(user.areas, areas)
    return False


def may_publish(user: User, project_code: str, areas: Iterable[str], tree: AreaTree) -> bool:
    """May ``user`` publish, remove and restore as published: the area's coordinator or an
    admin; an editor's entries stay drafts."""
    if user.role == ADMIN:
        return True
    if user.role == COORDINATOR:
        return tree.covers(user.areas, areas)
    return False
