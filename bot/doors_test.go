package bot_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// storage's raw writers live behind doors (storage/doors.go): the outbox,
// the sender's bookkeeping, people's forms and the reminder rounds. A
// handler writes records through the intent methods, which ask their rule
// first; a door's writers are called only from the files whose job they
// are, listed here. A new file that writes through a door fails this test,
// so that the writer is either moved where it belongs or added here on
// purpose. Outbox().Enqueue is open to every file: sending a message is
// what a handler does, and it changes no record.
var doorWriters = map[string]map[string][]string{
	"Sending": { // the sender reads the outbox in order and records outcomes
		"*": {"delivery/queue.go", "delivery/outcome.go"},
	},
	"Forms": { // a form is saved step by step and closed in one place
		"Put":   {"formguard.go"},
		"Clear": {"forms.go"},
	},
	"Reminders": { // the reminder rounds and what was sent of them
		"NewRound":    {"round.go"},
		"PutRound":    {"round.go"},
		"RoundMissed": {"notify.go"},
		"Record":      {"remind.go", "leaderboard.go", "summary.go"},
	},
	"Outbox": { // rules for the messages' order, and where they landed
		"Prioritize":      {"priority.go", "update.go"},
		"RecordSent":      {"card.go", "delivery/outcome.go"},
		"TakeTagged":      {"card.go"},
		"MarkUnreachable": {"notify.go"},
	},
}

func TestDoors_RawWritersOnlyWhereTheirJobIs(t *testing.T) {
	fset := token.NewFileSet()
	seen := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			method, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			opened, ok := method.X.(*ast.CallExpr)
			if !ok || len(opened.Args) != 0 {
				return true
			}
			door, ok := opened.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			writers, ok := doorWriters[door.Sel.Name]
			if !ok {
				return true
			}
			seen++
			files, ok := writers[method.Sel.Name]
			if !ok {
				files, ok = writers["*"]
			}
			if !ok {
				return true // a read
			}
			if !slices.Contains(files, filepath.ToSlash(path)) {
				t.Errorf("%s: %s().%s writes through a door; only %v may (bot/doors_test.go says why)",
					fset.Position(call.Pos()), door.Sel.Name, method.Sel.Name, files)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen == 0 {
		t.Fatal("no door opened anywhere in bot: the check would see nothing")
	}
}
