"""Tests for vp_desktop.storage.location_guard (pure Python, no Qt)."""

from __future__ import annotations

import pytest

from vp_desktop.storage import location_guard
from vp_desktop.storage.location_guard import (
    NETWORK_FS_TYPES,
    LocationAssessment,
    LocationVerdict,
    assess_linux,
    assess_location,
    assess_macos,
    assess_windows,
    sync_provider,
)

OK = LocationVerdict.OK
WARN = LocationVerdict.WARN_SYNC
REFUSE = LocationVerdict.REFUSE_NETWORK

# A Debian laptop: ext4 root and /home, tmpfs, a CIFS share, an NFSv4 home, sshfs, a USB
# stick whose label contains a space, gvfs/portal FUSE mounts and stacked mounts.
DEBIAN_MOUNTINFO = r"""
22 28 0:21 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw
23 28 0:22 / /proc rw,nosuid,nodev,noexec,relatime shared:13 - proc proc rw
24 28 0:5 / /dev rw,nosuid,relatime shared:2 - devtmpfs udev rw,size=8012345k,nr_inodes=2003086,mode=755,inode64
26 28 0:25 / /run rw,nosuid,nodev,noexec,relatime shared:5 - tmpfs tmpfs rw,size=1608564k,mode=755,inode64
28 1 259:2 / / rw,relatime shared:1 - ext4 /dev/nvme0n1p2 rw,errors=remount-ro
31 24 0:26 / /dev/shm rw,nosuid,nodev shared:3 - tmpfs tmpfs rw,inode64
45 28 259:1 / /boot/efi rw,relatime shared:29 - vfat /dev/nvme0n1p1 rw,fmask=0077,dmask=0077,codepage=437,iocharset=ascii,shortname=mixed,utf8,errors=remount-ro
47 28 259:3 / /home rw,relatime shared:31 - ext4 /dev/nvme0n1p3 rw
52 28 0:45 / /tmp rw,nosuid,nodev shared:33 - tmpfs tmpfs rw,size=8042820k,inode64
60 26 0:50 / /run/user/1000 rw,nosuid,nodev,relatime shared:400 - tmpfs tmpfs rw,size=1608560k,nr_inodes=402140,mode=700,uid=1000,gid=1000,inode64
61 60 0:51 / /run/user/1000/gvfs rw,nosuid,nodev,relatime shared:420 - fuse.gvfsd-fuse gvfsd-fuse rw,user_id=1000,group_id=1000
62 60 0:52 / /run/user/1000/doc rw,nosuid,nodev,relatime shared:430 - fuse.portal portal rw,user_id=1000,group_id=1000
70 28 0:60 / /mnt/gemeente-H rw,relatime shared:450 - cifs //fs01.gemeente.local/home$/vp rw,vers=3.1.1,cache=strict,username=vp,domain=GEMEENTE,uid=1000,forceuid,gid=1000,forcegid,addr=10.1.2.3,file_mode=0755,dir_mode=0755,soft,nounix,serverino,mapposix,rsize=4194304,wsize=4194304,bsize=1048576,echo_interval=60,actimeo=1
71 47 0:61 / /home/nfsuser rw,relatime shared:460 - nfs4 nas01:/export/home/nfsuser rw,vers=4.2,rsize=1048576,wsize=1048576,namlen=255,hard,proto=tcp,timeo=600,retrans=2,sec=sys,clientaddr=10.1.2.50,local_lock=none,addr=10.1.2.4
72 47 0:62 / /home/vp/remote rw,nosuid,nodev,relatime shared:470 - fuse.sshfs vp@backup.example.nl:/srv/vp rw,user_id=1000,group_id=1000
73 28 8:17 / /media/vp/Mijn\040Schijf rw,nosuid,nodev,relatime shared:480 - vfat /dev/sdb1 rw,uid=1000,gid=1000,fmask=0022,dmask=0022,codepage=437,iocharset=ascii,shortname=mixed,showexec,utf8,flush,errors=remount-ro
74 28 0:63 / /mnt/share rw,relatime shared:490 - smb3 //fs02/share rw,vers=3.0
75 28 8:33 / /mnt/stack rw,relatime shared:500 - ext4 /dev/sdc1 rw
76 75 0:64 / /mnt/stack rw,relatime shared:510 - nfs nas01:/export/stack rw,vers=3,addr=10.1.2.4
77 28 0:65 / /mnt/usb rw,relatime shared:520 - nfs nas01:/export/usb rw,vers=3,addr=10.1.2.4
78 77 8:49 / /mnt/usb rw,relatime shared:530 - ext4 /dev/sdd1 rw
79 47 0:66 / /home/vp/gdrive rw,nosuid,nodev,relatime shared:540 - fuse.rclone gdrive: rw,user_id=1000,group_id=1000
80 47 0:67 / /home/vp/oud rw,nosuid,nodev,relatime shared:550 - fuse sshfs#vp@oud.example.nl:/srv rw,user_id=1000,group_id=1000
81 47 0:68 / /home/vp/Prive rw,nosuid,nodev,relatime shared:560 - fuse.gocryptfs /home/vp/nfs-kopie/.cipher rw,user_id=1000,group_id=1000
82 28 0:69 / /mnt/a\134b rw,relatime shared:570 - cifs //fs03/ab rw,vers=3.0
83 28 0:70 / /srv/export rw,relatime shared:580 - fuse.onbekend fs04:/srv/export rw
84 28 0:71 / /srv/team rw,relatime shared:590 - fuse.onbekend //fs05/team rw
"""


