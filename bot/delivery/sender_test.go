package delivery

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	tg "github.com/go-telegram/bot"

	"thiduabot/bot/config"
	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

// openDB opens a database on a real file, closed when the test ends.
func openDB(t testing.TB) *storage.DB {
	t.Helper()
	db, err := storage.Open(filepath.Join(t.TempDir(), "t.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// enqueue writes messages to the outbox in one transaction.
func enqueue(t testing.TB, db *storage.DB, msgs ...storage.Message) {
	t.Helper()
	err := db.Update(func(tx *storage.Tx) error {
		for _, m := range msgs {
			if _, err := tx.Outbox().Enqueue(m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// newTestSender makes a sender at Telegram's limits on clock, logging
// nowhere.
func newTestSender(db *storage.DB, api API, clock Clock) *Sender {
	s := NewSender(db, api, config.Default().Limits, slog.New(slog.NewTextHandler(io.Discard, nil)))
	s.Clock = clock
	return s
}

// start runs s until the test ends, or until the returned stop is called.
func start(t testing.TB, s *Sender) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Run(ctx); close(done) }()
	stop = func() { cancel(); <-done } // done stays closed: a second stop returns at once
	t.Cleanup(stop)
	return stop
}

// When the commit recording outcomes fails (a full disk), the sender keeps
// the outcomes and tries the commit again after a growing pause (1 s, then
// 2 s): it never calls Telegram again for a message Telegram accepted, nor
// for one it refused for good, and once the disk has room the outcomes are
// recorded and the outbox is empty.
func TestSender_KeepsItsOutcomesWhenTheirCommitFails(t *testing.T) {
	for _, tc := range []struct {
		name string
		chat int64
	}{{"accepted", 701}, {"refused_for_good", 777}} { // 777 never started the bot
		t.Run(tc.name, func(t *testing.T) {
			srv := tgtest.New(t)
			srv.Started(701)
			db := openDB(t)
			enqueue(t, db, storage.Message{Method: storage.MethodSendMessage, ChatID: tc.chat, Text: "Nhắc hạn báo cáo"})
			client, err := tg.New(srv.Token, tg.WithServerURL(srv.URL), tg.WithSkipGetMe())
			if err != nil {
				t.Fatal(err)
			}
			clock := newFakeClock()
			api := newRecorder(clock, NewTelegram(client))
			s := newTestSender(db, api, clock)
			var mu sync.Mutex
			full := true
			var commits []time.Duration
			start0 := clock.Now()
			s.Left = func(*storage.Tx, []storage.Message) error {
				mu.Lock()
				defer mu.Unlock()
				commits = append(commits, clock.Now().Sub(start0))
				if full {
					return errors.New("no space left on device")
				}
				return nil
			}
			start(t, s)
			clock.waitArmedAt(t, start0.Add(time.Second))
			clock.Advance(time.Second)
			clock.waitArmedAt(t, start0.Add(3*time.Second))
			mu.Lock()
			full = false
			mu.Unlock()
			clock.Advance(2 * time.Second)
			clock.waitUntil(t, func() bool { n, _, _ := db.OutboxLen(); return n == 0 })
			clock.Advance(10 * time.Minute)
			if n := len(api.made()); n != 1 {
				t.Errorf("Telegram was called %d times; want once", n)
			}
			if n := len(srv.Requests()); n != 1 {
				t.Errorf("the stand-in got %d requests; want 1", n)
			}
			mu.Lock()
			defer mu.Unlock()
			// (bbolt's Batch runs a failing function a second time, alone.)
			if want := []time.Duration{0, time.Second, 3 * time.Second}; !slices.Equal(slices.Compact(commits), want) {
				t.Errorf("commits tried at %v; want %v", commits, want)
			}
		})
	}
}

// Left hears, in the transaction storing their outcome, of every entry
// that leaves the outbox: delivered, and refused for good after
// Undeliverable was told of it.
func TestSender_LeftHearsOfEveryEntryThatLeaves(t *testing.T) {
	srv := tgtest.New(t)
	srv.Started(701, 702)
	db := openDB(t)
	enqueue(t, db,
		storage.Message{Method: storage.MethodSendMessage, ChatID: 701, Text: "Nhắc hạn", Round: "r1"},
		storage.Message{Method: storage.MethodSendMessage, ChatID: 702, Text: "Nhắc hạn", Round: "r1"},
		storage.Message{Method: storage.MethodSendMessage, ChatID: 777, Text: "Nhắc hạn", Round: "r1"}) // 777 never started the bot
	client, err := tg.New(srv.Token, tg.WithServerURL(srv.URL), tg.WithSkipGetMe())
	if err != nil {
		t.Fatal(err)
	}
	s := NewSender(db, NewTelegram(client), config.Default().Limits, slog.New(slog.NewTextHandler(io.Discard, nil)))
	events := make(chan string, 10)
	s.Undeliverable = func(_ *storage.Tx, m storage.Message, _ string) error {
		events <- "refused " + strconv.FormatInt(m.ChatID, 10)
		return nil
	}
	s.Left = func(tx *storage.Tx, gone []storage.Message) error {
		for _, m := range gone {
			events <- "left " + strconv.FormatInt(m.ChatID, 10) + " " + m.Round
		}
		return nil
	}
	start(t, s)
	var got []string
	for len(got) < 4 {
		select {
		case e := <-events:
			got = append(got, e)
		case <-time.After(10 * time.Second):
			t.Fatalf("after 10 s: %q", got)
		}
	}
	refused := slices.Index(got, "refused 777")
	for _, want := range []string{"left 701 r1", "left 702 r1", "left 777 r1"} {
		if i := slices.Index(got, want); i < 0 || (want == "left 777 r1" && i < refused) {
			t.Errorf("events %q: want %q (after the refusal, for 777)", got, want)
		}
	}
}
