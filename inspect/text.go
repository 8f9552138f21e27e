package inspect

import (
	"fmt"
	"io"
	"strings"
)

// writeText prints a report for people. The layout is shown in docs/inspect.md.
func writeText(w io.Writer, r Report) {
	b := r.Binary
	if img := r.Image; img != nil {
		ref := img.Ref
		if ref == "" {
			ref = "(untagged)"
		}
		fmt.Fprintf(w, "%s: %s image %s, %s/%s, %d layers\n", r.File, img.Format, ref, img.OS, img.Architecture, img.Layers)
		fmt.Fprintf(w, "  command:  %s -> judging %s\n", quoteArgs(append(append([]string{}, img.Entrypoint...), img.Cmd...)), img.BinaryPath)
		for _, n := range img.Notes {
			fmt.Fprintf(w, "  note:     %s\n", n)
		}
		fmt.Fprintf(w, "%s: ", b.Path)
	} else {
		fmt.Fprintf(w, "%s: ", r.File)
	}
	fmt.Fprintf(w, "Go binary, %s %s/%s, main package %s\n", b.GoVersion, b.Build.GOOS, b.Build.GOARCH, b.MainPackage)
	fmt.Fprintf(w, "  build:    %s\n", buildLine(b.Build))
	fmt.Fprintf(w, "  ELF:      %s\n", elfLine(b.ELF))
	fmt.Fprintf(w, "  libc:     %s (%s)\n", b.Libc.Summary, strings.Join(b.Libc.Evidence, "; "))
	if len(b.CgoPackages) > 0 {
		fmt.Fprintf(w, "  cgo in:   %s\n", strings.Join(b.CgoPackages, ", "))
	}
	for i, m := range b.Markers {
		label := "found:"
		if i > 0 {
			label = ""
		}
		fmt.Fprintf(w, "  %-9s %s: %s\n", label, m.Name, strings.Join(m.Evidence, "; "))
	}
	for _, c := range b.Caveats {
		fmt.Fprintf(w, "  caveat:   %s\n", c)
	}
	for _, v := range r.Verdicts {
		fmt.Fprintln(w)
		writeVerdict(w, v)
	}
}

func writeVerdict(w io.Writer, v Verdict) {
	state := "COMPATIBLE"
	switch {
	case v.Start.Status == statusFail:
		state = "INCOMPATIBLE (will not start)"
	case !v.Compatible:
		state = "INCOMPATIBLE"
	}
	fmt.Fprintf(w, "target %s (%s): %s\n", v.Target.Name, v.Target.Source, state)
	fmt.Fprintf(w, "  %s\n", targetLine(v.Target))
	for _, o := range v.Target.Observations {
		fmt.Fprintf(w, "    %s=%s: %s\n", o.Property, o.Value, o.Reason)
	}
	for _, c := range append([]Check{v.Start}, v.Checks...) {
		fmt.Fprintf(w, "  %-4s  %-11s %s\n", strings.ToUpper(c.Status), c.Feature, c.Summary)
		detail := func(label, text string) {
			if text != "" {
				fmt.Fprintf(w, "%20s%-9s %s\n", "", label, text)
			}
		}
		detail("evidence:", strings.Join(c.Evidence, "; "))
		detail("runtime:", c.Runtime)
		for _, n := range c.Notes {
			detail("note:", n)
		}
		detail("fix:", c.Fix)
	}
}

func buildLine(b Build) string {
	cgo := b.CgoEnabled
	if cgo == "" {
		cgo = "(not recorded)"
	}
	parts := []string{"CGO_ENABLED=" + cgo, "-buildmode=" + b.Buildmode}
	if len(b.Tags) > 0 {
		parts = append(parts, "-tags "+strings.Join(b.Tags, ","))
	}
	if b.Ldflags != "" {
		parts = append(parts, "-ldflags "+b.Ldflags)
	}
	if b.Trimpath {
		parts = append(parts, "-trimpath")
	}
	if b.DefaultGODEBUG != "" {
		parts = append(parts, "DefaultGODEBUG="+b.DefaultGODEBUG)
	}
	return strings.Join(parts, ", ")
}

func elfLine(e ELFInfo) string {
	parts := []string{e.Type + " " + e.Machine, e.Linkage}
	if e.Interp != "" {
		parts = append(parts, "PT_INTERP "+e.Interp)
	}
	if len(e.Needed) > 0 {
		parts = append(parts, "DT_NEEDED "+strings.Join(e.Needed, " "))
	}
	if len(e.LibcImports) > 0 {
		parts = append(parts, "imports "+strings.Join(e.LibcImports, " "))
	}
	if !e.HasSymtab {
		parts = append(parts, "no symbol table (-s or stripped)")
	}
	return strings.Join(parts, ", ")
}

func targetLine(t TargetInfo) string {
	return fmt.Sprintf("libc=%s loader=%s passwd=%t ca-bundle=%t zoneinfo=%t resolv-conf=%t nsswitch=%t hosts=%t dev-urandom=%t kernel=%s",
		t.Libc, t.Loader, t.Passwd, t.CABundle, t.Zoneinfo, t.ResolvConf, t.Nsswitch, t.Hosts, t.DevURandom, t.Kernel)
}

func quoteArgs(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = fmt.Sprintf("%q", a)
	}
	return "[" + strings.Join(q, " ") + "]"
}
