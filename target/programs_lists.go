package target

// Program lists of the named program sets (programs.go). Each list is data
// read from its source, kept as it was read; TestProgramLists compares the
// Debian ones with the build host when it is that Debian release.

// alpineBusyboxApplets are the applets enabled in Alpine's busybox
// configuration (alpinelinux/aports, main/busybox/busyboxconfig, the
// newest version this project could read: busybox 1.29.2, aports
// f246c37), plus busybox itself. Alpine's busybox package installs a link
// for each of them.
var alpineBusyboxApplets = []string{
	"[", "[[", "acpid", "add-shell", "addgroup", "adduser", "adjtimex", "arch", "arp", "arping",
	"ash", "awk", "base64", "basename", "bbconfig", "beep", "blkdiscard", "blkid", "blockdev",
	"brctl", "bunzip2", "busybox", "bzcat", "bzip2", "cal", "cat", "chgrp", "chmod", "chown",
	"chpasswd", "chroot", "chvt", "cksum", "clear", "cmp", "comm", "conspy", "cp", "cpio", "crond",
	"crontab", "cryptpw", "cut", "date", "dc", "dd", "deallocvt", "delgroup", "deluser", "depmod",
	"df", "diff", "dirname", "dmesg", "dnsdomainname", "dos2unix", "du", "dumpkmap", "dumpleases",
	"echo", "ed", "egrep", "eject", "env", "ether-wake", "expand", "expr", "factor", "fallocate",
	"false", "fatattr", "fbset", "fbsplash", "fdflush", "fdformat", "fdisk", "fgrep", "find",
	"findfs", "flock", "fold", "free", "fsck", "fstrim", "fsync", "fuser", "getopt", "getty", "grep",
	"groups", "gunzip", "gzip", "halt", "hd", "hdparm", "head", "hexdump", "hostid", "hostname",
	"hwclock", "id", "ifconfig", "ifdown", "ifenslave", "ifup", "init", "inotifyd", "insmod",
	"install", "ionice", "iostat", "ip", "ipaddr", "ipcalc", "ipcrm", "ipcs", "iplink", "ipneigh",
	"iproute", "iprule", "iptunnel", "kbd_mode", "kill", "killall", "killall5", "klogd", "less",
	"link", "linux32", "linux64", "ln", "loadfont", "loadkmap", "logger", "login", "logread",
	"losetup", "ls", "lsmod", "lsof", "lspci", "lsusb", "lzcat", "lzma", "lzop", "lzopcat",
	"makemime", "md5sum", "mdev", "mesg", "microcom", "mkdir", "mkdosfs", "mkfifo", "mkfs.vfat",
	"mknod", "mkpasswd", "mkswap", "mktemp", "modinfo", "modprobe", "more", "mount", "mountpoint",
	"mpstat", "mv", "nameif", "nanddump", "nandwrite", "nbd-client", "nc", "netstat", "nice", "nl",
	"nmeter", "nohup", "nologin", "nproc", "nsenter", "nslookup", "ntpd", "od", "openvt", "partprobe",
	"passwd", "paste", "patch", "pgrep", "pidof", "ping", "ping6", "pipe_progress", "pkill", "pmap",
	"poweroff", "powertop", "printenv", "printf", "ps", "pscan", "pstree", "pwd", "pwdx",
	"raidautorun", "rdate", "rdev", "readahead", "readlink", "readprofile", "realpath", "reboot",
	"reformime", "remove-shell", "renice", "reset", "resize", "rev", "rfkill", "rm", "rmdir", "rmmod",
	"route", "run-parts", "sed", "sendmail", "seq", "setconsole", "setfont", "setkeycodes",
	"setlogcons", "setpriv", "setserial", "setsid", "sh", "sha1sum", "sha256sum", "sha3sum",
	"sha512sum", "showkey", "shred", "shuf", "slattach", "sleep", "smemcap", "sort", "split", "stat",
	"strings", "stty", "su", "sum", "swapoff", "swapon", "switch_root", "sync", "sysctl", "syslogd",
	"tac", "tail", "tar", "tee", "test", "time", "timeout", "top", "touch", "tr", "traceroute",
	"traceroute6", "true", "truncate", "tty", "ttysize", "tunctl", "udhcpc", "udhcpc6", "umount",
	"uname", "unexpand", "uniq", "unix2dos", "unlink", "unlzma", "unlzop", "unshare", "unxz", "unzip",
	"uptime", "usleep", "uudecode", "uuencode", "vconfig", "vi", "vlock", "volname", "watch",
	"watchdog", "wc", "wget", "which", "whoami", "whois", "xargs", "xxd", "xzcat", "yes", "zcat",
}