@pytest.mark.parametrize(
    ("path", "verdict", "detail"),
    [
        ("/home/vp/Documenten/journaal.vpj", OK, "ext4"),
        ("/home", OK, "ext4"),
        ("/opt/vp/journaal.vpj", OK, "ext4"),  # falls back to the root mount
        ("/tmp/journaal.vpj", OK, "tmpfs"),
        ("/home/vp/.local/share/VP Desktop/journaal.vpj", OK, "ext4"),
        ("/mnt/gemeente-H/journaal.vpj", REFUSE, "cifs"),
        ("/mnt/gemeente-H", REFUSE, "cifs"),
        ("/mnt/gemeente-H/../gemeente-H/j.vpj", REFUSE, "cifs"),  # normalised first
        ("/mnt/gemeente-Hoofd/journaal.vpj", OK, "ext4"),  # component-wise prefix only
        ("/home/nfsuser/journaal.vpj", REFUSE, "nfs4"),
        ("/home/vp/remote/journaal.vpj", REFUSE, "fuse.sshfs"),
        ("/home/vp/remote-not/journaal.vpj", OK, "ext4"),
        ("/media/vp/Mijn Schijf/journaal.vpj", OK, "vfat"),  # \040 decoded
        ("/media/vp/Mijn/journaal.vpj", OK, "ext4"),
        ("/mnt/share/journaal.vpj", REFUSE, "smb3"),
        ("/mnt/shared/journaal.vpj", OK, "ext4"),  # /mnt/share must not match
        ("/mnt/stack/journaal.vpj", REFUSE, "nfs"),  # nfs stacked on top of ext4
        ("/mnt/usb/journaal.vpj", OK, "ext4"),  # ext4 stacked on top of nfs
        ("/home/vp/gdrive/journaal.vpj", REFUSE, "fuse.rclone"),
        ("/home/vp/oud/journaal.vpj", REFUSE, "fuse"),  # legacy "sshfs#host:" source
        ("/home/vp/Prive/journaal.vpj", OK, "fuse.gocryptfs"),  # "nfs" only in a path
        ("/mnt/a\\b/journaal.vpj", REFUSE, "cifs"),  # \134 decoded
        ("/srv/export/journaal.vpj", REFUSE, "fuse.onbekend fs04:/srv/export"),  # host:/
        ("/srv/team/journaal.vpj", REFUSE, "fuse.onbekend //fs05/team"),  # //server/share
        (
            "/run/user/1000/gvfs/smb-share:server=fs01,share=home$/vp/j.vpj",
            REFUSE,
            "gvfs smb-share",
        ),
        ("/run/user/1000/gvfs/sftp:host=backup.example.nl/j.vpj", REFUSE, "gvfs sftp"),
        ("/run/user/1000/gvfs/mtp:host=Fairphone_5/j.vpj", OK, "fuse.gvfsd-fuse"),
        ("/run/user/1000/doc/1a2b3c/j.vpj", OK, "fuse.portal"),
    ],
)
def test_assess_linux_mount_table(path: str, verdict: LocationVerdict, detail: str) -> None:
    result = assess_linux(path, DEBIAN_MOUNTINFO)
    assert (result.verdict, result.detail) == (verdict, detail)


