package bot_test

import (
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
