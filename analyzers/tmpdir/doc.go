// Package tmpdir defines a check that reports temporary files and
// directories created where the target has no /tmp.
//
// # Analyzer tmpdir
//
// tmpdir: temporary files without /tmp
//
// os.TempDir() is $TMPDIR, else /tmp. FROM scratch images have no /tmp and
// container runtimes mount none, so os.CreateTemp("", ...) fails with
// "open /tmp/...: no such file or directory" and os.MkdirTemp("", ...)
// with "stat /tmp: no such file or directory". Multipart form parsing
// (ParseMultipartForm, FormFile, multipart.Reader.ReadForm) writes file
// parts larger than its memory limit there: uploads fail only above the
// limit.
//
// The check reports os.CreateTemp, os.MkdirTemp, ioutil.TempFile and
// ioutil.TempDir with an empty directory, writes to paths built from
// os.TempDir() in the same function, and, in the program's own module,
// multipart parsing. It is silent where the target has /tmp or the
// deployment sets TMPDIR.
//
// Fix: set TMPDIR (ENV TMPDIR=/dev/shm, the runtime's tmpfs), give the
// image a /tmp, or use an explicit directory.
package tmpdir
