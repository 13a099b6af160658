package bot_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"thiduabot/bot/config"
	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func TestWebhook_RefusesWhatItMustAndStoresTheRest(t *testing.T) {
	addr := freeAddr(t)
	h := newHarness(t, func(c *config.Config) {
		c.Telegram.Mode = "webhook"
		c.Telegram.WebhookListen = addr
		c.Telegram.WebhookURL = "https://bot.example.vn/telegram"
		c.Telegram.WebhookSecret = "s3cret-Token_9"
	})
	if err := h.srv.WaitFor(wait, func() bool {
		for _, r := range h.srv.Requests() {
			if r.Method == "setWebhook" && r.Params["url"] == "https://bot.example.vn/telegram" && r.Params["secret_token"] == "s3cret-Token_9" {
				return true
			}
		}
		return false
	}); err != nil {
		t.Fatal("setWebhook was not called with the URL and the secret")
	}
	h.srv.Started(admin.ID)
	update := func(id int) string {
		return fmt.Sprintf(`{"update_id":%d,"message":{"message_id":1,"date":1,"chat":{"id":1001,"type":"private"},"from":{"id":1001,"is_bot":false,"first_name":"Hà"},"text":"/invite VP","entities":[{"type":"bot_command","offset":0,"length":7}]}}`, id)
	}
	post := func(secret, body string) int {
		req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/", strings.NewReader(body))
		if secret != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for _, tc := range []struct {
		name, secret, body string
		want               int
	}{
		{"missing secret", "", update(1), 401},
		{"wrong secret", "s3cret-Token_8", update(2), 401},
		{"oversized", "s3cret-Token_9", `{"update_id":3,"message":{"text":"` + strings.Repeat("x", 1<<20) + `"}}`, 413},
		{"malformed", "s3cret-Token_9", `{"update_id":4,`, 400},
		{"not an update", "s3cret-Token_9", `{}`, 400},
	} {
		if got := post(tc.secret, tc.body); got != tc.want {
			t.Errorf("%s: status %d; want %d", tc.name, got, tc.want)
		}
	}
	h.settle()
	if n := len(h.srv.Messages(admin.ID)); n != 0 {
		t.Fatalf("refused requests had an effect: %d messages", n)
	}
	for i := 0; i < 2; i++ {
		if got := post("s3cret-Token_9", update(10)); got != 200 {
			t.Fatalf("good update: status %d", got)
		}
	}
	h.settle()
	if n := h.count(admin.ID, "?start="); n != 1 {
		t.Errorf("an update posted twice made %d invites; want 1", n)
	}
}

func TestBackup_HotCopyDuringWritesPassesTheCheckAndRestores(t *testing.T) {
	h := newHarness(t, func(c *config.Config) { c.Storage.BackupKeep = 2 })
	h.cfg.Storage.BackupDir = filepath.Join(t.TempDir(), "backups")
	h.join(staffAn, "Nguyễn Văn An")
	// Writes go on while the copies are taken.
	stop, writing := make(chan struct{}), make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			h.db.Update(func(tx *storage.Tx) error {
				m, _, _ := tx.Member(staffAn.ID)
				_, err := tx.SubmitIdea(m, storage.Idea{Theme: storage.ThemeThrift, Title: fmt.Sprintf("Sáng kiến %d", i), Description: "x"})
				return err
			})
			if i == 0 {
				close(writing)
			}
		}
	}()
	<-writing // the copies are taken while writes go on, after the first
	var paths []string
	for i := 0; i < 3; i++ {
		p, err := h.bot.Backup()
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	close(stop)
	wg.Wait()
	kept, _ := filepath.Glob(filepath.Join(h.cfg.Storage.BackupDir, "thiduabot-*.db"))
	if len(kept) != 2 || kept[1] != paths[2] {
		t.Errorf("kept %v; want the newest 2 of %v", kept, paths)
	}
	if err := storage.CheckFile(paths[2]); err != nil {
		t.Fatal(err)
	}
	// Restore: a bot on the copy serves the same data.
	h.stop()
	h.cfg.Storage.Path = paths[2]
	h.start()
	mark := h.srv.Mark()
	h.srv.SendText(staffAn, "/ideas")
	// (A message still in the copy's outbox is sent again: a restore
	// repeats rather than loses.)
	mustContain(t, h.waitText(mark, staffAn.ID, "Sáng kiến của đồng chí"), "Sáng kiến 0")
}