@pytest.mark.parametrize(
    ("path", "verdict", "detail"),
    [
        ("/home/vp/Dropbox/journaal.vpj", WARN, "Dropbox"),
        ("/home/vp/Nextcloud/VP/journaal.vpj", WARN, "Nextcloud"),
        ("/home/vp/remote/Dropbox/journaal.vpj", REFUSE, "fuse.sshfs"),  # network wins
        ("/mnt/gemeente-H/OneDrive/journaal.vpj", REFUSE, "cifs"),
        ("/home/vp/dropbox-notes-old/journaal.vpj", OK, "ext4"),
    ],
)
def test_assess_linux_sync_folders(path: str, verdict: LocationVerdict, detail: str) -> None:
    result = assess_linux(path, DEBIAN_MOUNTINFO)
    assert (result.verdict, result.detail) == (verdict, detail)


@pytest.mark.parametrize(
    "mountinfo",
    [
        "",
        "garbage without separator\n",
        "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3\n",  # no source field at all
    ],
)
def test_assess_linux_unknown_filesystem_is_ok(mountinfo: str) -> None:
    assert assess_linux("/home/vp/journaal.vpj", mountinfo) == LocationAssessment(OK, "", "unknown")
    assert assess_linux("/home/vp/Dropbox/j.vpj", mountinfo).verdict is WARN


def test_assess_linux_optional_fields_and_proc5_example() -> None:
    # The example line from proc(5), with two optional fields before the separator.
    line = "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 shared:2 - nfs /dev/root rw,errors=continue"
    assert assess_linux("/mnt2/j.vpj", line).verdict is REFUSE


def test_network_fs_types_cover_the_usual_suspects() -> None:
    for fstype in ("nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p", "ceph"):
        assert fstype in NETWORK_FS_TYPES
    for fstype in ("ext4", "btrfs", "xfs", "vfat", "tmpfs", "fuseblk", "overlay", "zfs"):
        assert fstype not in NETWORK_FS_TYPES


class FakeDriveType:
    """Stands in for GetDriveTypeW and records the roots it was asked about."""

    def __init__(self, remote: str = "", removable: str = "") -> None:
        self.remote, self.removable = remote, removable
        self.roots: list[str] = []

    def __call__(self, root: str) -> int:
        self.roots.append(root)
        if root[0] in self.remote:
            return 4  # DRIVE_REMOTE
        return 2 if root[0] in self.removable else 3  # DRIVE_REMOVABLE / DRIVE_FIXED


@pytest.mark.parametrize(
    ("path", "verdict", "detail", "roots"),
    [
        (r"C:\Users\vp\AppData\Local\VP Desktop\journaal.vpj", OK, "fixed", ["C:\\"]),
        (r"c:/users/vp/journaal.vpj", OK, "fixed", ["C:\\"]),
        (r"\\?\C:\Users\vp\journaal.vpj", OK, "fixed", ["C:\\"]),
        (r"E:\journaal.vpj", OK, "removable", ["E:\\"]),
        (r"H:\journaal.vpj", REFUSE, "H:", ["H:\\"]),
        (r"h:/VP/journaal.vpj", REFUSE, "H:", ["H:\\"]),
        (r"H:\OneDrive\journaal.vpj", REFUSE, "H:", ["H:\\"]),  # network beats sync
        (r"\\fs01\home$\vp\journaal.vpj", REFUSE, "fs01", []),
        (r"//fs01/home$/vp/journaal.vpj", REFUSE, "fs01", []),
        (r"\\?\UNC\fs01\x\journaal.vpj", REFUSE, "fs01", []),
        (r"\\?\unc\fs01\x", REFUSE, "fs01", []),
        (r"\\fs01\Dropbox\journaal.vpj", REFUSE, "fs01", []),
        (r"C:\Users\vp\OneDrive - Gemeente Utrecht\j.vpj", WARN, "OneDrive", ["C:\\"]),
        (r"C:\Users\vp\OneDrive\Documenten\j.vpj", WARN, "OneDrive", ["C:\\"]),
        (r"C:\Users\vp\Dropbox\VP\journaal.vpj", WARN, "Dropbox", ["C:\\"]),
        (r"C:\Users\vp\Dropbox (Persoonlijk)\j.vpj", WARN, "Dropbox", ["C:\\"]),
        (r"C:\Users\vp\iCloudDrive\j.vpj", WARN, "iCloud Drive", ["C:\\"]),
        (r"G:\Mijn Drive\VP\j.vpj", WARN, "Google Drive", ["G:\\"]),
        (r"C:\Users\vp\Documents\dropbox-oud\j.vpj", OK, "fixed", ["C:\\"]),
        (r"\Users\vp\journaal.vpj", OK, "unknown", []),  # no drive letter to ask about
    ],
)
def test_assess_windows(path: str, verdict: LocationVerdict, detail: str, roots: list[str]) -> None:
    drive_type = FakeDriveType(remote="H")
    if path.startswith("E:"):
        drive_type = FakeDriveType(removable="E")
    result = assess_windows(path, drive_type)
    assert (result.verdict, result.detail) == (verdict, detail)
    assert drive_type.roots == roots


