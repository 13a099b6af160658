package bot

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	tg "github.com/go-telegram/bot"

	"thiduabot/bot/config"
	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

// queueIDs is the ids of a chat's queued entries, in order.
func queueIDs(s *Sender, chat int64) []uint64 {
	c := s.chats[chat]
	if c == nil {
		return nil
	}
	var ids []uint64
	for _, m := range c.items {
		ids = append(ids, m.ID)
	}
	return ids
}

// When the commit recording deliveries fails, what was delivered goes back
// to its place in its chat's queue (to be sent again: repeated rather than
// lost), a digest's entries with it, and the chat's order holds.
func TestSender_DeliveredGoBackInOrderWhenTheirCommitFails(t *testing.T) {
	db, err := storage.Open(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *storage.Tx) error {
		for i := 0; i < 4; i++ {
			m := storage.Message{Method: storage.MethodSendMessage, ChatID: 7, Text: "tin " + strconv.Itoa(i), Digest: "head.new_idea", Lang: "vi", Line: "\ndòng " + strconv.Itoa(i)}
			if _, err := tx.Enqueue(m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s := NewSender(db, nil, config.Default().Limits, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err := s.refill(); err != nil {
		t.Fatal(err)
	}
	if got := queueIDs(s, 7); !slices.Equal(got, []uint64{1, 2, 3, 4}) {
		t.Fatalf("queued %v; want 1 2 3 4", got)
	}
	// The first two go as one list and Telegram accepts it.
	parts := slices.Clone(s.chats[7].items[:2])
	list := storage.Message{ID: 1, Method: storage.MethodSendMessage, ChatID: 7, Text: "danh sách"}
	s.chats[7].busy, s.running, s.open = true, 1, 1
	o := s.ended(nil, outcome{msg: list, parts: parts, done: time.Now()})[0]
	if !o.early {
		t.Fatal("an accepted message did not leave the queue at once")
	}
	if got := queueIDs(s, 7); !slices.Equal(got, []uint64{3, 4}) {
		t.Fatalf("after delivery the queue is %v; want 3 4", got)
	}
	// Entry 3 is in flight when the commit fails.
	s.chats[7].busy = true
	s.apply(stored{batch: []outcome{o}, ok: false})
	if got := queueIDs(s, 7); !slices.Equal(got, []uint64{3, 1, 2, 4}) {
		t.Errorf("after the failed commit the queue is %v; want 3 (in flight) 1 2 4", got)
	}
	// Nothing in flight: they go back to the front.
	s.chats[7].items = s.chats[7].items[1:]
	s.chats[7].busy = false
	o.parts = []storage.Message{{ID: 3, ChatID: 7}}
	s.open++
	s.apply(stored{batch: []outcome{o}, ok: false})
	if got := queueIDs(s, 7); !slices.Equal(got, []uint64{1, 2, 3, 4}) {
		t.Errorf("the queue is %v; want 1 2 3 4", got)
	}
	if s.open != 0 {
		t.Errorf("%d entries still counted open", s.open)
	}
}

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

// Small calls go with their length in one piece; an upload larger than
// smallCall streams, whole.
func TestAPITransport_SmallCallsWithLengthUploadsStreamed(t *testing.T) {
	type seen struct {
		length  int64
		chunked bool
		body    []byte
	}
	got := make(chan seen, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got <- seen{r.ContentLength, slices.Contains(r.TransferEncoding, "chunked"), body}
	}))
	defer srv.Close()
	client := &http.Client{Transport: newAPITransport(4)}
	for _, size := range []int{100, smallCall, smallCall + 1, 3 * smallCall} {
		want := bytes.Repeat([]byte("a"), size)
		pr, pw := io.Pipe()
		go func() { pw.Write(want); pw.Close() }()
		resp, err := client.Post(srv.URL, "application/octet-stream", pr)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		s := <-got
		if !bytes.Equal(s.body, want) {
			t.Errorf("%d bytes: the server got %d", size, len(s.body))
		}
		if small := size <= smallCall; small != (s.length == int64(size)) || small == s.chunked {
			t.Errorf("%d bytes: length %d, chunked %v", size, s.length, s.chunked)
		}
	}
	// A body that fails to be read fails the call.
	pr, pw := io.Pipe()
	pw.CloseWithError(errors.New("disk gone"))
	if _, err := client.Post(srv.URL, "application/octet-stream", pr); err == nil {
		t.Error("a call whose body failed went out")
	}
}

// When the commit recording outcomes fails, the sender pauses, longer each
// time, instead of calling Telegram again at once for ever.
func TestSender_PausesWhenItsCommitFails(t *testing.T) {
	srv := tgtest.New(t)
	db, err := storage.Open(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *storage.Tx) error {
		_, err := tx.Enqueue(storage.Message{Method: storage.MethodSendMessage, ChatID: 777, Text: "Nhắc hạn báo cáo"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	client, err := tg.New(srv.Token, tg.WithServerURL(srv.URL), tg.WithSkipGetMe())
	if err != nil {
		t.Fatal(err)
	}
	s := NewSender(db, client, config.Default().Limits, slog.New(slog.NewTextHandler(io.Discard, nil)))
	// 777 never started the bot: the call is refused for good, and the
	// commit setting the message aside fails.
	s.Undeliverable = func(*storage.Tx, storage.Message, string) error { return errors.New("disk full") }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Run(ctx); close(done) }()
	if err := srv.WaitFor(10*time.Second, func() bool { return calls(srv, "777") >= 2 }); err != nil {
		t.Fatalf("the message was tried %d times; want a second try after a pause", calls(srv, "777"))
	}
	time.Sleep(500 * time.Millisecond) // the pause before the third try is 2 s
	cancel()
	<-done
	if n := calls(srv, "777"); n != 2 {
		t.Errorf("the message was tried %d times in about 1.5 s; want 2 (at once, then after 1 s)", n)
	}
	reqs := srv.Requests()
	var at []time.Time
	for _, r := range reqs {
		if r.Params["chat_id"] == "777" {
			at = append(at, r.At)
		}
	}
	if len(at) >= 2 && at[1].Sub(at[0]) < time.Second {
		t.Errorf("tried again %v after the failed commit; want a pause of 1 s", at[1].Sub(at[0]))
	}
}

// calls counts the requests to a chat.
func calls(srv *tgtest.Server, chat string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Params["chat_id"] == chat {
			n++
		}
	}
	return n
}
