package bot

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// A record's ref is made by its kind (storage.IdeaRef, storage.WasteRef),
// never by joining its prefix by hand.
func TestRefs_MadeByTheirKindOnly(t *testing.T) {
	byHand := regexp.MustCompile(`"(SK|PA)-"\s*\+|"(SK|PA)-%`)
	files, _ := filepath.Glob("*.go")
	read := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		read++
		for _, loc := range byHand.FindAllIndex(src, -1) {
			t.Errorf("%s:%d: a ref built by hand; use storage.IdeaRef or storage.WasteRef", f, 1+strings.Count(string(src[:loc[0]]), "\n"))
		}
	}
	if read < 50 {
		t.Fatalf("read %d files; the check would see nothing", read)
	}
}