def test_assess_windows_drive_type_failure_is_ok() -> None:
    def broken(root: str) -> int:
        raise OSError("device not ready")

    assert assess_windows(r"D:\j.vpj", broken) == LocationAssessment(OK, "", "unknown")


@pytest.mark.parametrize(
    ("path", "fs_type", "verdict", "detail"),
    [
        ("/Users/vp/Documents/VP/journaal.vpj", "apfs", OK, "apfs"),
        ("/Volumes/Backup/journaal.vpj", "hfs", OK, "hfs"),
        ("/Volumes/H/journaal.vpj", "smbfs", REFUSE, "smbfs"),
        ("/Volumes/Oud/journaal.vpj", "afpfs", REFUSE, "afpfs"),
        ("/Volumes/nas/journaal.vpj", "nfs", REFUSE, "nfs"),
        ("/Volumes/dav.example.nl/j.vpj", "webdav", REFUSE, "webdav"),
        ("/Volumes/Team/Dropbox/j.vpj", "SMBFS", REFUSE, "smbfs"),  # network beats sync
        (
            "/Users/vp/Library/Mobile Documents/com~apple~CloudDocs/j.vpj",
            "apfs",
            WARN,
            "iCloud Drive",
        ),
        ("/Users/vp/Library/CloudStorage/OneDrive-Gemeente/j.vpj", "apfs", WARN, "OneDrive"),
        (
            "/Users/vp/Library/CloudStorage/GoogleDrive-vp@gemeente.nl/Mijn Drive/j.vpj",
            "apfs",
            WARN,
            "Google Drive",
        ),
        ("/Users/vp/Library/CloudStorage/Dropbox/j.vpj", "apfs", WARN, "Dropbox"),
        ("/Users/vp/Library/CloudStorage/Box-Box/j.vpj", "apfs", WARN, "Box"),
        ("/Users/vp/Library/CloudStorage/Seafile-vp/j.vpj", "apfs", WARN, "Seafile"),
        ("/Users/vp/Library/CloudStorage", "apfs", OK, "apfs"),
        ("/Users/vp/journaal.vpj", "", OK, "unknown"),
    ],
)
def test_assess_macos(path: str, fs_type: str, verdict: LocationVerdict, detail: str) -> None:
    result = assess_macos(path, fs_type)
    assert (result.verdict, result.detail) == (verdict, detail)


