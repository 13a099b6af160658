package delivery

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tg "github.com/go-telegram/bot"

	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

// Each kind of outbox entry becomes the Bot API call it names, in HTML,
// with its buttons and no link previews; the stand-in refuses any request
// Telegram would. An upload whose file is gone is refused for good: no
// retry brings it back.
func TestTelegram_EntriesBecomeTheirCalls(t *testing.T) {
	srv := tgtest.New(t)
	srv.Started(42)
	client, err := tg.New(srv.Token, tg.WithServerURL(srv.URL), tg.WithSkipGetMe())
	if err != nil {
		t.Fatal(err)
	}
	api := NewTelegram(client)
	ctx := context.Background()
	kb := [][]storage.Button{{{Text: "Gửi", Data: "f:ok"}, {Text: "Mở", URL: "https://example.org/sk/1"}}}
	id, err := api.Call(ctx, storage.Message{Method: storage.MethodSendMessage, ChatID: 42, Text: "<b>Gửi</b> sáng kiến https://example.org?", Keyboard: kb})
	if err != nil || id == 0 {
		t.Fatalf("sendMessage = %d, %v; want a message id", id, err)
	}
	if _, err := api.Call(ctx, storage.Message{Method: storage.MethodEditText, ChatID: 42, MessageID: id, Text: "Đã lưu <i>SK-1</i>", Keyboard: kb[:1]}); err != nil {
		t.Fatalf("editMessageText: %v", err)
	}
	if _, err := api.Call(ctx, storage.Message{Method: storage.MethodEditMarkup, ChatID: 42, MessageID: id}); err != nil {
		t.Fatalf("editMessageReplyMarkup: %v", err)
	}
	doc, err := api.Call(ctx, storage.Message{Method: storage.MethodSendDocument, ChatID: 42, Text: "Dữ liệu của đồng chí", Document: &storage.Document{Name: "du-lieu.csv", Data: []byte("a;b\n")}})
	if err != nil || doc == 0 {
		t.Fatalf("sendDocument = %d, %v; want a message id", doc, err)
	}
	msgs := srv.Messages(42)
	if len(msgs) != 2 {
		t.Fatalf("%d messages in the chat; want 2", len(msgs))
	}
	if m := msgs[0]; m.Plain != "Đã lưu SK-1" || len(m.Keyboard) != 0 || m.Edits != 2 {
		t.Errorf("the message is %q with %d rows of buttons after %d edits; want \"Đã lưu SK-1\", none, 2", m.Plain, len(m.Keyboard), m.Edits)
	}
	if d := msgs[1].Document; d == nil || d.Name != "du-lieu.csv" || string(d.Data) != "a;b\n" {
		t.Errorf("document %+v; want du-lieu.csv with its bytes", d)
	}
	first := srv.Requests()[0]
	if first.Params["parse_mode"] != "HTML" || !strings.Contains(first.Params["link_preview_options"], `"is_disabled":true`) || !strings.Contains(first.Params["reply_markup"], `"url":"https://example.org/sk/1"`) {
		t.Errorf("sendMessage params %v; want HTML, no link preview, the buttons", first.Params)
	}

	gone := storage.Message{Method: storage.MethodSendDocument, ChatID: 42, Document: &storage.Document{Name: "xuat.xlsx", Path: filepath.Join(t.TempDir(), "gone.xlsx")}}
	if _, err := api.Call(ctx, gone); !isPermanent(err, gone) {
		t.Errorf("an upload of a missing file: %v; want a refusal for good", err)
	}
}

// recorder is an API that notes each call with its clock's time, then
// makes it through next; with no next, the call succeeds, and the message
// made gets the entry's id.
type recorder struct {
	next  API
	clock Clock

	mu      sync.Mutex
	calls   []call
	changed chan struct{} // closed and replaced on every call
}

type call struct {
	at  time.Time
	msg storage.Message
}

func newRecorder(clock Clock, next API) *recorder {
	return &recorder{next: next, clock: clock, changed: make(chan struct{})}
}

func (r *recorder) Call(ctx context.Context, m storage.Message) (int, error) {
	r.mu.Lock()
	r.calls = append(r.calls, call{r.clock.Now(), m})
	close(r.changed)
	r.changed = make(chan struct{})
	r.mu.Unlock()
	if r.next != nil {
		return r.next.Call(ctx, m)
	}
	return int(m.ID), nil
}

// made returns the calls so far.
func (r *recorder) made() []call {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]call(nil), r.calls...)
}

// waitCalls waits until n calls were made (real time bounds the wait).
func (r *recorder) waitCalls(t testing.TB, n int) []call {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		r.mu.Lock()
		if len(r.calls) >= n {
			out := append([]call(nil), r.calls...)
			r.mu.Unlock()
			return out
		}
		ch := r.changed
		r.mu.Unlock()
		select {
		case <-ch:
		case <-deadline:
			t.Fatalf("%d calls made; want %d", len(r.made()), n)
		}
	}
}
