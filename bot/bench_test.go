package bot_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"thiduabot/bot/config"
	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

// atConfirm is a person with the idea form filled in, waiting at its
// confirm buttons (msg).
type atConfirm struct {
	user tgtest.User
	msg  tgtest.Message
}

// seedAtConfirm makes n active staff spread over the example units (ids
// from 300000), each at the confirm step of the idea form.
func seedAtConfirm(b testing.TB, h *harness, n int) []atConfirm {
	units := config.Example().Units
	for _, u := range units {
		h.srv.Started(u.Heads...)
	}
	return seedAtConfirmIn(b, h, n, func(i int) string { return units[i%len(units)].Code })
}

// seedAtConfirmIn makes n active staff (ids from 300000), the i-th in
// unit(i), each with the idea form filled in ("Tiết kiệm giấy in số i")
// and waiting at its confirm buttons.
func seedAtConfirmIn(b testing.TB, h *harness, n int, unit func(i int) string) []atConfirm {
	b.Helper()
	out := make([]atConfirm, n)
	err := h.db.Update(func(tx *storage.Tx) error {
		adm, _, _ := tx.Member(admin.ID)
		for i := 0; i < n; i++ {
			id := int64(300000 + i)
			if _, err := tx.RequestJoin(id, unit(i), "Cán bộ Thử Nghiệm"); err != nil {
				return err
			}
			if _, err := tx.DecideJoin(adm, id, true); err != nil {
				return err
			}
			// They have talked to the bot before: the form's four steps.
			if _, err := tx.Touch(id, "Cán bộ", "", ""); err != nil {
				return err
			}
			// Stored as forms were before their states were structs.
			state, err := json.Marshal(map[string]string{
				"theme": "thrift", "title": fmt.Sprintf("Tiết kiệm giấy in số %d", i),
				"description": "In hai mặt, dùng văn bản điện tử thay cho bản giấy.", "savings": "1500000",
			})
			if err != nil {
				return err
			}
			f := storage.Form{Kind: "idea", Step: "confirm", Data: state}
			if err := tx.Forms().Put(id, f); err != nil {
				return err
			}
			out[i].user = tgtest.User{ID: id, FirstName: "Cán bộ"}
			out[i].msg = h.srv.BotMessage(id, "Nộp sáng kiến này?", [][]tgtest.Button{{{Text: "Nộp", Data: "f:ok"}, {Text: "Hủy", Data: "f:cancel"}}})
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return out
}

// profileWindow writes a CPU profile of the timed part of a benchmark
// alone (not its set-up) to $BENCH_CPUPROFILE.name.prof, when that is set;
// the returned function ends it.
func profileWindow(b *testing.B) func() {
	dir := os.Getenv("BENCH_CPUPROFILE")
	if dir == "" {
		return func() {}
	}
	f, err := os.Create(dir + "." + strings.ReplaceAll(b.Name(), "/", "_") + ".prof")
	if err != nil {
		b.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		b.Fatal(err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

// cpuTime is the CPU time the process has used, user and system, in
// nanoseconds: the bot, the client and the stand-in together.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// waitCount waits until n messages past mark contain s.
func waitCount(b testing.TB, srv *tgtest.Server, mark tgtest.Mark, s string, n int) {
	b.Helper()
	contains := func(m tgtest.Message) int {
		if strings.Contains(m.Plain, s) {
			return 1
		}
		return 0
	}
	waitTally(b, srv, mark, map[string]func(tgtest.Message) int{s: contains}, map[string]int{s: n})
}

// waitTally waits until, for each name in want, the messages past mark
// add up to want[name] by count[name].
func waitTally(b testing.TB, srv *tgtest.Server, mark tgtest.Mark, count map[string]func(tgtest.Message) int, want map[string]int) {
	b.Helper()
	seen := map[string]int{}
	done := func() bool {
		for s, n := range want {
			if seen[s] < n {
				return false
			}
		}
		return true
	}
	err := srv.WaitFor(time.Duration(small(300, 60))*time.Second, func() bool {
		fresh := srv.LogSince(mark)
		for _, m := range fresh {
			for s, f := range count {
				seen[s] += f(m)
			}
		}
		mark += tgtest.Mark(len(fresh))
		return done()
	})
	if err != nil {
		b.Fatalf("of the messages wanted %v, these arrived: %v", want, seen)
	}
}

// BenchmarkIntake_IdeaSubmissions measures idea submissions end to end: the
// confirm press goes in through the real client's long poll, is validated,
// committed with fsync, and its reply and the head's card are sent. The
// limits are lifted, or Telegram's 30 messages/s would be all it measures.
func BenchmarkIntake_IdeaSubmissions(b *testing.B) {
	b.ReportAllocs()
	c := submissions(b, b.N)
	b.ReportMetric(float64(time.Second)/float64(c.wall), "submissions/s")
	b.ReportMetric(float64(c.cpu)/1e3, "cpu-µs/op")
	b.ReportMetric(c.calls, "calls/op")
}

// BenchmarkIntake_EchoBot is the yardstick: a bare echo bot on the same
// client (go-telegram/bot, its own polling loop) and stand-in.
func BenchmarkIntake_EchoBot(b *testing.B) {
	b.ReportAllocs()
	c := echoes(b, b.N)
	b.ReportMetric(float64(time.Second)/float64(c.wall), "updates/s")
	b.ReportMetric(float64(c.cpu)/1e3, "cpu-µs/op")
}

// BenchmarkIntake_EchoBotPooled is the echo bot with an HTTP client that
// keeps enough idle connections for its concurrent calls, as the bot's
// does (net/http keeps two per host by default, so the bare echo bot
// opens a connection for most calls): the yardstick without that handicap.
func BenchmarkIntake_EchoBotPooled(b *testing.B) {
	b.ReportAllocs()
	c := echoes(b, b.N, pooled())
	b.ReportMetric(float64(time.Second)/float64(c.wall), "updates/s")
	b.ReportMetric(float64(c.cpu)/1e3, "cpu-µs/op")
}

// BenchmarkIntake_CostAgainstEchoBot puts the two side by side in one
// run: b.N submissions, then b.N updates to the bare echo bot and as many
// to the pooled one; it reports what a submission costs against an echo
// update, in wall and CPU time (the target: at most 2×). Its ns/op is the
// three together.
func BenchmarkIntake_CostAgainstEchoBot(b *testing.B) {
	sub := submissions(b, b.N)
	echo := echoes(b, b.N)
	echoPooled := echoes(b, b.N, pooled())
	b.ReportMetric(float64(sub.wall)/float64(echo.wall), "×echo-wall")
	b.ReportMetric(float64(sub.cpu)/float64(echo.cpu), "×echo-cpu")
	b.ReportMetric(float64(sub.wall)/float64(echoPooled.wall), "×pooled-echo-wall")
	b.ReportMetric(float64(sub.cpu)/float64(echoPooled.cpu), "×pooled-echo-cpu")
}

// cost is the wall and CPU time one operation took, and the Bot API calls
// it made (besides taking updates), where counted.
type cost struct {
	wall, cpu time.Duration
	calls     float64
}

// measure runs op, which performs n operations, on the benchmark's timer,
// and returns its cost per operation.
func measure(b *testing.B, n int, op func()) cost {
	b.StartTimer()
	stop := profileWindow(b)
	cpu := cpuTime()
	start := time.Now()
	op()
	wall := time.Since(start)
	cpu = cpuTime() - cpu
	stop()
	b.StopTimer()
	return cost{wall: wall / time.Duration(n), cpu: time.Duration(cpu) / time.Duration(n)}
}

// submissions measures n idea submissions end to end: the confirm press
// goes in through the real client's long poll, is validated, committed
// with fsync, and the button's answer, the receipt and the head's card
// (alone, or a line of a list when several wait for the same head) are
// sent. The limits are lifted, or Telegram's 30 messages/s would be all it
// measures.
func submissions(b *testing.B, n int) cost {
	b.StopTimer()
	h := newHarness(b)
	people := seedAtConfirm(b, h, n)
	h.settle()
	heads := map[int64]bool{}
	for _, u := range h.cfg.Units {
		for _, id := range u.Heads {
			heads[id] = true
		}
	}
	before := len(h.srv.Requests())
	c := measure(b, n, func() {
		mark := h.srv.Mark()
		for _, p := range people {
			h.srv.PressForged(p.user, p.msg, "f:ok")
		}
		waitTally(b, h.srv, mark, map[string]func(tgtest.Message) int{
			"receipts": func(m tgtest.Message) int { return strings.Count(m.Plain, "Đã nộp sáng kiến") },
			"ideas shown to heads": func(m tgtest.Message) int {
				if !heads[m.ChatID] {
					return 0
				}
				return strings.Count(m.Plain, "Tiết kiệm giấy in số")
			},
		}, map[string]int{"receipts": n, "ideas shown to heads": n})
	})
	h.settleWithin(5 * time.Minute)
	h.stop()
	for _, r := range h.srv.Requests()[before:] {
		if r.Method != "getUpdates" {
			c.calls++
		}
	}
	c.calls /= float64(n)
	return c
}

// pooled is the echo bot's option for an HTTP client that keeps its
// connections.
func pooled() tg.Option {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 64
	return tg.WithHTTPClient(30*time.Second, &http.Client{Timeout: 30 * time.Second, Transport: t})
}

// echoes measures a bare echo bot answering n messages.
func echoes(b *testing.B, n int, opts ...tg.Option) cost {
	b.StopTimer()
	srv := tgtest.New(b)
	opts = append([]tg.Option{tg.WithServerURL(srv.URL), tg.WithSkipGetMe(),
		tg.WithDefaultHandler(func(ctx context.Context, bot *tg.Bot, u *models.Update) {
			if u.Message != nil {
				bot.SendMessage(ctx, &tg.SendMessageParams{ChatID: u.Message.Chat.ID, Text: "echo: " + u.Message.Text})
			}
		})}, opts...)
	client, err := tg.New(srv.Token, opts...)
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { client.Start(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	return measure(b, n, func() {
		mark := srv.Mark()
		for i := 0; i < n; i++ {
			srv.SendText(tgtest.User{ID: int64(300000 + i)}, "Tiết kiệm giấy in")
		}
		waitCount(b, srv, mark, "echo:", n)
	})
}

// BenchmarkStorage_RawCommits is the floor: the same records (an idea, its
// indexes, the reply and the head's card in the outbox, the update id)
// committed by concurrent writers through bbolt's Batch with fsync on, and
// nothing else.
func BenchmarkStorage_RawCommits(b *testing.B) {
	db, err := storage.Open(filepath.Join(b.TempDir(), "raw.db"), storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	org := config.Example()
	var units []storage.OrgUnit
	for _, u := range org.Units {
		units = append(units, storage.OrgUnit{Code: u.Code, Name: u.Name, Heads: u.Heads})
	}
	db.SyncOrg(storage.Org{Units: units, Admins: org.Org.Admins})
	db.Update(func(tx *storage.Tx) error {
		adm, _, _ := tx.Member(1001)
		for i := 0; i < b.N; i++ {
			tx.RequestJoin(int64(300000+i), "VP", "Cán bộ Thử Nghiệm")
			tx.DecideJoin(adm, int64(300000+i), true)
		}
		return nil
	})
	var next atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for w := 0; w < 100; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(b.N) {
					return
				}
				err := db.ApplyUpdate(1_000_000+i, func(tx *storage.Tx) error {
					me, _, _ := tx.Member(300000 + i)
					idea, err := tx.SubmitIdea(me, storage.Idea{Theme: storage.ThemeThrift, Title: "Tiết kiệm giấy in", Description: "In hai mặt.", EstSavings: 1_500_000})
					if err != nil {
						return err
					}
					tx.Outbox().Enqueue(storage.Message{Method: storage.MethodSendMessage, ChatID: me.UserID, Text: "Đã lưu " + idea.Ref()})
					_, err = tx.Outbox().Enqueue(storage.Message{Method: storage.MethodSendMessage, ChatID: 2001, Text: idea.Title})
					return err
				})
				if err != nil {
					b.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "commits/s")
}

// BenchmarkDelivery_RoundTo1000Chats sends 1,000 messages to 1,000 chats
// and 5 group postings through the sender at Telegram's limits (30/s
// overall, 1/s per chat, 20/min per group), against the stand-in enforcing
// them. It reports the throughput as a share of the limit and the 429s.
func BenchmarkDelivery_RoundTo1000Chats(b *testing.B) {
	for i := 0; i < b.N; i++ {
		deliveryRound(b, small(1000, 60), small(5, 1), 0)
	}
}

// small is n, or under -short (CI runs every benchmark's body once, small,
// so that one that cannot finish fails it) the smaller size.
func small(n, short int) int {
	if testing.Short() {
		return short
	}
	return n
}

// BenchmarkDelivery_429Storm is the same round with the stand-in answering
// 429 (retry_after 1 s) to 200 calls: nothing lost, nothing twice, no
// request before its retry_after (the stand-in records any as a violation).
func BenchmarkDelivery_429Storm(b *testing.B) {
	for i := 0; i < b.N; i++ {
		deliveryRound(b, small(1000, 60), small(5, 1), small(200, 20))
	}
}

func deliveryRound(b *testing.B, chats, group, storm int) {
	h := newHarness(b, func(c *config.Config) { c.Limits = config.Default().Limits })
	h.srv.EnforceLimits(tgtest.TelegramLimits)
	for i := 0; i < chats; i++ {
		h.srv.Started(int64(400000 + i))
	}
	if storm > 0 {
		h.srv.Inject("sendMessage", 0, storm, tgtest.Fault{Status: 429, RetryAfter: 1})
	}
	err := h.db.Update(func(tx *storage.Tx) error {
		for i := 0; i < chats; i++ {
			if _, err := tx.Outbox().Enqueue(storage.Message{Method: storage.MethodSendMessage, ChatID: int64(400000 + i), Text: fmt.Sprintf("⏰ Nhắc hạn báo cáo %d", i)}); err != nil {
				return err
			}
		}
		for i := 0; i < group; i++ {
			if _, err := tx.Outbox().Enqueue(storage.Message{Method: storage.MethodSendMessage, ChatID: h.cfg.Telegram.GroupChatID, Text: fmt.Sprintf("🏆 Bảng xếp hạng %d", i)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	start := time.Now()
	h.bot.Sender().Notify()
	h.settleWithin(5 * time.Minute)
	elapsed := time.Since(start)
	b.StopTimer()
	sent, tooMany, early := 0, 0, 0
	perChat := map[string]int{}
	for _, r := range h.srv.Requests() {
		if r.Method != "sendMessage" {
			continue
		}
		switch r.Status {
		case 200:
			sent++
			perChat[r.Params["chat_id"]]++
		case 429:
			tooMany++
		}
	}
	for _, v := range h.srv.Violations() {
		if strings.Contains(v, "retry_after") {
			early++
		}
	}
	twice := 0
	for _, n := range perChat {
		if n > 1 && len(perChat) > group {
			twice += n - 1
		}
	}
	twice -= group - 1 // the group chat gets its 5 on purpose
	if sent != chats+group || twice != 0 {
		b.Errorf("delivered %d of %d, %d twice", sent, chats+group, twice)
	}
	rate := float64(sent) / elapsed.Seconds()
	b.ReportMetric(rate, "msgs/s")
	b.ReportMetric(100*rate/30, "%-of-limit")
	b.ReportMetric(float64(tooMany-storm), "unasked-429s")
	b.ReportMetric(float64(early), "early-retries")
}

// BenchmarkDelivery_ReplyLatencyDuringRound has a reminder round go to
// 1,000 heads at Telegram's limits (the stand-in enforcing them) while 100
// of them, each at a random moment of the round, type /help. It reports
// the time from each update's arrival at the stand-in to its reply's
// delivery (p50, p95, p99), the round's throughput (its reminders as a
// share of the limit, and of the room the replies sent meanwhile left),
// everything sent as a share of the limit, and the 429s.
func BenchmarkDelivery_ReplyLatencyDuringRound(b *testing.B) {
	for i := 0; i < b.N; i++ {
		replyLatencyDuringRound(b, small(1000, 90), small(100, 10))
	}
}

// helpMark is in the /help reply (help.title), and in no other.
const helpMark = "Các lệnh đồng chí được dùng"

func replyLatencyDuringRound(b *testing.B, heads, people int) {
	b.StopTimer()
	// At 16:00 on 13 December nothing is due; at 17:00 the quarter's
	// report is 7 days away and every unit's head is reminded.
	h := newHarnessAt(b, at(13, 16, 0), func(c *config.Config) {
		c.Units = nil
		for i := 0; i < heads; i++ {
			c.Units = append(c.Units, config.Unit{Code: fmt.Sprintf("U%04d", i), Name: fmt.Sprintf("Đơn vị %d", i), Heads: []int64{int64(400000 + i)}})
		}
		c.Limits = config.Default().Limits
	})
	h.srv.EnforceLimits(tgtest.TelegramLimits)
	for i := 0; i < heads; i++ {
		h.srv.Started(int64(400000 + i))
	}
	// A configured head is asked for their full name the first time they
	// write: these heads gave theirs before, so /help is what they get.
	err := h.db.Update(func(tx *storage.Tx) error {
		for i := 0; i < heads; i++ {
			if _, err := tx.SetFullName(int64(400000+i), fmt.Sprintf("Trưởng Đơn Vị %s", strings.Repeat("A", 1+i%5))); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	h.settle()
	// The same people at the same moments in every run: the round takes
	// about heads/30 seconds, and the commands come within its first 90 %.
	rng := rand.New(rand.NewPCG(14, 1))
	who := rng.Perm(heads)[:people]
	span := time.Duration(float64(heads) / 30 * 0.9 * float64(time.Second))
	moments := make([]time.Duration, people)
	for i := range moments {
		moments[i] = time.Duration(rng.Int64N(int64(span)))
	}
	slices.Sort(moments)

	mark := h.srv.Mark()
	h.clock.Set(at(13, 17, 0))
	b.StartTimer()
	start := time.Now()
	if err := h.bot.Sweep(); err != nil {
		b.Fatal(err)
	}
	arrived := make([]time.Time, people)
	for i, d := range moments {
		time.Sleep(time.Until(start.Add(d))) // a person typing, not a test waiting
		arrived[i] = time.Now()
		h.srv.SendText(tgtest.User{ID: int64(400000 + who[i]), FirstName: "Trưởng", LanguageCode: "vi"}, "/help")
	}
	waitCount(b, h.srv, mark, helpMark, people)
	h.settleWithin(5 * time.Minute)
	b.StopTimer()

	var latencies []time.Duration
	for i := range people {
		for _, m := range h.srv.Messages(int64(400000 + who[i])) {
			if strings.Contains(m.Plain, helpMark) {
				latencies = append(latencies, m.At.Sub(arrived[i]))
				break
			}
		}
	}
	slices.Sort(latencies)
	pct := func(q float64) float64 {
		return float64(latencies[int(math.Ceil(q*float64(len(latencies))))-1]) / float64(time.Millisecond)
	}
	var reminders, all, others int
	var roundEnd, allEnd time.Time
	sent := h.srv.LogSince(mark)
	for _, m := range sent {
		all++
		allEnd = m.At
		if strings.Contains(m.Plain, "Nhắc hạn") {
			reminders++
			roundEnd = m.At
		}
	}
	for _, m := range sent {
		if !strings.Contains(m.Plain, "Nhắc hạn") && !m.At.After(roundEnd) {
			others++ // replies sent while the round went out
		}
	}
	tooMany := 0
	for _, r := range h.srv.Requests() {
		if r.Status == 429 {
			tooMany++
		}
	}
	if reminders != heads || len(latencies) != people {
		b.Errorf("%d reminders of %d and %d replies of %d delivered", reminders, heads, len(latencies), people)
	}
	took := roundEnd.Sub(start).Seconds()
	round := float64(reminders) / took
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.95), "p95-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(round, "round-msgs/s")
	// The round alone cannot reach the whole limit while replies share
	// it: what it may have is the room they leave.
	b.ReportMetric(100*round/30, "round-%-of-limit")
	b.ReportMetric(100*round/(30-float64(others)/took), "round-%-of-room")
	b.ReportMetric(100*float64(all)/allEnd.Sub(start).Seconds()/30, "all-%-of-limit")
	b.ReportMetric(float64(tooMany), "429s")
}

// settleWithin is settle with a longer patience, for whole delivery rounds.
func (h *harness) settleWithin(d time.Duration) {
	h.t.Helper()
	err := h.srv.WaitFor(d, func() bool {
		n, _, _ := h.db.OutboxLen()
		return n == 0
	})
	if err != nil {
		h.t.Fatal("the outbox did not drain")
	}
}

// BenchmarkMemory_TenThousandOpenForms has 10,000 people each start the
// idea form and type a title, then reports the heap in use: form state
// lives in bbolt, not in memory.
func BenchmarkMemory_TenThousandOpenForms(b *testing.B) {
	people := small(10000, 200)
	for i := 0; i < b.N; i++ {
		h := newHarness(b)
		err := h.db.Update(func(tx *storage.Tx) error {
			adm, _, _ := tx.Member(admin.ID)
			for i := 0; i < people; i++ {
				tx.RequestJoin(int64(500000+i), "CNTT", "Cán bộ Thử Nghiệm")
				if _, err := tx.DecideJoin(adm, int64(500000+i), true); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		mark := h.srv.Mark()
		for i := 0; i < people; i++ {
			h.srv.SendText(tgtest.User{ID: int64(500000 + i)}, "/idea")
		}
		waitCount(b, h.srv, mark, "bước 1/4", people)
		h.settle()
		var forms int
		h.db.View(func(tx *storage.Tx) error {
			for i := 0; i < people; i++ {
				if _, ok, _ := tx.Forms().Get(int64(500000 + i)); ok {
					forms++
				}
			}
			return nil
		})
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "MB-heap-in-use")
		b.ReportMetric(float64(forms), "open-forms")
	}
}

// BenchmarkStorage_ProgressFileSize writes 1,000,000 progress entries (on
// 1,000 accepted ideas) and reports the database file's size.
func BenchmarkStorage_ProgressFileSize(b *testing.B) {
	ideas, perIdea := small(1000, 20), small(1000, 100)
	for n := 0; n < b.N; n++ {
		path := filepath.Join(b.TempDir(), "progress.db")
		db, err := storage.Open(path, storage.Options{})
		if err != nil {
			b.Fatal(err)
		}
		db.SyncOrg(storage.Org{Units: []storage.OrgUnit{{Code: "VP", Name: "Văn phòng Sở", Heads: []int64{2001}}}, Directors: []int64{1002}})
		var ids []uint64
		err = db.Update(func(tx *storage.Tx) error {
			d, _, _ := tx.Member(1002)
			head, _, _ := tx.Member(2001)
			for i := 0; i < ideas; i++ {
				id := int64(600000 + i)
				tx.RequestJoin(id, "VP", "Cán bộ Thử Nghiệm")
				m, err := tx.DecideJoin(head, id, true)
				if err != nil {
					return err
				}
				idea, err := tx.SubmitIdea(m, storage.Idea{Theme: storage.ThemeThrift, Title: "Tiết kiệm điện", Description: "Tắt đèn.", EstSavings: 1})
				if err != nil {
					return err
				}
				ids = append(ids, idea.ID)
				if _, err := tx.DecideIdea(head, idea.ID, storage.Decision{Action: storage.ActEndorse}); err != nil {
					return err
				}
				if _, err := tx.DecideIdea(d, idea.ID, storage.Decision{Action: storage.ActAccept, Scores: storage.Scores{Novelty: 5, Applicability: 5, Benefit: 5}}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		for round := 0; round < perIdea; round += 50 {
			err := db.Update(func(tx *storage.Tx) error {
				for r := round; r < round+50; r++ {
					for i, id := range ids {
						m, _, _ := tx.Member(int64(600000 + i))
						if _, err := tx.ReportProgress(m, storage.Progress{IdeaID: id, Percent: r % 99, Saved: int64(r) * 10000, Note: "Đang làm"}); err != nil {
							return err
						}
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		db.Close()
		fi, err := os.Stat(path)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(fi.Size())/(1<<20), "MB-per-1M-progress")
	}
}
