package bot

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// The README's command table and the command table agree: every command
// has a row, and every command a row names exists (a tappable record
// command, /sk_42, matches its command's pattern).
func TestREADME_CommandTableMatchesTheCommands(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	named := map[string]bool{}
	slash := regexp.MustCompile("/([a-z_0-9<>]+)")
	rows := 0
	for _, line := range strings.Split(string(readme), "\n") {
		if !strings.HasPrefix(line, "| `/") {
			continue
		}
		rows++
		first := strings.SplitN(strings.ReplaceAll(line, `\|`, " "), "|", 3)[1]
		for _, m := range slash.FindAllStringSubmatch(first, -1) {
			named[m[1]] = true
		}
	}
	if rows < 10 {
		t.Fatalf("read only %d rows of the README's command table; its layout changed", rows)
	}
	for _, cmd := range commandList {
		if !named[cmd.name] {
			t.Errorf("/%s has no row in the README's command table", cmd.name)
		}
	}
	for name := range named {
		if _, ok := commandsByName[name]; ok {
			continue
		}
		record := strings.ReplaceAll(strings.ReplaceAll(name, "<id>", "7"), "<", "")
		found := false
		for _, cmd := range commandList {
			found = found || (cmd.record != nil && cmd.record.MatchString(record))
		}
		if !found {
			t.Errorf("the README's command table names /%s, which is no command", name)
		}
	}
}
