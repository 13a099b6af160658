package bot_test

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"thiduabot/bot/config"
	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

// BenchmarkDelivery_BacklogOf100000 has 100,000 reminders wait in the
// outbox (an outage of a province's reminders: 10,000 people, 10 each)
// while the sender works through them at Telegram's limits, and reports
// the heap in use once it has started (the goal: under 50 MB, flat
// whatever the backlog), and how long a /help typed then waits for its
// reply (the reply goes before the backlog).
func BenchmarkDelivery_BacklogOf100000(b *testing.B) {
	people, each := small(10000, 200), 10
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		h := newHarness(b, func(c *config.Config) { c.Limits = config.Default().Limits })
		h.srv.EnforceLimits(tgtest.TelegramLimits)
		ids := make([]int64, people)
		for p := range ids {
			ids[p] = int64(700000 + p)
		}
		h.srv.Started(ids...)
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		base := ms.HeapInuse
		for r := 0; r < each; r++ {
			err := h.db.Update(func(tx *storage.Tx) error {
				for _, id := range ids {
					if _, err := tx.Outbox().Enqueue(storage.Message{Method: storage.MethodSendMessage, ChatID: id, Priority: storage.PriorityBulk,
						Text: fmt.Sprintf("⏰ Nhắc hạn báo cáo quý IV lần %d: còn 7 ngày, đề nghị đồng chí nộp báo cáo đúng hạn.", r+1)}); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		sent := h.bot.Sender().Stats().Sent
		h.bot.Sender().Notify()
		if err := h.srv.WaitFor(time.Minute, func() bool { return h.bot.Sender().Stats().Sent >= sent+60 }); err != nil {
			b.Fatal("the sender did not start on the backlog")
		}
		runtime.GC()
		runtime.ReadMemStats(&ms)
		mark := h.srv.Mark()
		asked := time.Now()
		h.srv.SendText(headVP, "/help")
		h.waitText(mark, headVP.ID, helpMark)
		reply := time.Since(asked)
		b.StopTimer()
		n, _, _ := h.db.OutboxLen()
		b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "MB-heap-in-use")
		b.ReportMetric(float64(ms.HeapInuse-min(base, ms.HeapInuse))/(1<<20), "MB-heap-over-idle")
		b.ReportMetric(float64(n), "waiting")
		b.ReportMetric(float64(reply.Milliseconds()), "ms-to-help-reply")
		h.stop()
	}
}
