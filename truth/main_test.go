//go:build linux

package truth

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"unsafe"
)

// netnsEnv marks the copy of the test binary that runs inside the suite's
// own network namespace.
const netnsEnv = "SCRATCHVET_TRUTH_IN_NETNS"

var (
	// skipReason is set when the suite cannot run here.
	skipReason string
	// scratchvetBin is that binary; scratchvetBuildErr says why there is
	// none (the run-time side of the matrix is still measured then).
	scratchvetBin      string
	scratchvetBuildErr error
)

func TestMain(m *testing.M) {
	if os.Geteuid() != 0 {
		skipReason = "the runtime-truth suite needs root for chroot, mknod and a network namespace; run: sudo env PATH=\"$PATH\" go test ./truth/..."
		os.Exit(m.Run())
	}
	if os.Getenv(netnsEnv) == "" {
		os.Exit(reexecInNetns())
	}
	if err := loopbackUp(); err != nil {
		fmt.Fprintf(os.Stderr, "truth: bringing up lo in the new network namespace: %v\n", err)
		os.Exit(1)
	}
	// The mounts the root filesystems get (/proc) stay in this namespace:
	// nothing propagates back to the machine's, and they end with it.
	if err := syscall.Mount("", "/", "", syscall.MS_REC|syscall.MS_PRIVATE, ""); err != nil {
		fmt.Fprintf(os.Stderr, "truth: making the new mount namespace private: %v\n", err)
		os.Exit(1)
	}
	os.Exit(runWithScratchvet(m))
}

// reexecInNetns runs the test binary again in new network and mount
// namespaces and returns its exit status. The network namespace holds only
// a loopback interface, so the fixtures reach nothing but the suite's
// servers, and the fixed ports 53, 80 and 443 never collide with the
// machine's or another run's; the mount namespace keeps the root
// filesystems' /proc mounts to the suite. Only that child process is in
// the namespaces; they end with the child.
func reexecInNetns() int {
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintf(os.Stderr, "truth: %v\n", err)
		return 1
	}
	// Pdeathsig fires when the thread that started the child ends; keep
	// this one alive until the child exits.
	runtime.LockOSThread()
	cmd := exec.Command(self, os.Args[1:]...)
	cmd.Env = append(os.Environ(), netnsEnv+"=1")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWNET | syscall.CLONE_NEWNS, Pdeathsig: syscall.SIGKILL}
	err = cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode()
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "truth: cannot start the suite in a new network namespace: %v\n", err)
		return 1
	}
	return 0
}

// loopbackUp sets the lo interface up, as `ip link set lo up` does.
func loopbackUp() error {
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_DGRAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		return err
	}
	defer syscall.Close(fd)
	var ifr struct { // struct ifreq with ifr_flags
		name  [syscall.IFNAMSIZ]byte
		flags uint16
		_     [22]byte
	}
	copy(ifr.name[:], "lo")
	for _, req := range []uintptr{syscall.SIOCGIFFLAGS, syscall.SIOCSIFFLAGS} {
		if req == syscall.SIOCSIFFLAGS {
			ifr.flags |= syscall.IFF_UP | syscall.IFF_RUNNING
		}
		if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, uintptr(fd), req, uintptr(unsafe.Pointer(&ifr))); errno != 0 {
			return errno
		}
	}
	return nil
}

// scratchvetBinEnv names a prebuilt scratchvet to judge instead of
// building ./cmd/scratchvet (for example a release binary).
const scratchvetBinEnv = "SCRATCHVET_TRUTH_BIN"

// runWithScratchvet builds scratchvet once for all tests, runs them and
// removes the build.
func runWithScratchvet(m *testing.M) int {
	if bin := os.Getenv(scratchvetBinEnv); bin != "" {
		scratchvetBin = bin
		return m.Run()
	}
	dir, err := os.MkdirTemp("", "scratchvet-truth-")
	if err != nil {
		fmt.Fprintf(os.Stderr, "truth: %v\n", err)
		return 1
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "scratchvet")
	if out, err := goCommand(repoRoot(), nil, "build", "-o", bin, "./cmd/scratchvet").CombinedOutput(); err != nil {
		scratchvetBuildErr = fmt.Errorf("go build ./cmd/scratchvet: %v\n%s", err, out)
	} else {
		scratchvetBin = bin
	}
	return m.Run()
}
