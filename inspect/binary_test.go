package inspect

import (
	"bufio"
	"bytes"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// appendixRow is one row of the inspection table (testdata/facts_appendix.md), by column name.
type appendixRow map[string]string

func readAppendix(t *testing.T) map[string]appendixRow {
	t.Helper()
	f, err := os.Open("testdata/facts_appendix.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var header []string
	rows := map[string]appendixRow{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "|") || strings.HasPrefix(line, "|---") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if header == nil {
			header = cells
			continue
		}
		row := appendixRow{}
		for i, h := range header {
			row[h] = cells[i]
		}
		rows[cells[0]] = row
	}
	return rows
}

// factsMarkers are the marker names the inspection table reports.
var factsMarkers = []string{markRuntimeCgo, markCgoDNS, markGoDNS, markCgoUser, markGoUser, markPlugin, markTzdata, markFallback}

func readFixture(t *testing.T, name string) *Binary {
	t.Helper()
	path := fixture(t, name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := readBinary(path, bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("readBinary(%s): %v", name, err)
	}
	return b
}

func splitSet(s string) []string {
	if s == "" {
		return nil
	}
	parts := strings.Split(s, ",")
	slices.Sort(parts)
	return parts
}

func markerNames(b *Binary, only []string) []string {
	var names []string
	for _, m := range b.Markers {
		if only == nil || slices.Contains(only, m.Name) {
			names = append(names, m.Name)
		}
		if len(m.Evidence) == 0 {
			names = append(names, m.Name+"(no evidence)")
		}
	}
	slices.Sort(names)
	return names
}

// extraMarkers are the markers inspect adds beyond the inspection table's columns, per
// fixture program (and configuration where it matters).
func extraMarkers(config, prog string) []string {
	switch prog {
	case "tz", "tzembed", "tztag":
		return []string{markTimezone}
	case "tls", "tlsfallback":
		return []string{markCryptoRand, markTLSClient}
	case "server":
		return []string{markCryptoRand, markTLSHandshk}
	case "rand":
		return []string{markCryptoRand}
	case "plugin":
		if strings.HasPrefix(config, "a-") || strings.HasPrefix(config, "f-") {
			return []string{markPluginStub}
		}
	}
	return nil
}

// expectedCgoPackages: the standard packages that use cgo when cgo is on,
// minus what netgo/osusergo replace, plus main for the own-cgo program.
func expectedCgoPackages(b *Binary, prog string) []string {
	if b.Build.CgoEnabled != "1" {
		return nil
	}
	tags := strings.Join(b.Build.Tags, ",")
	switch prog {
	case "dns", "dnscgo", "tls":
		if !strings.Contains(tags, "netgo") {
			return []string{"net"}
		}
	case "userlookup":
		if !strings.Contains(tags, "osusergo") {
			return []string{"os/user"}
		}
	case "plugin":
		return []string{"plugin"}
	case "cgo":
		return []string{"main"}
	}
	return nil
}

// TestReportFields checks every field of the binary report of every fixture,
// against the inspection table's row of the same name where there is one.
func TestReportFields(t *testing.T) {
	rows := readAppendix(t)
	for _, spec := range fixtureSpecs() {
		t.Run(spec.name, func(t *testing.T) {
			b := readFixture(t, spec.name)
			config, prog, _ := strings.Cut(spec.name, "/")
			fi, _ := os.Stat(fixture(t, spec.name))

			// Fields the table does not have.
			if b.GoVersion != runtime.Version() {
				t.Errorf("GoVersion = %q, want %q", b.GoVersion, runtime.Version())
			}
			if b.MainPackage != "fixture/"+spec.prog || b.MainModule.Path != "fixture" {
				t.Errorf("main = %q in module %q", b.MainPackage, b.MainModule.Path)
			}
			if b.Size != fi.Size() {
				t.Errorf("Size = %d, want %d", b.Size, fi.Size())
			}
			if b.Build.GOOS != "linux" || b.Build.GOARCH != runtime.GOARCH || b.ELF.Machine != "EM_X86_64" {
				t.Errorf("platform = %s/%s %s", b.Build.GOOS, b.Build.GOARCH, b.ELF.Machine)
			}
			if len(b.Build.Settings) < 5 {
				t.Errorf("Settings has %d entries", len(b.Build.Settings))
			}
			if b.Build.Trimpath != strings.Contains(config, "trimpath") {
				t.Errorf("Trimpath = %v", b.Build.Trimpath)
			}
			if b.ELF.Type == "" || b.ELF.Linkage == "" || len(b.Libc.Evidence) == 0 {
				t.Errorf("incomplete ELF/libc info: %+v %+v", b.ELF, b.Libc)
			}
			if (b.ELF.Interp != "") != (b.ELF.Linkage == "dynamic") {
				t.Errorf("Linkage %q with interp %q", b.ELF.Linkage, b.ELF.Interp)
			}
			if got, want := b.CgoPackages, expectedCgoPackages(b, prog); !slices.Equal(got, want) {
				t.Errorf("CgoPackages = %v, want %v", got, want)
			}
			hasTrimCaveat := slices.ContainsFunc(b.Caveats, func(c string) bool { return strings.Contains(c, "-trimpath") })
			if !strings.Contains(strings.Join(b.Caveats, " "), "CC is never recorded") || hasTrimCaveat != b.Build.Trimpath {
				t.Errorf("Caveats = %q", b.Caveats)
			}
			hasFallbackDep := slices.ContainsFunc(b.Deps, func(m Module) bool { return m.Path == fallbackModule && m.Version != "" })
			if hasFallbackDep != (prog == "tlsfallback") {
				t.Errorf("Deps = %v", b.Deps)
			}

			row, ok := rows[spec.name]
			wantMarkers := extraMarkers(config, prog)
			if ok {
				wantMarkers = append(wantMarkers, splitSet(row["pclntab markers"])...)
				checkAgainstRow(t, b, row)
			} else if prog == "server" {
				wantMarkers = append(wantMarkers, markGoDNS)
			} else if prog == "pluginmsg" {
				// Not in the table: plugin's error text alone is no plugin marker.
			} else {
				t.Fatalf("no row for %s in testdata/facts_appendix.md", spec.name)
			}
			slices.Sort(wantMarkers)
			if got := markerNames(b, nil); !slices.Equal(got, wantMarkers) {
				t.Errorf("markers = %v, want %v", got, wantMarkers)
			}
		})
	}
}

func checkAgainstRow(t *testing.T, b *Binary, row appendixRow) {
	t.Helper()
	check := func(column, got string) {
		t.Helper()
		if want := row[column]; got != want {
			t.Errorf("%s = %q, the inspection table says %q", column, got, want)
		}
	}
	check("CGO_ENABLED", b.Build.CgoEnabled)
	check("-tags", strings.Join(b.Build.Tags, ","))
	check("-ldflags", b.Build.Ldflags)
	check("DefaultGODEBUG", b.Build.DefaultGODEBUG)
	check("-buildmode", b.Build.Buildmode)
	check("ELF", b.ELF.Type)
	check("PT_INTERP", b.ELF.Interp)
	check("DT_NEEDED", strings.Join(b.ELF.Needed, ","))
	check("static-pie", boolString(b.ELF.Linkage == "static-pie"))
	check("symtab", boolString(b.ELF.HasSymtab))
	check("libc imports", strings.Join(b.ELF.LibcImports, ","))
	check("static libc", b.Libc.Summary)
	if got, want := markerNames(b, factsMarkers), splitSet(row["pclntab markers"]); !slices.Equal(got, want) {
		t.Errorf("markers = %v, the inspection table says %v", got, want)
	}
}

func boolString(v bool) string {
	if v {
		return "true"
	}
	return "false"
}
