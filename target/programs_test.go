package target

import (
	"os"
	"os/exec"
	"sort"
	"strings"
	"testing"
)

// The Debian lists are read from Debian 12; on such a host they must still
// say what the host's busybox-static and required packages install.
func TestProgramLists(t *testing.T) {
	release, err := os.ReadFile("/etc/debian_version")
	if err != nil || !strings.HasPrefix(string(release), "12.") {
		t.Skip("not Debian 12: the lists cannot be compared with this host")
	}
	if out, err := exec.Command(busyboxPath, "--list-full").Output(); err != nil {
		t.Logf("no busybox-static (apt-get install busybox-static): %v", err)
	} else {
		var got []string
		for _, p := range strings.Fields(string(out)) {
			got = append(got, "/"+p)
		}
		sort.Strings(got)
		if strings.Join(got, " ") != strings.Join(debianBusyboxPaths, " ") {
			t.Errorf("busybox --list-full differs from debianBusyboxPaths:\n%s", strings.Join(got, " "))
		}
	}
	out, err := exec.Command("sh", "-c", `dpkg -L $(dpkg-query -W -f='${Package} ${Priority}\n' | awk '$2=="required"{print $1}')`).Output()
	if err != nil {
		t.Skipf("dpkg: %v", err)
	}
	have := map[string]bool{}
	for _, p := range strings.Split(string(out), "\n") {
		if !strings.HasPrefix(p, "/") {
			continue // "package diverts others to: ...": not a file of the package
		}
		if dir, name, _ := strings.Cut(strings.TrimPrefix(p, "/usr"), "/bin/"); name != "" && !strings.Contains(name, "/") &&
			(dir == "" || dir == "/s") {
			have[name] = true
		}
		if dir, name, _ := strings.Cut(strings.TrimPrefix(p, "/usr"), "/sbin/"); dir == "" && name != "" && !strings.Contains(name, "/") {
			have[name] = true
		}
	}
	for _, name := range debianRequiredPrograms {
		if !have[name] && name != "awk" && name != "which" {
			t.Errorf("%s is not installed by Debian 12's required packages here", name)
		}
	}
	for name := range have {
		if !contains(debianRequiredPrograms, name) {
			t.Errorf("Debian 12's required packages install %s, which debianRequiredPrograms lacks", name)
		}
	}
}

// Every program the alpine preset claims present is an applet of Alpine's
// busybox configuration, and the claims the exec check makes most often
// hold: a shell and date, no git, curl or bash.
func TestAlpineApplets(t *testing.T) {
	for _, p := range []string{"sh", "ash", "date", "wget", "tar", "gzip", "nc", "ping"} {
		if !contains(alpineBusyboxApplets, p) {
			t.Errorf("%s missing from alpine's applets", p)
		}
	}
	for _, p := range []string{"git", "curl", "bash", "ssh", "python3", "openssl"} {
		if contains(alpineBusyboxApplets, p) || contains(alpineMaybe, p) {
			t.Errorf("%s listed for alpine", p)
		}
	}
	if !sort.StringsAreSorted(alpineBusyboxApplets) || !sort.StringsAreSorted(debianRequiredPrograms) {
		t.Error("program lists must stay sorted")
	}
}
