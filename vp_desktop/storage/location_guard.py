"""Decide whether a folder is a safe home for the encrypted journal file.

The journal must never live on a network filesystem, and may only live inside a
cloud-sync folder after an explicit user override. The ``assess_*`` functions are
pure (they take the probed facts as arguments) so they can be tested on any OS;
:func:`assess_location` gathers those facts for the running system.

Standard library only: no Qt, no SQL.
"""

from __future__ import annotations

import ctypes
import enum
import os
import platform as _platform_module
import posixpath
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..i18n import _


class LocationVerdict(enum.Enum):
    OK = "ok"
    WARN_SYNC = "warn_sync"  # inside a known sync folder: allowed only with explicit override
    REFUSE_NETWORK = "refuse_network"  # network filesystem / share: always refused


@dataclass(frozen=True)
class LocationAssessment:
    verdict: LocationVerdict
    reason: str  # one sentence (interface language) for the user; empty for OK
    detail: str = ""  # fs type, UNC server, drive or sync provider name


# Linux fstypes (as in /proc/self/mountinfo) that are network or cluster filesystems.
NETWORK_FS_TYPES: frozenset[str] = frozenset(
    {
        # NFS, SMB/CIFS, NetWare
        "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "ncp",
        # distributed / cluster filesystems (9p is also used for VM and WSL2 host shares)
        "9p", "afs", "coda", "ceph", "glusterfs", "lustre", "gpfs", "beegfs", "orangefs",
        "pvfs2", "juicefs",
        # FUSE clients for remote storage
        "sshfs", "fuse.sshfs", "davfs", "fuse.davfs", "fuse.davfs2", "rclone", "fuse.rclone",
        "s3fs", "fuse.s3fs", "gcsfuse", "fuse.gcsfuse", "fuse.goofys", "fuse.blobfuse",
        "fuse.blobfuse2", "fuse.mountpoint-s3", "fuse.curlftpfs", "fuse.ceph-fuse",
        "fuse.glusterfs", "fuse.mfs", "fuse.juicefs", "fuse.smbnetfs", "fuse.onedriver",
        "fuse.kio-fuse",
    }
)  # fmt: skip

# Substrings that mark a FUSE mount (subtype, or source of a bare "fuse" mount) as remote.
_FUSE_NETWORK_HINTS = (
    "sshfs", "sftp", "rclone", "davfs", "webdav", "s3fs", "gcsfuse", "goofys", "blobfuse",
    "smb", "cifs", "nfs", "ftp", "ceph", "gluster", "juicefs", "onedriver",
)  # fmt: skip

# gvfs (GNOME Files) exposes its mounts under one FUSE mount, one folder per location.
_GVFS_NETWORK_BACKENDS = frozenset(
    {"smb-share", "smb-server", "sftp", "ftp", "ftps", "dav", "davs", "dav+sd", "davs+sd",
     "afp-volume", "afp-server", "nfs", "google-drive", "onedrive"}
)  # fmt: skip

# "//server/share" (CIFS) or "server:/export", "user@host:/dir" (NFS, sshfs).
_REMOTE_SOURCE = re.compile(r"^(//[^/]+/|[^/\s]+:/)")

_MACOS_NETWORK_FS_TYPES = frozenset({"smbfs", "afpfs", "nfs", "webdav", "cifs", "ftp"})

_DRIVE_REMOTE = 4  # GetDriveTypeW result for a network drive
_DRIVE_TYPE_NAMES = {
    0: "unknown", 1: "no root dir", 2: "removable", 3: "fixed", 4: "remote", 5: "cdrom",
    6: "ramdisk",
}  # fmt: skip

# (provider name, casefolded folder names). A path component counts when it equals one
# of the names, or a name followed by " - suffix" (OneDrive for Business:
# "OneDrive - Gemeente Utrecht") or " (suffix)" (Dropbox: "Dropbox (Persoonlijk)").
# A mere substring ("dropbox-notes-old", "mijn dropbox") does not count.
_SYNC_PROVIDERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("OneDrive", ("onedrive",)),
    ("Dropbox", ("dropbox",)),
    ("Google Drive", ("google drive", "googledrive")),
    ("iCloud Drive", ("icloud drive", "iclouddrive", "com~apple~clouddocs")),
    ("Nextcloud", ("nextcloud",)),
    ("ownCloud", ("owncloud",)),
    ("SURFdrive", ("surfdrive",)),
    ("Box", ("box", "box sync")),
    ("pCloud", ("pcloud drive", "pclouddrive")),
    ("MEGA", ("mega", "megasync")),
    ("Proton Drive", ("proton drive", "protondrive")),
    ("Tresorit", ("tresorit",)),
)
# Root folders of the Google Drive virtual drive on Windows (G:\My Drive\...).
_GOOGLE_DRIVE_ROOTS = frozenset({"my drive", "mijn drive", "shared drives", "gedeelde drives"})


# ---------------------------------------------------------------- verdict helpers


