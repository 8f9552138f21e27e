// Probes: a program looked up or run whose absence the code absorbs (the
// error checked, a fallback taken, nothing returned, no exit) does not
// make the program fail. Runs whose failure is handed on or fatal do.
package main

import (
	"errors"
	"fmt"
	"log"
	"os"
	"os/exec"
)

func compressor() string {
	if _, err := exec.LookPath("zstd"); err == nil {
		return "zstd"
	}
	return "gzip"
}

func editor() string {
	path, err := exec.LookPath("vim")
	if err != nil {
		return "builtin"
	}
	return path
}

func version() string {
	out, err := exec.Command("git", "describe").Output()
	if err != nil {
		out = []byte("unknown")
	}
	return string(out)
}

func notify() {
	if err := exec.Command("notify-send", "done").Run(); err != nil {
		log.Printf("no notification: %v", err)
	}
}

// go-sockaddr: the error discarded, the empty path tells the failure.
func ipPath() string {
	path, _ := exec.LookPath("ip")
	if path == "" {
		path = "/sbin/ip"
	}
	return path
}

func lsPath() string {
	if p, _ := exec.LookPath("ls"); p != "" {
		return p
	}
	return "/bin/ls"
}

// smallstep/truststore: the fallback is a value made by a call, not an
// error.
func commandWithSudo(cmd ...string) *exec.Cmd {
	if _, err := exec.LookPath("sudo"); err != nil {
		return exec.Command(cmd[0], cmd[1:]...)
	}
	return exec.Command("sudo", append([]string{"--"}, cmd...)...)
}

// Not probes.

func emptyIsFatal() string {
	path, _ := exec.LookPath("ps") // want `exec.LookPath\("ps"\) fails on scratch`
	if path == "" {
		log.Fatal("ps is required")
	}
	return path
}

func emptyHandedOn() string {
	path, _ := exec.LookPath("top") // want `exec.LookPath\("top"\) fails on scratch`
	if path == "" {
		log.Print("no top")
	}
	return path
}

func mustHave() string {
	path, err := exec.LookPath("docker") // want `exec.LookPath\("docker"\) fails on scratch`
	if err != nil {
		log.Fatalf("docker is required: %v", err)
	}
	return path
}

func handedOn() error {
	if err := exec.Command("tar", "xf", "a.tar").Run(); err != nil { // want `exec.Command\("tar"\) fails on scratch`
		return fmt.Errorf("unpacking: %w", err)
	}
	return nil
}

func newError() error {
	if _, err := exec.LookPath("ssh"); err != nil { // want `exec.LookPath\("ssh"\) fails on scratch`
		return errors.New("ssh is missing")
	}
	return nil
}

func commandKept() error {
	cmd := exec.Command("rsync", "-a", "src", "dst") // want `exec.Command\("rsync"\) fails on scratch`
	if err := cmd.Run(); err != nil {
		log.Print(err)
	}
	return nil
}

// Runs only where HOME is unset, which no container runtime does
// (dd-trace-go's home directory lookup): not reported.
func homeFromPasswd() string {
	if home := os.Getenv("HOME"); home != "" {
		return home
	}
	out, _ := exec.Command("getent", "passwd", "0").Output()
	return string(out)
}

// The package probes for gcloud and goes without it; the command, built
// elsewhere, runs only after the probe found it (go-containerregistry's
// google keychain): not reported.
var gcloudCmd = func() *exec.Cmd { return exec.Command("gcloud", "config", "config-helper") }

func gcloudToken() string {
	if _, err := exec.LookPath("gcloud"); err != nil {
		return ""
	}
	out, _ := gcloudCmd().Output()
	return string(out)
}

// A probe that only warns gates nothing: the run is reported.
func warnOnly() error {
	if _, err := exec.LookPath("scp"); err != nil {
		log.Print("scp is missing")
	}
	return exec.Command("scp", "a", "b:").Run() // want `exec.Command\("scp"\) fails on scratch`
}

func main() {
	fmt.Println(compressor(), editor(), version(), mustHave(), handedOn(), newError(), commandKept(), homeFromPasswd(), gcloudToken(), warnOnly())
	notify()
	fmt.Println(ipPath(), lsPath(), emptyIsFatal(), emptyHandedOn(), commandWithSudo("true"))
}
