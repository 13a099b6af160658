package storage_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Audit is called with the declared actions (auditaction.go), never with a
// string written on the spot, which the type would accept unseen and the
// bot's table of sentences would not know.
func TestAudit_ActionsAreDeclaredConstants(t *testing.T) {
	literal := regexp.MustCompile(`\.Audit\([^,]+,\s*"`)
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, loc := range literal.FindAllIndex(src, -1) {
			line := 1 + strings.Count(string(src[:loc[0]]), "\n")
			t.Errorf("%s:%d: Audit with a literal action; declare it in auditaction.go", f, line)
		}
	}
}
