// Branches taken only on another operating system never run in a Linux
// image: the programs they run are not reported.
package main

import (
	"os/exec"
	"runtime"
)

// syncthing's lib/build.
var IsDarwin = runtime.GOOS == "darwin"

// syncthing's openURL.
func openURL(url string) error {
	if IsDarwin {
		return exec.Command("open", url).Run()
	}
	return exec.Command("xdg-open", url).Run() // want `exec.Command\("xdg-open"\) fails on scratch`
}

func clipboard() error {
	if runtime.GOOS == "windows" {
		return exec.Command("clip").Run()
	}
	if runtime.GOOS != "linux" {
		return exec.Command("pbcopy").Run()
	}
	if runtime.GOOS == "linux" {
		return exec.Command("xclip").Run() // want `exec.Command\("xclip"\) fails on scratch`
	} else {
		return exec.Command("pbpaste").Run()
	}
}

func service() error {
	switch runtime.GOOS {
	case "darwin", "freebsd":
		return exec.Command("launchctl").Run()
	case "linux":
		return exec.Command("systemctl").Run() // want `exec.Command\("systemctl"\) fails on scratch`
	default:
		return exec.Command("sc").Run() // want `exec.Command\("sc"\) fails on scratch`
	}
}

// Another OS however reached: through &&, in a closure made there.
func reachedElsewhere(verbose bool) {
	if verbose && runtime.GOOS == "darwin" {
		exec.Command("say").Run()
	}
	if runtime.GOOS == "darwin" {
		go func() {
			exec.Command("caffeinate").Run()
		}()
	}
}

// Not another OS: unknown conditions, the else of a test for android, ||.
func nearMisses(verbose bool) {
	if verbose {
		exec.Command("less").Run() // want `exec.Command\("less"\) fails on scratch`
	}
	if runtime.GOOS != "android" {
		exec.Command("logcat").Run() // want `exec.Command\("logcat"\) fails on scratch`
	}
	if runtime.GOOS == "android" {
		exec.Command("am").Run()
	} else {
		exec.Command("ip").Run() // want `exec.Command\("ip"\) fails on scratch`
	}
	if verbose || runtime.GOOS == "darwin" {
		exec.Command("say").Run() // want `exec.Command\("say"\) fails on scratch`
	}
}

func main() {
	openURL("http://localhost")
	clipboard()
	service()
	reachedElsewhere(true)
	nearMisses(true)
}