@pytest.mark.parametrize(
    ("path", "platform", "provider"),
    [
        ("/home/vp/Dropbox/j.vpj", "linux", "Dropbox"),
        ("/home/vp/DROPBOX/j.vpj", "linux", "Dropbox"),
        ("/home/vp/Dropbox (Gemeente Utrecht)/j.vpj", "linux", "Dropbox"),
        ("/home/vp/OneDrive/j.vpj", "linux", "OneDrive"),
        ("/home/vp/Google Drive/Mijn Drive/j.vpj", "linux", "Google Drive"),
        ("/Volumes/GoogleDrive/My Drive/j.vpj", "darwin", "Google Drive"),
        ("/Users/vp/iCloud Drive/j.vpj", "darwin", "iCloud Drive"),
        ("/home/vp/Nextcloud/j.vpj", "linux", "Nextcloud"),
        ("/home/vp/ownCloud/j.vpj", "linux", "ownCloud"),
        ("/home/vp/SURFdrive/j.vpj", "linux", "SURFdrive"),
        ("/home/vp/pCloudDrive/j.vpj", "linux", "pCloud"),
        ("/home/vp/MEGA/j.vpj", "linux", "MEGA"),
        (r"C:\Users\vp\Box\j.vpj", "win32", "Box"),
        ("c:/users/vp/onedrive - gemeente utrecht/j.vpj", "win32", "OneDrive"),
        (r"G:\My Drive", "win32", "Google Drive"),
        # Only whole components count; substrings and look-alikes stay OK.
        ("/home/vp/dropbox-notes-old/j.vpj", "linux", None),
        ("/home/vp/mijn dropbox/j.vpj", "linux", None),
        ("/home/vp/OneDrive2/j.vpj", "linux", None),
        ("/home/vp/Documenten/Boxtel/j.vpj", "linux", None),
        (r"C:\Users\vp\My Drive\j.vpj", "win32", None),  # only at a drive root
        ("/home/vp/Sync/j.vpj", "linux", None),  # Syncthing's folder name is too generic
        # A backslash is an ordinary file-name character on Linux.
        (r"/home/vp/C:\Users\vp\OneDrive\j.vpj", "linux", None),
    ],
)
def test_sync_provider(path: str, platform: str, provider: str | None) -> None:
    assert sync_provider(path, platform) == provider


def test_reasons_are_dutch_and_name_the_cause() -> None:
    refused = assess_linux("/mnt/gemeente-H/j.vpj", DEBIAN_MOUNTINFO)
    assert refused.reason == (
        "Deze map staat op een netwerkschijf (cifs) en een journaal mag nooit op het netwerk staan."
    )
    unc = assess_windows(r"\\fs01\home$\j.vpj", FakeDriveType())
    assert "server fs01" in unc.reason
    drive = assess_windows(r"H:\j.vpj", FakeDriveType(remote="H"))
    assert drive.reason.startswith("Station H: is een netwerkschijf")
    synced = assess_linux("/home/vp/Dropbox/j.vpj", DEBIAN_MOUNTINFO)
    assert "Dropbox" in synced.reason
    assert "clouddienst" in synced.reason
    assert assess_linux("/home/vp/j.vpj", DEBIAN_MOUNTINFO).reason == ""


# ---------------------------------------------------------------- the real probe


def test_assess_location_on_this_machine(tmp_path) -> None:
    result = assess_location(tmp_path)
    assert result.verdict is OK
    assert result.reason == ""
    missing = assess_location(tmp_path / "nog-niet" / "journaal.vpj")
    assert missing.verdict is OK
    assert missing.detail == result.detail


def test_assess_location_resolves_symlinks(tmp_path) -> None:
    (tmp_path / "Dropbox").mkdir()
    (tmp_path / "veilig").symlink_to(tmp_path / "Dropbox")
    result = assess_location(tmp_path / "veilig" / "journaal.vpj")
    assert (result.verdict, result.detail) == (WARN, "Dropbox")


def test_assess_location_uses_mountinfo(tmp_path, monkeypatch) -> None:
    share = tmp_path / "share"
    share.mkdir()
    table = tmp_path / "mountinfo"
    table.write_text(
        "28 1 259:2 / / rw,relatime shared:1 - ext4 /dev/nvme0n1p2 rw\n"
        f"70 28 0:60 / {share.resolve()} rw,relatime - cifs //fs01/home$ rw,vers=3.1.1\n"
    )
    monkeypatch.setattr(location_guard, "_MOUNTINFO", str(table))
    assert assess_location(share / "journaal.vpj").verdict is REFUSE
    assert assess_location(tmp_path / "journaal.vpj").verdict is OK


def test_assess_location_without_mountinfo(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(location_guard, "_MOUNTINFO", str(tmp_path / "absent"))
    assert assess_location(tmp_path) == LocationAssessment(OK, "", "unknown")
    (tmp_path / "OneDrive").mkdir()
    assert assess_location(tmp_path / "OneDrive").verdict is WARN


@pytest.mark.parametrize("platform", ["darwin", "win32", "freebsd14"])
def test_assess_location_never_crashes_when_probing_fails(tmp_path, platform: str) -> None:
    # On this Linux machine the macOS/Windows probes cannot work; that must not raise.
    assert assess_location(tmp_path / "journaal.vpj", platform=platform).verdict is OK
