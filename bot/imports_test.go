package bot_test

import (
	"go/build"
	"os"
	"regexp"
	"strings"
	"testing"
)

// The packages import as docs/architecture.md's table says: each imports
// only what its row allows (ours, and modules; the standard library is
// always allowed), and never what its row forbids. The table is the map a
// newcomer reads, so it is the one kept true.
func TestImports_AsTheArchitectureSays(t *testing.T) {
	doc, err := os.ReadFile("../docs/architecture.md")
	if err != nil {
		t.Fatal(err)
	}
	ticked := regexp.MustCompile("`([^`]+)`")
	full := func(p string) string {
		if strings.Contains(strings.SplitN(p, "/", 2)[0], ".") {
			return p // a module
		}
		return "thiduabot/" + p
	}
	below := func(imp, path string) bool { return imp == path || strings.HasPrefix(imp, path+"/") }
	rows := 0
	for _, line := range strings.Split(string(doc), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) != 5 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "`") {
			continue
		}
		rows++
		pkg := full(ticked.FindStringSubmatch(cells[1])[1])
		var may, never []string
		for _, m := range ticked.FindAllStringSubmatch(cells[2], -1) {
			may = append(may, full(m[1]))
		}
		for _, m := range ticked.FindAllStringSubmatch(cells[3], -1) {
			never = append(never, full(m[1]))
		}
		p, err := build.Import(pkg, ".", 0)
		if err != nil {
			t.Fatalf("%s (in the table): %v", pkg, err)
		}
		if len(p.Imports) == 0 {
			t.Fatalf("%s: no imports read; the check would see nothing", pkg)
		}
		for _, imp := range p.Imports {
			for _, n := range never {
				if below(imp, n) && !allowedBelow(imp, may) {
					t.Errorf("%s imports %s, which its row in docs/architecture.md forbids", pkg, imp)
				}
			}
			stdlib := !strings.Contains(strings.SplitN(imp, "/", 2)[0], ".") && !strings.HasPrefix(imp, "thiduabot")
			if !stdlib && !allowedBelow(imp, may) {
				t.Errorf("%s imports %s, which its row in docs/architecture.md does not list", pkg, imp)
			}
		}
	}
	if rows < 6 {
		t.Fatalf("read %d rows of the import table in docs/architecture.md; its layout changed", rows)
	}
}

// allowedBelow reports whether imp is one of the allowed paths: ours
// exactly (a sub-package has a row of its own), a module's or below it.
func allowedBelow(imp string, allowed []string) bool {
	for _, a := range allowed {
		if imp == a || (!strings.HasPrefix(a, "thiduabot") && strings.HasPrefix(imp, a+"/")) {
			return true
		}
	}
	return false
}