// alpineMaybe are programs an alpine image may have that scratchvet does
// not claim either way: the applets of another busybox configuration
// (Debian 12's busybox-static 1.35, `busybox --list`), which newer Alpine
// releases may have enabled, and the programs of Alpine's base packages
// besides busybox (apk-tools, musl-utils, scanelf, ssl_client).
var alpineMaybe = []string{
	"apk", "ar", "ascii", "bc", "crc32", "cttyhack", "devmem", "dpkg", "dpkg-deb", "freeramdisk",
	"fsfreeze", "ftpget", "ftpput", "getconf", "getent", "httpd", "i2cdetect", "i2cdump", "i2cget",
	"i2cset", "i2ctransfer", "iconv", "last", "ldconfig", "ldd", "linuxrc", "logname", "lsscsi",
	"mim", "mke2fs", "mt", "nuke", "pivot_root", "resume", "rpm", "rpm2cpio", "run-init", "scanelf",
	"ssl_client", "start-stop-daemon", "sulogin", "svc", "svok", "taskset", "tc", "telnet", "telnetd",
	"tftp", "ts", "ubirename", "udhcpd", "uevent", "uncompress", "w", "who", "xz",
}

// debianBusyboxPaths are where Debian 12's busybox-static 1.35 installs its
// applets (`busybox --list-full`). The runtime-truth root filesystems
// realise a program set with links to that busybox at these paths.
var debianBusyboxPaths = []string{
	"/bin/arch", "/bin/ash", "/bin/base64", "/bin/busybox", "/bin/cat", "/bin/chgrp", "/bin/chmod",
	"/bin/chown", "/bin/cp", "/bin/cpio", "/bin/cttyhack", "/bin/date", "/bin/dd", "/bin/df",
	"/bin/dmesg", "/bin/dnsdomainname", "/bin/dumpkmap", "/bin/echo", "/bin/ed", "/bin/egrep",
	"/bin/false", "/bin/fatattr", "/bin/fgrep", "/bin/getopt", "/bin/grep", "/bin/gunzip",
	"/bin/gzip", "/bin/hostname", "/bin/ionice", "/bin/ipcalc", "/bin/kill", "/bin/link",
	"/bin/linux32", "/bin/linux64", "/bin/ln", "/bin/login", "/bin/ls", "/bin/lzop", "/bin/mkdir",
	"/bin/mknod", "/bin/mktemp", "/bin/more", "/bin/mount", "/bin/mt", "/bin/mv", "/bin/netstat",
	"/bin/nuke", "/bin/pidof", "/bin/ping", "/bin/ping6", "/bin/ps", "/bin/pwd", "/bin/readlink",
	"/bin/resume", "/bin/rev", "/bin/rm", "/bin/rmdir", "/bin/rpm", "/bin/run-parts", "/bin/sed",
	"/bin/setpriv", "/bin/sh", "/bin/sleep", "/bin/stat", "/bin/stty", "/bin/su", "/bin/sync",
	"/bin/tar", "/bin/touch", "/bin/true", "/bin/umount", "/bin/uname", "/bin/uncompress",
	"/bin/usleep", "/bin/vi", "/bin/watch", "/bin/zcat", "/linuxrc", "/sbin/acpid", "/sbin/adjtimex",
	"/sbin/arp", "/sbin/blockdev", "/sbin/depmod", "/sbin/devmem", "/sbin/fdisk", "/sbin/findfs",
	"/sbin/freeramdisk", "/sbin/fstrim", "/sbin/getty", "/sbin/halt", "/sbin/hwclock",
	"/sbin/ifconfig", "/sbin/ifdown", "/sbin/ifup", "/sbin/init", "/sbin/insmod", "/sbin/ip",
	"/sbin/ipneigh", "/sbin/klogd", "/sbin/loadkmap", "/sbin/logread", "/sbin/losetup", "/sbin/lsmod",
	"/sbin/mdev", "/sbin/mkdosfs", "/sbin/mke2fs", "/sbin/mkswap", "/sbin/modinfo", "/sbin/modprobe",
	"/sbin/nameif", "/sbin/pivot_root", "/sbin/poweroff", "/sbin/reboot", "/sbin/rmmod",
	"/sbin/route", "/sbin/run-init", "/sbin/start-stop-daemon", "/sbin/sulogin", "/sbin/swapoff",
	"/sbin/swapon", "/sbin/switch_root", "/sbin/sysctl", "/sbin/syslogd", "/sbin/tc", "/sbin/tunctl",
	"/sbin/udhcpc", "/sbin/uevent", "/sbin/vconfig", "/sbin/watchdog", "/usr/bin/[", "/usr/bin/[[",
	"/usr/bin/ar", "/usr/bin/ascii", "/usr/bin/awk", "/usr/bin/basename", "/usr/bin/bc",
	"/usr/bin/blkdiscard", "/usr/bin/bunzip2", "/usr/bin/bzcat", "/usr/bin/bzip2", "/usr/bin/cal",
	"/usr/bin/chvt", "/usr/bin/clear", "/usr/bin/cmp", "/usr/bin/crc32", "/usr/bin/crontab",
	"/usr/bin/cut", "/usr/bin/dc", "/usr/bin/deallocvt", "/usr/bin/diff", "/usr/bin/dirname",
	"/usr/bin/dos2unix", "/usr/bin/dpkg", "/usr/bin/dpkg-deb", "/usr/bin/du", "/usr/bin/dumpleases",
	"/usr/bin/env", "/usr/bin/expand", "/usr/bin/expr", "/usr/bin/factor", "/usr/bin/fallocate",
	"/usr/bin/find", "/usr/bin/fold", "/usr/bin/free", "/usr/bin/ftpget", "/usr/bin/ftpput",
	"/usr/bin/groups", "/usr/bin/head", "/usr/bin/hexdump", "/usr/bin/hostid", "/usr/bin/id",
	"/usr/bin/killall", "/usr/bin/last", "/usr/bin/less", "/usr/bin/logger", "/usr/bin/logname",
	"/usr/bin/lsscsi", "/usr/bin/lzcat", "/usr/bin/lzma", "/usr/bin/md5sum", "/usr/bin/microcom",
	"/usr/bin/mkfifo", "/usr/bin/mkpasswd", "/usr/bin/nc", "/usr/bin/nl", "/usr/bin/nproc",
	"/usr/bin/nsenter", "/usr/bin/nslookup", "/usr/bin/od", "/usr/bin/openvt", "/usr/bin/passwd",
	"/usr/bin/paste", "/usr/bin/patch", "/usr/bin/printf", "/usr/bin/realpath", "/usr/bin/renice",
	"/usr/bin/reset", "/usr/bin/rpm2cpio", "/usr/bin/seq", "/usr/bin/setkeycodes", "/usr/bin/setsid",
	"/usr/bin/sha1sum", "/usr/bin/sha256sum", "/usr/bin/sha3sum", "/usr/bin/sha512sum",
	"/usr/bin/shred", "/usr/bin/shuf", "/usr/bin/sort", "/usr/bin/ssl_client", "/usr/bin/strings",
	"/usr/bin/svc", "/usr/bin/svok", "/usr/bin/tac", "/usr/bin/tail", "/usr/bin/taskset",
	"/usr/bin/tee", "/usr/bin/telnet", "/usr/bin/test", "/usr/bin/tftp", "/usr/bin/time",
	"/usr/bin/timeout", "/usr/bin/top", "/usr/bin/tr", "/usr/bin/traceroute", "/usr/bin/traceroute6",
	"/usr/bin/truncate", "/usr/bin/ts", "/usr/bin/tty", "/usr/bin/unexpand", "/usr/bin/uniq",
	"/usr/bin/unix2dos", "/usr/bin/unlink", "/usr/bin/unlzma", "/usr/bin/unshare", "/usr/bin/unxz",
	"/usr/bin/unzip", "/usr/bin/uptime", "/usr/bin/uudecode", "/usr/bin/uuencode", "/usr/bin/w",
	"/usr/bin/wc", "/usr/bin/wget", "/usr/bin/which", "/usr/bin/who", "/usr/bin/whoami",
	"/usr/bin/xargs", "/usr/bin/xxd", "/usr/bin/xz", "/usr/bin/xzcat", "/usr/bin/yes",
	"/usr/sbin/arping", "/usr/sbin/brctl", "/usr/sbin/chroot", "/usr/sbin/crond",
	"/usr/sbin/fsfreeze", "/usr/sbin/httpd", "/usr/sbin/i2cdetect", "/usr/sbin/i2cdump",
	"/usr/sbin/i2cget", "/usr/sbin/i2cset", "/usr/sbin/i2ctransfer", "/usr/sbin/loadfont",
	"/usr/sbin/mim", "/usr/sbin/nologin", "/usr/sbin/partprobe", "/usr/sbin/rdate",
	"/usr/sbin/telnetd", "/usr/sbin/ubirename", "/usr/sbin/udhcpd",
}