def _refuse(reason: str, detail: str) -> LocationAssessment:
    """``reason``: the whole sentence, in the interface language."""
    return LocationAssessment(LocationVerdict.REFUSE_NETWORK, reason, detail)


def _sync_or_ok(path: str, platform: str, detail: str) -> LocationAssessment:
    provider = sync_provider(path, platform)
    if provider is None:
        return LocationAssessment(LocationVerdict.OK, "", detail)
    reason = _("Deze map wordt gesynchroniseerd met {provider}, dus het journaal zou naar een "
               "clouddienst worden gekopieerd.").format(provider=provider)
    return LocationAssessment(LocationVerdict.WARN_SYNC, reason, provider)


# ---------------------------------------------------------------- sync folders


def _matches_folder_name(component: str, name: str) -> bool:
    return (
        component == name
        or component.startswith(name + " - ")
        or (component.startswith(name + " (") and component.endswith(")"))
    )


def _provider_for(component: str) -> str | None:
    for provider, names in _SYNC_PROVIDERS:
        if any(_matches_folder_name(component, name) for name in names):
            return provider
    return None


def _cloud_storage_provider(folder: str) -> str:
    """Provider of a macOS ~/Library/CloudStorage/<Provider>-<account> folder."""
    prefix = folder.split("-", 1)[0]
    return _provider_for(prefix.casefold()) or prefix


def sync_provider(path: str, platform: str) -> str | None:
    """Name of the cloud-sync service whose folder contains ``path``, or None."""
    separators = r"[\\/]" if platform == "win32" else "/"
    parts = [part for part in re.split(separators, path) if part not in ("", ".")]
    folded = [part.casefold() for part in parts]
    for index, component in enumerate(folded):
        parent = folded[index - 1] if index > 0 else ""
        if parent == "library" and component == "mobile documents":
            return "iCloud Drive"
        if parent == "library" and component == "cloudstorage" and index + 1 < len(parts):
            return _cloud_storage_provider(parts[index + 1])
        if provider := _provider_for(component):
            return provider
    on_drive_root = platform == "win32" and re.fullmatch(r"[a-z]:", folded[0] if folded else "")
    if on_drive_root and len(folded) > 1 and folded[1] in _GOOGLE_DRIVE_ROOTS:
        return "Google Drive"
    return None


# ---------------------------------------------------------------- Linux


def _unescape_mountinfo(field: str) -> str:
    r"""Decode the octal escapes (\040 space, \011 tab, \012 newline, \134 backslash)."""
    return re.sub(r"\\([0-7]{3})", lambda match: chr(int(match.group(1), 8)), field)


