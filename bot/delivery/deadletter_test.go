package delivery

import (
	"slices"
	"sync"
	"testing"

	tg "github.com/go-telegram/bot"

	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

// An entry that can never be sent goes to the dead letters, and the
// entries queued behind it in its chat go on: one whose method this
// program does not know, at once; one Telegram refuses with a 404, after
// MaxRefusals tries. Each is heard of once, with its kind; an outage (5xx)
// is tried for as long as it takes.
func TestSender_DeadLettersNeverBlockTheirChat(t *testing.T) {
	srv := tgtest.New(t)
	srv.Started(701, 702, 703)
	db := openDB(t)
	enqueue(t, db,
		storage.Message{Method: "sendSticker", ChatID: 701, Text: "?"},
		storage.Message{Method: storage.MethodSendMessage, ChatID: 701, Text: "sau tin lạ"},
		storage.Message{Method: storage.MethodSendMessage, ChatID: 702, Text: "bị từ chối"},
		storage.Message{Method: storage.MethodSendMessage, ChatID: 702, Text: "sau tin bị từ chối"},
		storage.Message{Method: storage.MethodSendMessage, ChatID: 703, Text: "qua sự cố"})
	srv.Inject("sendMessage", 702, MaxRefusals, tgtest.Fault{Status: 404})
	srv.Inject("sendMessage", 703, 2*MaxRefusals, tgtest.Fault{Status: 502})
	client, err := tg.New(srv.Token, tg.WithServerURL(srv.URL), tg.WithSkipGetMe())
	if err != nil {
		t.Fatal(err)
	}
	clock := newFakeClock()
	api := newRecorder(clock, NewTelegram(client))
	s := newTestSender(db, api, clock)
	var mu sync.Mutex
	var heard []string
	s.DeadLettered = func(_ *storage.Tx, m storage.Message, kind, _ string) error {
		mu.Lock()
		defer mu.Unlock()
		heard = append(heard, kind)
		return nil
	}
	start(t, s)
	drive(t, clock, 200, func() bool { n, _, _ := db.OutboxLen(); return n == 0 }, nil)

	delivered := map[int64][]string{}
	for _, id := range []int64{701, 702, 703} {
		for _, m := range srv.Messages(id) {
			delivered[id] = append(delivered[id], m.Plain)
		}
	}
	for id, want := range map[int64][]string{701: {"sau tin lạ"}, 702: {"sau tin bị từ chối"}, 703: {"qua sự cố"}} {
		if !slices.Equal(delivered[id], want) {
			t.Errorf("chat %d got %q; want %q", id, delivered[id], want)
		}
	}
	tries := 0
	for _, c := range api.made() {
		if c.msg.Text == "bị từ chối" {
			tries++
		}
	}
	if tries != MaxRefusals {
		t.Errorf("the refused message was tried %d times; want %d", tries, MaxRefusals)
	}
	mu.Lock()
	slices.Sort(heard)
	if want := []string{"sendMessage 404", "unknown method sendSticker"}; !slices.Equal(heard, want) {
		t.Errorf("heard of dead letters %q; want %q", heard, want)
	}
	mu.Unlock()
	var dead []storage.Message
	db.View(func(tx *storage.Tx) error {
		dead, err = tx.Sending().DeadLetters(10)
		return err
	})
	if len(dead) != 2 || dead[0].Text != "bị từ chối" || dead[1].Method != "sendSticker" {
		t.Errorf("dead letters %+v; want the refused one and the sticker", dead)
	}
	if n, _ := db.DeadLetterCount(); n != 2 {
		t.Errorf("DeadLetterCount = %d; want 2", n)
	}
	if got := s.Stats().DeadLettered; got != 2 {
		t.Errorf("Stats().DeadLettered = %d; want 2", got)
	}
}
