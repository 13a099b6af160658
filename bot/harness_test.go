package bot_test

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"thiduabot/bot"
	"thiduabot/bot/config"
	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

// The example organisation's people (config.Example).
var (
	admin    = tgtest.User{ID: 1001, FirstName: "Phạm", LastName: "Thu Hà", Username: "tdtt_ha", LanguageCode: "vi"}
	director = tgtest.User{ID: 1002, FirstName: "Lê", LastName: "Quang Minh", LanguageCode: "vi"}
	headVP   = tgtest.User{ID: 2001, FirstName: "Đỗ", LastName: "Văn Hùng", LanguageCode: "vi"}
	headCNTT = tgtest.User{ID: 2005, FirstName: "Vũ", LastName: "Thị Lan", LanguageCode: "en"}
	staffAn  = tgtest.User{ID: 5001, FirstName: "An", LanguageCode: "vi"}
	staffJo  = tgtest.User{ID: 5002, FirstName: "John", LanguageCode: "en"}
)

const wait = 10 * time.Second

// harness runs the real bot against the stand-in, on a real bbolt file.
type harness struct {
	t     testing.TB
	clock *clock
	srv   *tgtest.Server
	cfg   *config.Config
	db    *storage.DB
	bot   *bot.Bot
	logs  *syncBuffer

	cancel context.CancelFunc
	done   chan error
}

type syncBuffer struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	written chan struct{}
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.written != nil {
		close(b.written)
		b.written = nil
	}
	return b.buf.Write(p)
}

// waitFor waits until the logs contain s.
func (b *syncBuffer) waitFor(s string, timeout time.Duration) bool {
	deadline := time.After(timeout)
	for {
		b.mu.Lock()
		if strings.Contains(b.buf.String(), s) {
			b.mu.Unlock()
			return true
		}
		if b.written == nil {
			b.written = make(chan struct{})
		}
		ch := b.written
		b.mu.Unlock()
		select {
		case <-ch:
		case <-deadline:
			return false
		}
	}
}

// forget drops what was logged so far.
func (b *syncBuffer) forget() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = bytes.Buffer{}
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// newHarness starts a stand-in and the bot. Limits are lifted unless the
// test sets them in edit.
func newHarness(t testing.TB, edit ...func(*config.Config)) *harness {
	return newHarnessAt(t, time.Time{}, edit...)
}

