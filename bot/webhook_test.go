package bot_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"thiduabot/bot/config"
)

func TestWebhook_RefusesWhatItMustAndStoresTheRest(t *testing.T) {
	h, addr := newWebhookHarness(t)
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

// newWebhookHarness starts the bot in webhook mode on a free address.
func newWebhookHarness(t *testing.T) (*harness, string) {
	t.Helper()
	addr := freeAddr(t)
	h := newHarness(t, func(c *config.Config) {
		c.Telegram.Mode = "webhook"
		c.Telegram.WebhookListen = addr
		c.Telegram.WebhookURL = "https://bot.example.vn/telegram"
		c.Telegram.WebhookSecret = "s3cret-Token_9"
	})
	return h, addr
}
