package bot_test

import (
	"go/build"
	"strings"
	"testing"
)

// The packages import one way (docs/architecture.md): storage knows no
// Telegram and no bot, the sender knows no bot (but its config), the
// stand-in nothing of ours.
func TestImports_FlowOneWay(t *testing.T) {
	rules := []struct {
		pkg     string
		never   []string // import paths, and everything below them
		allowed []string // exceptions below a forbidden path
	}{
		{"thiduabot/storage", []string{"thiduabot/bot", "github.com/go-telegram/bot"}, nil},
		{"thiduabot/bot/config", []string{"thiduabot/bot"}, nil},
		{"thiduabot/bot/delivery", []string{"thiduabot/bot"}, []string{"thiduabot/bot/config"}},
		{"thiduabot/bot/dashboard", []string{"thiduabot/bot"}, nil},
		{"thiduabot/bot/tgtest", []string{"thiduabot"}, nil},
	}
	below := func(imp, path string) bool { return imp == path || strings.HasPrefix(imp, path+"/") }
	for _, r := range rules {
		p, err := build.Import(r.pkg, ".", 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Imports) == 0 {
			t.Fatalf("%s: no imports read; the check would see nothing", r.pkg)
		}
	imports:
		for _, imp := range p.Imports {
			for _, ok := range r.allowed {
				if below(imp, ok) {
					continue imports
				}
			}
			for _, never := range r.never {
				if below(imp, never) {
					t.Errorf("%s imports %s", r.pkg, imp)
				}
			}
		}
	}
}