def _parse_mountinfo(text: str) -> list[tuple[str, str, str]]:
    """(mount point, fstype, source) per mount, in file order. See proc(5)."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        try:
            separator = fields.index("-", 6)  # ends the optional fields
        except ValueError:
            continue  # malformed line
        if len(fields) < separator + 2:
            continue
        fstype = fields[separator + 1]
        source = _unescape_mountinfo(fields[separator + 2]) if len(fields) > separator + 2 else ""
        mounts.append((_unescape_mountinfo(fields[4]), fstype, source))
    return mounts


def _is_under(path: str, mount_point: str) -> bool:
    return mount_point == "/" or path == mount_point or path.startswith(mount_point + "/")


def _network_detail(path: str, mount_point: str, fstype: str, source: str) -> str | None:
    """A description of the remote filesystem, or None when the mount is local."""
    if fstype in NETWORK_FS_TYPES:
        return fstype
    if fstype == "fuse.gvfsd-fuse":
        first = posixpath.relpath(path, mount_point).split("/")[0]
        backend = first.split(":", 1)[0]
        return f"gvfs {backend}" if backend in _GVFS_NETWORK_BACKENDS else None
    if fstype == "fuse" or fstype.startswith("fuse."):
        # A bare "fuse" mount names its program only in the source ("sshfs#host:/dir").
        clue = source.casefold() if fstype == "fuse" else fstype
        if any(hint in clue for hint in _FUSE_NETWORK_HINTS):
            return fstype
    if _REMOTE_SOURCE.match(source):
        return f"{fstype} {source}"
    return None


def assess_linux(path: str, mountinfo_text: str) -> LocationAssessment:
    """Assess an absolute, resolved path using /proc/self/mountinfo contents."""
    path = posixpath.normpath(path)
    best: tuple[str, str, str] | None = None
    for mount in _parse_mountinfo(mountinfo_text):
        # ">=" so that the last of several mounts on the same point (the top one) wins.
        if _is_under(path, mount[0]) and (best is None or len(mount[0]) >= len(best[0])):
            best = mount
    if best is None:
        return _sync_or_ok(path, "linux", "unknown")
    mount_point, fstype, source = best
    detail = _network_detail(path, mount_point, fstype, source)
    if detail is not None:
        return _refuse(_("Deze map staat op een netwerkschijf ({detail}) en een journaal mag "
                         "nooit op het netwerk staan.").format(detail=detail), detail)
    return _sync_or_ok(path, "linux", fstype)


# ---------------------------------------------------------------- Windows


def assess_windows(path: str, drive_type: Callable[[str], int]) -> LocationAssessment:
    """Assess a Windows path; ``drive_type`` behaves like GetDriveTypeW("X:\\")."""
    normalized = path.replace("/", "\\")
    if normalized.startswith(("\\\\?\\", "\\\\.\\")):  # \\?\C:\... or \\?\UNC\server\...
        rest = normalized[4:]
        normalized = "\\\\" + rest[4:] if rest.upper().startswith("UNC\\") else rest
    if normalized.startswith("\\\\"):
        server = normalized[2:].split("\\", 1)[0] or _("onbekend")
        return _refuse(_("Deze map staat op een netwerkshare van server {server} en een journaal "
                         "mag nooit op het netwerk staan.").format(server=server), server)
    drive = re.match(r"([A-Za-z]):", normalized)
    if drive is None:
        return _sync_or_ok(normalized, "win32", "unknown")
    letter = drive.group(1).upper()
    try:
        kind = drive_type(f"{letter}:\\")
    except OSError:
        kind = 0
    if kind == _DRIVE_REMOTE:
        return _refuse(_("Station {letter}: is een netwerkschijf en een journaal mag nooit op het "
                         "netwerk staan.").format(letter=letter), f"{letter}:")
    return _sync_or_ok(normalized, "win32", _DRIVE_TYPE_NAMES.get(kind, "unknown"))


# ---------------------------------------------------------------- macOS


def assess_macos(path: str, fs_type_name: str) -> LocationAssessment:
    """Assess a path given its statfs ``f_fstypename``."""
    fs_type = fs_type_name.strip().casefold()
    if fs_type in _MACOS_NETWORK_FS_TYPES:
        return _refuse(_("Deze map staat op een netwerkschijf ({detail}) en een journaal mag "
                         "nooit op het netwerk staan.").format(detail=fs_type), fs_type)
    return _sync_or_ok(path, "darwin", fs_type or "unknown")


# ---------------------------------------------------------------- real probe

_MOUNTINFO = "/proc/self/mountinfo"

# struct statfs with 64-bit inodes (the only layout on arm64): f_fstypename[16] sits
# after 2 x uint32, 5 x uint64, fsid_t, uid_t and 3 x uint32; the struct is 2168 bytes.
_STATFS64_SIZE = 2168
_STATFS64_FSTYPENAME = slice(72, 88)


def _macos_fs_type(path: str) -> str | None:
    try:
        libc = ctypes.CDLL("/usr/lib/libSystem.B.dylib", use_errno=True)
        arm64 = _platform_module.machine() == "arm64"
        names = ("statfs",) if arm64 else ("statfs$INODE64", "statfs64")
        for name in names:
            try:
                statfs = libc[name]
            except AttributeError:
                continue
            statfs.argtypes = (ctypes.c_char_p, ctypes.c_void_p)
            statfs.restype = ctypes.c_int
            buffer = ctypes.create_string_buffer(_STATFS64_SIZE + 256)  # spare room
            if statfs(os.fsencode(path), buffer) != 0:
                return None
            return buffer.raw[_STATFS64_FSTYPENAME].split(b"\0", 1)[0].decode("ascii")
    except (OSError, ValueError):
        pass
    return None


def _windows_drive_type(root: str) -> int:
    try:
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        kernel32.GetDriveTypeW.argtypes = (ctypes.c_wchar_p,)
        kernel32.GetDriveTypeW.restype = ctypes.c_uint
        return int(kernel32.GetDriveTypeW(root))
    except (AttributeError, OSError):
        return 0  # DRIVE_UNKNOWN


def _resolve(path: str | os.PathLike[str]) -> tuple[Path, Path]:
    """(resolved path, its nearest existing ancestor or itself)."""
    try:
        resolved = Path(path).resolve()
    except (OSError, RuntimeError):  # RuntimeError: symlink loop on Python 3.11
        resolved = Path(os.path.abspath(path))
    existing = resolved
    while not os.path.exists(existing) and existing.parent != existing:  # never raises
        existing = existing.parent
    return resolved, existing


def assess_location(
    path: str | os.PathLike[str], platform: str | None = None
) -> LocationAssessment:
    """Probe the running system for ``path`` (the journal file or its folder)."""
    platform = platform or sys.platform
    resolved, existing = _resolve(path)
    if platform.startswith("linux"):
        try:
            with open(_MOUNTINFO, encoding="utf-8", errors="surrogateescape") as handle:
                mountinfo = handle.read()
        except OSError:
            return _sync_or_ok(str(resolved), "linux", "unknown")
        return assess_linux(str(resolved), mountinfo)
    if platform == "win32":
        return assess_windows(str(resolved), _windows_drive_type)
    if platform == "darwin":
        fs_type = _macos_fs_type(str(existing))
        if fs_type is None:
            return _sync_or_ok(str(resolved), "darwin", "unknown")
        return assess_macos(str(resolved), fs_type)
    return _sync_or_ok(str(resolved), platform, "unknown")
