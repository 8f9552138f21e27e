// Package homedir defines a check that reports writes under the home
// directory of a user who cannot write there.
//
// # Analyzer homedir
//
// homedir: a home directory the user cannot write
//
// When an image's /etc/passwd has no entry for its USER (USER 65532 in a
// scratch or alpine image), runc sets HOME=/: os.UserCacheDir() is
// "//.cache" with a nil error, and the first write fails with "mkdir
// /.cache: permission denied". distroless :nonroot gives HOME=/home/nonroot,
// which works.
//
// The check reports writes (os.Create, os.OpenFile, os.Mkdir, os.MkdirAll,
// os.WriteFile, ...) to paths built from os.UserCacheDir, os.UserConfigDir
// or os.UserHomeDir in the same function, when the deployment runs as a
// non-root user whose HOME is / or /nonexistent. Reads are not reported.
//
// Fix: set HOME to a directory the user owns, or take the directory from
// configuration.
package homedir
