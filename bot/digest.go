package bot

import (
	"strings"
	"unicode/utf8"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// digestLimit bounds a digest's text, in characters, below Telegram's
// 4,096.
const digestLimit = 3500

// digest makes one message of the entries at the head of a chat's queue
// that may go together (the same Digest kind and language; see
// storage.Message.Digest), and returns it with how many it stands for:
// fewer than two means the first goes as it is. A head whose staff
// submit twenty ideas in a minute gets one list, not twenty cards spaced
// a second apart. The sender asks for it (delivery.Sender.Digest) with
// what is queued when the list goes, so a retry makes the list again.
func digest(items []storage.Message) (storage.Message, int) {
	first := items[0]
	if first.Digest == "" {
		return first, 1
	}
	head := texts.T(first.Lang, first.Digest+".digest", 0)
	end := texts.T(first.Lang, first.Digest+".digest_end")
	size := utf8.RuneCountInString(head) + utf8.RuneCountInString(end) + 8
	n := 0
	for _, e := range items {
		if e.Digest != first.Digest || e.Lang != first.Lang || e.Method != first.Method {
			break
		}
		if size += utf8.RuneCountInString(e.Line); size > digestLimit && n > 0 {
			break
		}
		n++
	}
	if n < 2 {
		return first, 1
	}
	var text strings.Builder
	text.WriteString(texts.T(first.Lang, first.Digest+".digest", n))
	for _, e := range items[:n] {
		text.WriteString(e.Line)
	}
	text.WriteString(end)
	return storage.Message{ID: first.ID, Method: storage.MethodSendMessage, ChatID: first.ChatID, Text: text.String(), CreatedAt: first.CreatedAt}, n
}