// newHarnessAt is newHarness with the clock set to start.
func newHarnessAt(t testing.TB, start time.Time, edit ...func(*config.Config)) *harness {
	t.Helper()
	srv := tgtest.New(t)
	cfg := config.Example()
	cfg.Telegram.APIURL, cfg.Telegram.Token = srv.URL, srv.Token
	cfg.Telegram.PollTimeout = config.Duration(2 * time.Second)
	cfg.Storage.Path = filepath.Join(t.TempDir(), "thiduabot.db")
	cfg.Limits = config.Limits{PerSecond: 10000, PerChatSecond: 10000, PerChatBurst: 100, GroupPerMinute: 60000}
	for _, e := range edit {
		e(&cfg)
	}
	srv.AddGroup(cfg.Telegram.GroupChatID)
	h := &harness{t: t, srv: srv, cfg: &cfg, logs: &syncBuffer{}, clock: &clock{}}
	h.clock.Set(start)
	h.start()
	// The configured people have given their full names (name_test.go
	// shows them asked).
	err := h.db.Update(func(tx *storage.Tx) error {
		for _, u := range []tgtest.User{admin, director, headVP, headCNTT} {
			if m, ok, err := tx.Member(u.ID); err != nil || !ok || !m.Active() {
				continue // not in this test's organisation
			}
			if _, err := tx.SetFullName(u.ID, u.FirstName+" "+u.LastName); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		h.stop()
		for _, v := range srv.Violations() {
			t.Errorf("Bot API rule broken: %s", v)
		}
		if ref := tgtest.ReferencePath(); ref != "" {
			problems, err := tgtest.CheckAgainstReference(ref, srv.Requests())
			if err != nil {
				t.Error(err)
			}
			for _, p := range problems {
				t.Errorf("request not in the Bot API reference: %s", p)
			}
		}
	})
	return h
}

func (h *harness) start() {
	h.t.Helper()
	db := h.openDB()
	h.run(db, h.newBot(db))
}

// openDB opens the harness's database as the bot does, on the harness's
// clock.
func (h *harness) openDB() *storage.DB {
	h.t.Helper()
	opt := h.cfg.StoreOptions()
	opt.Clock = h.clock.Now
	db, err := storage.Open(h.cfg.Storage.Path, opt)
	if err != nil {
		h.t.Fatal(err)
	}
	return db
}

// newBot makes the bot on db, its waits on the harness's clock.
func (h *harness) newBot(db *storage.DB) *bot.Bot {
	h.t.Helper()
	log := bot.NewLogger(h.logs, "text", "debug", h.cfg.Telegram.Token)
	b, err := bot.New(h.cfg, db, log)
	if err != nil {
		h.t.Fatal(err)
	}
	b.Sleep = h.clock.Sleep
	return b
}

// run runs b on db until stop.
func (h *harness) run(db *storage.DB, b *bot.Bot) {
	b.Sender().Clock = runningClock{h.clock}
	ctx, cancel := context.WithCancel(context.Background())
	h.db, h.bot, h.cancel, h.done = db, b, cancel, make(chan error, 1)
	go func() { h.done <- b.Run(ctx) }()
}

// stop stops the bot as SIGTERM would and closes the database.
func (h *harness) stop() {
	if h.cancel == nil {
		return
	}
	h.cancel()
	if err := <-h.done; err != nil {
		h.t.Errorf("Run = %v; want nil after a stop", err)
	}
	if err := h.db.Check(); err != nil {
		h.t.Errorf("database check: %v", err)
	}
	h.db.Close()
	h.cancel = nil
}

func (h *harness) restart() {
	h.stop()
	h.start()
}

// say sends text as user and returns the bot's next message to them.
func (h *harness) say(u tgtest.User, text string) tgtest.Message {
	h.t.Helper()
	mark := h.srv.Mark()
	h.srv.SendText(u, text)
	return h.next(mark, u.ID)
}

// next waits for the first message to chat after mark, or edit of a
// message's text (taking buttons off a message does not count).
func (h *harness) next(mark tgtest.Mark, chatID int64) tgtest.Message {
	h.t.Helper()
	m, err := h.srv.WaitMessage(mark, wait, func(m tgtest.Message) bool {
		return m.ChatID == chatID && m.Last != "editMessageReplyMarkup"
	})
	if err != nil {
		h.t.Fatalf("no message to %d: %v\nlog:\n%s", chatID, err, h.logs.String())
	}
	return m
}

// waitText waits for a message to chat after mark whose text contains s.
func (h *harness) waitText(mark tgtest.Mark, chatID int64, s string) tgtest.Message {
	h.t.Helper()
	m, err := h.srv.WaitMessage(mark, wait, func(m tgtest.Message) bool { return m.ChatID == chatID && strings.Contains(m.Plain, s) })
	if err != nil {
		h.t.Fatalf("no message to %d containing %q: %v\nmessages there: %v", chatID, s, err, plains(h.srv.Messages(chatID)))
	}
	return m
}

// press presses a button of a message the bot sent to u, and returns the
// next message or edit in that chat.
func (h *harness) press(u tgtest.User, m tgtest.Message, data string) tgtest.Message {
	h.t.Helper()
	mark := h.srv.Mark()
	if _, err := h.srv.Press(u, m, data); err != nil {
		h.t.Fatal(err)
	}
	return h.next(mark, m.ChatID)
}

// settle waits until every update was handled and every message sent.
func (h *harness) settle() {
	h.t.Helper()
	err := h.srv.WaitFor(wait, func() bool {
		n, _, _ := h.db.OutboxLen()
		return h.srv.Pending() == 0 && n == 0 && h.bot.Sender().Answering() == 0
	})
	if err != nil {
		n, _, _ := h.db.OutboxLen()
		h.t.Fatalf("not settled: %d updates pending, %d messages in the outbox", h.srv.Pending(), n)
	}
}

func plains(ms []tgtest.Message) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Plain)
	}
	return out
}

func mustContain(t *testing.T, m tgtest.Message, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(m.Plain, p) {
			t.Errorf("message %q does not contain %q", m.Plain, p)
		}
	}
}

// invite has the head of VP (or whoever) make an invite and returns its code.
func (h *harness) invite(by tgtest.User, unit string) string {
	h.t.Helper()
	m := h.say(by, "/invite "+unit)
	_, code, ok := strings.Cut(m.Plain, "?start=")
	if !ok {
		h.t.Fatalf("no invite link in %q", m.Plain)
	}
	return strings.Fields(code)[0]
}