// debianRequiredPrograms are the programs that Debian 12's packages of
// priority "required" install in /bin, /sbin, /usr/bin and /usr/sbin (what
// a debian:bookworm image has before any apt-get install), from
// `dpkg -L`, plus the alternatives links awk and which.
var debianRequiredPrograms = []string{
	"[", "add-shell", "addpart", "agetty", "apt", "apt-cache", "apt-cdrom", "apt-config", "apt-get",
	"apt-key", "apt-mark", "arch", "awk", "b2sum", "badblocks", "base32", "base64", "basename",
	"basenc", "bash", "bashbug", "blkdiscard", "blkid", "blkzone", "blockdev", "captoinfo", "cat",
	"chage", "chattr", "chcon", "chcpu", "chfn", "chgpasswd", "chgrp", "chmem", "chmod", "choom",
	"chown", "chpasswd", "chroot", "chrt", "chsh", "cksum", "clear", "clear_console", "cmp", "comm",
	"cp", "cpgr", "cppw", "csplit", "ctrlaltdel", "cut", "dash", "date", "dd", "deb-systemd-helper",
	"deb-systemd-invoke", "debconf", "debconf-apt-progress", "debconf-communicate", "debconf-copydb",
	"debconf-escape", "debconf-set-selections", "debconf-show", "debugfs", "delpart", "df", "diff",
	"diff3", "dir", "dircolors", "dirname", "dmesg", "dnsdomainname", "domainname", "dpkg",
	"dpkg-deb", "dpkg-divert", "dpkg-fsys-usrunmess", "dpkg-maintscript-helper", "dpkg-preconfigure",
	"dpkg-query", "dpkg-realpath", "dpkg-reconfigure", "dpkg-split", "dpkg-statoverride",
	"dpkg-trigger", "du", "dumpe2fs", "e2freefrag", "e2fsck", "e2image", "e2label", "e2mmpstatus",
	"e2scrub", "e2scrub_all", "e2undo", "e4crypt", "e4defrag", "echo", "egrep", "env", "expand",
	"expiry", "expr", "factor", "faillock", "faillog", "fallocate", "false", "fgrep", "filefrag",
	"find", "findfs", "findmnt", "flock", "fmt", "fold", "fsck", "fsck.cramfs", "fsck.ext2",
	"fsck.ext3", "fsck.ext4", "fsck.minix", "fsfreeze", "fstab-decode", "fstrim", "getconf", "getent",
	"getopt", "getty", "gpasswd", "grep", "groupadd", "groupdel", "groupmems", "groupmod", "groups",
	"grpck", "grpconv", "grpunconv", "gunzip", "gzexe", "gzip", "hardlink", "head", "hostid",
	"hostname", "i386", "iconv", "iconvconfig", "id", "infocmp", "infotocap", "install",
	"installkernel", "invoke-rc.d", "ionice", "ipcmk", "ipcrm", "ipcs", "ischroot", "isosize", "join",
	"killall5", "last", "lastb", "lastlog", "ld.so", "ldattach", "ldconfig", "ldd", "link", "linux32",
	"linux64", "ln", "locale", "localedef", "logger", "login", "logname", "losetup", "ls", "lsattr",
	"lsblk", "lscpu", "lsipc", "lslocks", "lslogins", "lsmem", "lsns", "mawk", "mcookie", "md5sum",
	"md5sum.textutils", "mesg", "mkdir", "mke2fs", "mkfifo", "mkfs", "mkfs.bfs", "mkfs.cramfs",
	"mkfs.ext2", "mkfs.ext3", "mkfs.ext4", "mkfs.minix", "mkhomedir_helper", "mklost+found", "mknod",
	"mkswap", "mktemp", "more", "mount", "mountpoint", "mv", "namei", "newgrp", "newusers", "nice",
	"nisdomainname", "nl", "nohup", "nologin", "nproc", "nsenter", "numfmt", "od", "pam-auth-update",
	"pam_getenv", "pam_namespace_helper", "pam_timestamp_check", "partx", "passwd", "paste",
	"pathchk", "perl", "perl5.36.0", "pidof", "pinky", "pivot_root", "pldd", "pr", "printenv",
	"printf", "prlimit", "ptx", "pwck", "pwconv", "pwd", "pwhistory_helper", "pwunconv", "rbash",
	"readlink", "readprofile", "realpath", "remove-shell", "rename.ul", "renice", "reset",
	"resize2fs", "resizepart", "rev", "rgrep", "rm", "rmdir", "rmt-tar", "rtcwake", "run-parts",
	"runcon", "runuser", "savelog", "script", "scriptlive", "scriptreplay", "sdiff", "sed",
	"select-editor", "sensible-browser", "sensible-editor", "sensible-pager", "seq", "service",
	"setarch", "setpriv", "setsid", "setterm", "sg", "sh", "sha1sum", "sha224sum", "sha256sum",
	"sha384sum", "sha512sum", "shadowconfig", "shred", "shuf", "sleep", "sort", "split",
	"start-stop-daemon", "stat", "stdbuf", "stty", "su", "sulogin", "sum", "swaplabel", "swapoff",
	"swapon", "switch_root", "sync", "tabs", "tac", "tail", "tar", "tarcat", "taskset", "tee",
	"tempfile", "test", "tic", "timeout", "toe", "touch", "tput", "tr", "true", "truncate", "tset",
	"tsort", "tty", "tune2fs", "tzselect", "uclampset", "umount", "uname", "uncompress", "unexpand",
	"uniq", "unix_chkpwd", "unix_update", "unlink", "unshare", "update-alternatives", "update-passwd",
	"update-rc.d", "update-shells", "useradd", "userdel", "usermod", "users", "utmpdump", "vdir",
	"vigr", "vipw", "wall", "wc", "wdctl", "whereis", "which", "which.debianutils", "who", "whoami",
	"wipefs", "x86_64", "xargs", "yes", "ypdomainname", "zcat", "zcmp", "zdiff", "zdump", "zegrep",
	"zfgrep", "zforce", "zgrep", "zic", "zless", "zmore", "znew", "zramctl",
}
