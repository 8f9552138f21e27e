package target

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// docs/targets.md's preset tables say what the presets are; they must match
// the code cell by cell.
func TestPresetTablesDocumented(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "docs", "targets.md"))
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string][]map[string]string{} // preset -> one row per table
	var header []string
	for _, line := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(line, "|") {
			header = nil
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for i := range cells {
			cells[i] = strings.Trim(strings.TrimSpace(cells[i]), "`")
		}
		switch {
		case cells[0] == "preset":
			header = cells
		case header == nil || strings.HasPrefix(cells[0], "---"):
		default:
			row := map[string]string{}
			for i, c := range cells {
				if i < len(header) {
					row[header[i]] = c
				}
			}
			rows[cells[0]] = append(rows[cells[0]], row)
		}
	}
	for _, p := range Presets() {
		tables := rows[p.Name]
		if len(tables) != 2 {
			t.Errorf("docs/targets.md has %d preset rows for %s, want 2", len(tables), p.Name)
			continue
		}
		for _, row := range tables {
			for key, doc := range row {
				if key == "preset" {
					continue
				}
				got, ok := p.Get(key)
				if !ok {
					t.Errorf("docs/targets.md: column %q is no property", key)
					continue
				}
				if want := documented(key, doc); got != want {
					t.Errorf("docs/targets.md: %s %s = %q, the code says %q", p.Name, key, doc, got)
				}
			}
		}
	}
	if len(rows) != len(Presets()) {
		t.Errorf("docs/targets.md documents %d presets, the code has %d", len(rows), len(Presets()))
	}
}

// documented turns a table cell into the property value as Get formats it.
func documented(key, cell string) string {
	switch cell {
	case "✓":
		return "true"
	case "–":
		if key == "user" || key == "home" || key == "tmpdir" || key == "tz" || key == "ssl-cert-file" {
			return ""
		}
		return "false"
	case "root":
		if key == "user" {
			return ""
		}
	}
	return cell
}
