// Package truth is scratchvet's runtime-truth suite (issue 8). It proves
// every check against reality: it builds the fixture programs in
// testdata/runtime under the build configurations of docs/FACTS.md,
// assembles a root filesystem for every deployment-target preset (and the
// variants in targets_test.go: a preset with a USER or an ENV) from the
// target model's own file list (target.Target.Files), runs each binary
// chrooted there as the target's user, with the environment a container
// runtime gives, against a DNS server on 127.0.0.53 and HTTP and HTTPS
// servers on 127.0.0.1, and then asserts that scratchvet reports a finding
// of the responsible check exactly in the cells where the program failed.
//
// The suite needs root (chroot, mknod, mount, network and mount namespaces
// of its own, in which it serves DNS on 127.0.0.53:53, HTTP on 127.0.0.1:80
// and HTTPS on 127.0.0.1:443 and mounts /proc):
//
//	sudo env PATH="$PATH" go test -count=1 ./truth/...
//
// and these Debian packages: gcc and libc6-dev (cgo, static glibc),
// musl-tools (musl-gcc and the musl loader), ca-certificates, tzdata and
// busybox-static (copied into the root filesystems that have them).
//
// Environment:
//
//	SCRATCHVET_WRITE_TRUTH=1    write the matrix to docs/TRUTH.md
//	SCRATCHVET_TRUTH_BIN=PATH   judge this scratchvet instead of building ./cmd/scratchvet
//	SCRATCHVET_TRUTH_OUTPUTS=F  write every cell's program output to file F
//
// All code lives in _test.go files; this package has no API.
package truth