func TestOps_HealthAndMetrics(t *testing.T) {
	addr := freeAddr(t)
	h := newHarness(t, func(c *config.Config) { c.HTTP.Listen = addr })
	h.say(admin, "/start")
	h.say(admin, "/invite VP")
	h.settle()
	// The sender counts a message once its outcome is stored, just after
	// the outbox empties: wait for the count, not a moment.
	if err := h.srv.WaitFor(wait, func() bool { return h.bot.Sender().Stats().Sent >= 2 }); err != nil {
		t.Fatalf("sent = %d; want at least 2", h.bot.Sender().Stats().Sent)
	}
	var resp *http.Response
	err := h.srv.WaitFor(wait, func() bool {
		var err error
		resp, err = http.Get("http://" + addr + "/healthz")
		return err == nil
	})
	if err != nil {
		t.Fatal("no health endpoint")
	}
	var health map[string]any
	json.NewDecoder(resp.Body).Decode(&health)
	resp.Body.Close()
	if resp.StatusCode != 200 || health["database"] != "ok" || health["last_intake"] == nil {
		t.Errorf("healthz = %d %v", resp.StatusCode, health)
	}
	resp, err = http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("metrics do not parse: %v", err)
	}
	for _, name := range []string{"thiduabot_updates_total", "thiduabot_update_seconds", "thiduabot_outbox_backlog", "thiduabot_outbox_oldest_seconds",
		"thiduabot_messages_sent_total", "thiduabot_telegram_429_total", "thiduabot_reminders_sent_total", "thiduabot_backup_age_seconds"} {
		if families[name] == nil {
			t.Errorf("no metric %s", name)
		}
	}
	if f := families["thiduabot_updates_total"]; f != nil {
		total := 0.0
		for _, m := range f.Metric {
			total += m.GetCounter().GetValue()
		}
		if total < 2 {
			t.Errorf("updates counted: %v; want at least 2", total)
		}
	}
	if f := families["thiduabot_messages_sent_total"]; f != nil && f.Metric[0].GetCounter().GetValue() < 2 {
		t.Errorf("messages sent: %v; want at least 2", f.Metric[0].GetCounter().GetValue())
	}
	// The backup endpoint hands over a copy that passes the check.
	resp2, err := http.Get("http://" + addr + "/backup")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	buf.ReadFrom(resp2.Body)
	resp2.Body.Close()
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	os.WriteFile(copyPath, buf.Bytes(), 0o600)
	if err := storage.CheckFile(copyPath); err != nil {
		t.Errorf("the copy over HTTP fails the check: %v", err)
	}
}

func TestAnonymise_MemberWhoLeft(t *testing.T) {
	h := newHarness(t)
	h.say(admin, "/start")
	h.submitted()
	card := h.say(admin, "/m_5001")
	// Locking and erasing are previewed; a cancel changes nothing.
	sure := h.press(admin, card, "m:x:")
	mustContain(t, sure, "Khóa tài khoản của Nguyễn Văn An (Văn phòng Sở)?")
	back := h.press(admin, sure, "m:c:")
	mustContain(t, back, "đang hoạt động")
	sure = h.press(admin, back, "m:x:")
	h.press(admin, sure, "m:X:")
	card = h.say(admin, "/m_5001")
	sure = h.press(admin, card, "m:a:")
	mustContain(t, sure, "Không thể hoàn tác")
	done := h.press(admin, sure, "m:A:")
	mustContain(t, done, "Đã xóa thông tin cá nhân")
	idea := h.say(admin, "/sk_1")
	mustContain(t, idea, "(đã xóa thông tin cá nhân)", "Văn phòng Sở")
	if strings.Contains(idea.Plain, "Nguyễn Văn An") {
		t.Errorf("the anonymised name still shows: %q", idea.Plain)
	}
	// The word is the reader's language's: storage keeps none.
	h.say(admin, "/lang en")
	mustContain(t, h.say(admin, "/sk_1"), "(personal data erased)")
}

func TestStandIn_FailuresLoseAndRepeatNothing(t *testing.T) {
	h := newHarness(t)
	h.say(admin, "/start")
	h.settle()
	h.srv.Inject("sendMessage", admin.ID, 2, tgtest.Fault{Status: 500})
	h.srv.Inject("sendMessage", admin.ID, 1, tgtest.Fault{Delay: 100 * time.Millisecond, Status: 504})
	h.srv.Inject("sendMessage", admin.ID, 2, tgtest.Fault{Status: 429, RetryAfter: 1})
	mark := h.srv.Mark()
	for _, u := range []string{"VP", "TT"} {
		h.srv.SendText(admin, "/invite "+u)
	}
	h.waitText(mark, admin.ID, "Thanh tra Sở")
	h.settle()
	if got := h.count(admin.ID, "?start="); got != 2 {
		t.Errorf("%d invites arrived; want 2, once each", got)
	}
}
