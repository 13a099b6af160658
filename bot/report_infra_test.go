package bot_test

import (
	"strings"

	"thiduabot/bot/tgtest"
)

// skipInfra leaves for later each indicator and work the report's walk
// asks about, from its first question m, and returns the note's question.
func (h *harness) skipInfra(head tgtest.User, m tgtest.Message) tgtest.Message {
	h.t.Helper()
	for {
		if _, ok := m.Button("f:later"); !ok {
			return m
		}
		m = h.press(head, m, "f:later")
	}
}

// skipInfraUntil leaves items for later until the walk asks about
// something containing s, and returns that question.
func (h *harness) skipInfraUntil(head tgtest.User, m tgtest.Message, s string) tgtest.Message {
	h.t.Helper()
	for !strings.Contains(m.Plain, s) {
		if _, ok := m.Button("f:later"); !ok {
			h.t.Fatalf("the walk never asked about %q: %q", s, m.Plain)
		}
		m = h.press(head, m, "f:later")
	}
	return m
}
