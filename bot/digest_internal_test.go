package bot

import (
	"bytes"
	"testing"

	"thiduabot/storage"
)

// A list is made only of entries of the same kind and language queued one
// after another, stays under Telegram's length, and needs two at least.
func TestDigest_OnlyLikeEntriesInARowAndShort(t *testing.T) {
	line := func(id uint64, kind, lang string, n int) storage.Message {
		return storage.Message{ID: id, Method: storage.MethodSendMessage, ChatID: 7, Digest: kind, Lang: lang, Line: "\n" + string(bytes.Repeat([]byte("x"), n))}
	}
	cases := []struct {
		name  string
		items []storage.Message
		want  int
	}{
		{"alone", []storage.Message{line(1, "head.new_idea", "vi", 10)}, 1},
		{"not a digest kind", []storage.Message{line(1, "", "vi", 10), line(2, "", "vi", 10)}, 1},
		{"two alike", []storage.Message{line(1, "head.new_idea", "vi", 10), line(2, "head.new_idea", "vi", 10)}, 2},
		{"another language stops it", []storage.Message{line(1, "head.new_idea", "vi", 10), line(2, "head.new_idea", "vi", 10), line(3, "head.new_idea", "en", 10), line(4, "head.new_idea", "vi", 10)}, 2},
		{"another message stops it", []storage.Message{line(1, "head.new_idea", "vi", 10), line(2, "", "vi", 10), line(3, "head.new_idea", "vi", 10)}, 1},
		{"length", []storage.Message{line(1, "head.new_idea", "vi", 1500), line(2, "head.new_idea", "vi", 1500), line(3, "head.new_idea", "vi", 1500)}, 2},
	}
	for _, c := range cases {
		m, n := digest(c.items)
		if n != c.want {
			t.Errorf("%s: %d entries; want %d", c.name, n, c.want)
		}
		if n > 1 {
			if l := plainLen(m.Text); l > maxMessageLen {
				t.Errorf("%s: %d characters; over Telegram's %d", c.name, l, maxMessageLen)
			}
			if m.ID != c.items[0].ID || m.Keyboard != nil || m.Tag != "" {
				t.Errorf("%s: list %+v; want the first entry's id, no buttons, no tag", c.name, m)
			}
		}
	}
}