// join takes u through the invite → consent → name → approval by the
// head of VP.
func (h *harness) join(u tgtest.User, name string) {
	h.t.Helper()
	h.say(headVP, "/start")
	code := h.invite(headVP, "VP")
	h.consent(u, code)
	mark := h.srv.Mark()
	h.srv.SendText(u, name)
	req := h.waitText(mark, headVP.ID, name)
	h.press(headVP, req, "j:a:")
	h.waitText(mark, u.ID, "/idea") // the welcome points to /idea
}

// consent opens an invite as u and consents to what the bot stores; it
// returns the bot's question for the full name.
func (h *harness) consent(u tgtest.User, code string) tgtest.Message {
	h.t.Helper()
	notice := h.say(u, "/start "+code)
	if _, ok := notice.Button("f:yes"); !ok {
		h.t.Fatalf("no consent asked at the join step: %q %v", notice.Plain, notice.Keyboard)
	}
	mark := h.srv.Mark()
	if _, err := h.srv.Press(u, notice, "f:yes"); err != nil {
		h.t.Fatal(err)
	}
	m, err := h.srv.WaitMessage(mark, wait, func(m tgtest.Message) bool {
		return m.ChatID == u.ID && m.Last == "send"
	})
	if err != nil {
		h.t.Fatalf("no question for the name after the consent: %v", err)
	}
	return m
}

// sweepAt moves the clock to t, runs the reminder sweep (as cron would)
// and waits until everything it sent is delivered.
func (h *harness) sweepAt(t time.Time) {
	h.t.Helper()
	h.clock.Set(t)
	if err := h.bot.Sweep(); err != nil {
		h.t.Fatal(err)
	}
	h.settle()
}

// count counts the messages to chat whose text contains s.
// answered counts the answers to pressed buttons, among the requests from
// the from-th on, whose text contains s.
func (h *harness) answered(from int, s string) int {
	n := 0
	for _, r := range h.srv.Requests()[from:] {
		if r.Method == "answerCallbackQuery" && strings.Contains(r.Params["text"], s) {
			n++
		}
	}
	return n
}

func (h *harness) count(chatID int64, s string) int {
	n := 0
	for _, m := range h.srv.Messages(chatID) {
		if strings.Contains(m.Plain, s) {
			n++
		}
	}
	return n
}

// current is message m as it stands now, after every edit.
func (h *harness) current(m tgtest.Message) tgtest.Message {
	h.t.Helper()
	for _, now := range h.srv.Messages(m.ChatID) {
		if now.ID == m.ID {
			return now
		}
	}
	h.t.Fatalf("message %d to %d is gone", m.ID, m.ChatID)
	return m
}

// ask sends text as u and returns the bot's next message to them that
// contains want (others may come meanwhile: notices of what others did).
func (h *harness) ask(u tgtest.User, text, want string) tgtest.Message {
	h.t.Helper()
	mark := h.srv.Mark()
	h.srv.SendText(u, text)
	return h.waitText(mark, u.ID, want)
}

func buttonTexts(m tgtest.Message) []string {
	var out []string
	for _, row := range m.Keyboard {
		for _, b := range row {
			out = append(out, b.Text)
		}
	}
	return out
}

// workbook is the /export workbook of a period, as the director gets it:
// the .xlsx document itself is waited for, not guessed from the CSV sent
// beside it (the sender may deliver the two in either order).
func (h *harness) workbook(period string) *excelize.File {
	h.t.Helper()
	mark := h.srv.Mark()
	h.srv.SendText(director, "/export "+period)
	m, err := h.srv.WaitMessage(mark, wait, func(m tgtest.Message) bool {
		return m.ChatID == director.ID && m.Document != nil && strings.HasSuffix(m.Document.Name, ".xlsx")
	})
	if err != nil {
		var got []string
		for _, m := range h.srv.LogSince(mark) {
			got = append(got, m.Plain)
		}
		h.t.Fatalf("/export %s sent no workbook: %v\nsent: %q\nlog:\n%s", period, err, got, h.logs.String())
	}
	f, err := excelize.OpenReader(bytes.NewReader(m.Document.Data))
	if err != nil {
		h.t.Fatalf("the workbook does not open: %v", err)
	}
	h.t.Cleanup(func() { f.Close() })
	return f
}
