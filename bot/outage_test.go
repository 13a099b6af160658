package bot_test

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"testing"
	"time"

	"thiduabot/bot/config"
	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

// Telegram is gone for ten minutes of the bot's time: every call fails,
// the first by dropping the connection (a time-out), the rest with 502.
// Meanwhile the bot writes its messages to the outbox on disk (the live
// heap grows only by the sender's queue of them, not with the retries),
// retries each chat with backoff and the intake with pauses of 1 s, 2 s,
// 4 s … 30 s, and queues the reminders that fall due. When Telegram is
// back, everything is delivered once, in order per chat, within the
// limits, the reminders within the grace.
func TestOutage_TenMinutesOfFailuresAreRiddenOut(t *testing.T) {
	if testing.Short() {
		t.Skip("outage test")
	}
	h := newHarness(t, func(c *config.Config) {
		c.Limits = config.Limits{PerSecond: 200, PerChatSecond: 1, PerChatBurst: 3, GroupPerMinute: 20}
	})
	h.srv.EnforceLimits(tgtest.Limits{PerSecond: 200, Burst: 200, PerChatSecond: 1, PerChatBurst: 3, GroupPerMinute: 20, GroupBurst: 3})
	// Ten minutes before the 7-day reminders of the quarterly report.
	h.clock.RunFrom(at(13, 16, 50))
	var heads []int64
	for _, u := range h.cfg.Units {
		heads = append(heads, u.Heads...)
	}
	h.srv.Started(heads...)
	const chats, each = 100, 3
	for i := 0; i < chats; i++ {
		h.srv.Started(int64(300_000 + i))
	}
	writers := []tgtest.User{staffAn, staffJo, director}
	if err := h.srv.WaitFor(wait, func() bool { return h.srv.Pollers() > 0 }); err != nil {
		t.Fatal("the bot never took updates")
	}
	h.settle()

	h.srv.Inject("", 0, 40, tgtest.Fault{Drop: true})
	h.srv.Inject("", 0, math.MaxInt, tgtest.Fault{Status: 502})
	outageFrom, firstPause := h.clock.Now(), h.clock.pauses()
	before := h.liveHeap()

	// What the bot has to say meanwhile: a round of notifications, and
	// people who write to it.
	err := h.db.Update(func(tx *storage.Tx) error {
		for k := 0; k < each; k++ {
			for i := 0; i < chats; i++ {
				m := storage.Message{Method: storage.MethodSendMessage, ChatID: int64(300_000 + i), Text: fmt.Sprintf("Thông báo %d", k)}
				if _, err := tx.Outbox().Enqueue(m); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	h.bot.Sender().Notify()
	for _, u := range writers {
		h.srv.SendText(u, "/help")
	}
	var half uint64
	accepted := 0 // by Telegram, during the outage
	for h.clock.Now().Sub(outageFrom) < 10*time.Minute {
		h.clock.Advance(time.Minute)
		if err := h.bot.Sweep(); err != nil { // as cron does, every minute
			t.Fatal(err)
		}
		h.bot.Sender().Notify()
		h.quiet()
		if half == 0 && h.clock.Now().Sub(outageFrom) >= 5*time.Minute {
			accepted += sent(h.srv)
			half = h.liveHeap()
		}
	}
	if accepted += sent(h.srv); accepted != 0 {
		t.Errorf("%d messages were accepted during the outage", accepted)
	}
	after := h.liveHeap()
	queued, _, _ := h.db.OutboxLen()
	t.Logf("live heap: %d KiB before the outage, %d KiB after 5 minutes, %d KiB after 10; %d messages wait in the outbox",
		before>>10, half>>10, after>>10, queued)
	if queued < chats*each+len(heads) {
		t.Errorf("%d messages wait in the outbox; want the %d notifications and the %d reminders", queued, chats*each, len(heads))
	}
	// The outbox is on disk. The heap holds the sender's queue of it (about
	// 600 bytes a message) and the connections it opened again: under 2 MiB
	// here. The retries add nothing: the second five minutes are flat.
	if after > before+2<<20 {
		t.Errorf("the live heap grew from %d KiB to %d KiB over the outage", before>>10, after>>10)
	}
	if after > half+512<<10 {
		t.Errorf("the live heap grew from %d KiB to %d KiB over the outage's second half", half>>10, after>>10)
	}
	pauses := h.clock.pausesFrom(firstPause)
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 30 * time.Second, 30 * time.Second}
	if len(pauses) < len(want) || !slices.Equal(pauses[:len(want)], want) || slices.Max(pauses) > 30*time.Second || len(pauses) > 40 {
		t.Errorf("the intake paused %v; want 1 s, 2 s, 4 s … then 30 s at most", pauses)
	}

	// Telegram is back; every retry time the backoff set has passed.
	h.srv.ClearFaults()
	h.clock.Advance(5 * time.Minute)
	h.bot.Sender().Notify()
	h.settle()
	for i := 0; i < chats; i++ {
		got := plains(h.srv.Messages(int64(300_000 + i)))
		if !slices.Equal(got, []string{"Thông báo 0", "Thông báo 1", "Thông báo 2"}) {
			t.Fatalf("chat %d got %q; want its three notifications once, in order", 300_000+i, got)
		}
	}
	for _, id := range heads {
		if got := h.count(id, "Báo cáo quý"); got != 1 {
			t.Errorf("head %d got %d reminders; want 1", id, got)
		}
	}
	if late := h.clock.Now().Sub(at(13, 17, 0)); late > h.cfg.Reminders.Grace.D() {
		t.Errorf("the reminders went %v after they fell due; want within the grace", late)
	}
	for _, u := range writers {
		if got := len(h.srv.Messages(u.ID)); got != 1 {
			t.Errorf("%d, who wrote during the outage, got %d answers; want 1", u.ID, got)
		}
	}
	for _, r := range h.srv.Requests() {
		if r.Status == 429 {
			t.Fatalf("the stand-in answered 429 to %s at %v", r.Method, r.At)
		}
	}
}

// quiet waits until the bot has done what the clock's time calls for:
// every chat's first waiting message has its next try still to come, and
// the intake is in a pause that ends after now.
func (h *harness) quiet() {
	h.t.Helper()
	err := h.srv.WaitFor(wait, func() bool {
		now := h.clock.Running()
		if !h.clock.pausedPast(now) {
			return false
		}
		pending, err := h.db.Pending(0, math.MaxInt32)
		if err != nil {
			return false
		}
		seen := map[int64]bool{}
		for _, m := range pending {
			if !seen[m.ChatID] && !m.NextAt.After(now) {
				return false
			}
			seen[m.ChatID] = true
		}
		return true
	})
	if err != nil {
		now := h.clock.Running()
		pending, _ := h.db.Pending(0, math.MaxInt32)
		due := 0
		seen := map[int64]bool{}
		for _, m := range pending {
			if !seen[m.ChatID] && !m.NextAt.After(now) {
				due++
			}
			seen[m.ChatID] = true
		}
		h.t.Fatalf("the bot did not settle at %v: paused %v, %d chats due of %d\n%s", now, h.clock.pausedPast(now), due, len(seen), h.logs.String()[max(0, len(h.logs.String())-3000):])
	}
}

// sent counts the messages Telegram accepted.
func sent(srv *tgtest.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == "sendMessage" && r.Status == 200 {
			n++
		}
	}
	return n
}

// liveHeap is the heap in use by live objects, after a collection. What
// the test keeps of the bot's calls and logs (the stand-in's record of every
// call, the log buffer) is let go first: it is the bot's memory that counts.
func (h *harness) liveHeap() uint64 {
	h.srv.ForgetRequests()
	h.logs.forget()
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}
