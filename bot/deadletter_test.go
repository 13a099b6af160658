package bot_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"thiduabot/bot/config"
	"thiduabot/storage"
)

// Outbox entries that can never be sent (a method this version does not
// know) are set aside without holding up their chat; the admins are told
// once for the kind, however many there are; /healthz and the
// thiduabot_outbox_dead_letters gauge show the count.
func TestDeadLetters_SetAsideToldOnceAndCounted(t *testing.T) {
	addr := freeAddr(t)
	h := newHarness(t, func(c *config.Config) { c.HTTP.Listen = addr })
	h.srv.Started(staffAn.ID, admin.ID)
	mark := h.srv.Mark()
	err := h.db.Update(func(tx *storage.Tx) error {
		for _, m := range []storage.Message{
			{Method: "sendSticker", ChatID: staffAn.ID, Text: "?"},
			{Method: "sendSticker", ChatID: staffAn.ID, Text: "?"},
			{Method: storage.MethodSendMessage, ChatID: staffAn.ID, Text: "Tin sau hai tin lạ"},
		} {
			if _, err := tx.Outbox().Enqueue(m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	h.bot.Sender().Notify()
	h.waitText(mark, staffAn.ID, "Tin sau hai tin lạ")
	h.waitText(mark, admin.ID, "không thể gửi được")
	h.settle()
	if n := h.count(admin.ID, "không thể gửi được"); n != 1 {
		t.Errorf("the admin was told %d times; want once", n)
	}

	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	var health map[string]any
	json.NewDecoder(resp.Body).Decode(&health)
	resp.Body.Close()
	if health["outbox_dead_letters"] != 2.0 {
		t.Errorf("healthz = %v; want outbox_dead_letters 2", health)
	}
	resp, err = http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if f := families["thiduabot_outbox_dead_letters"]; f == nil || f.Metric[0].GetGauge().GetValue() != 2 {
		t.Errorf("thiduabot_outbox_dead_letters = %v; want 2", f)
	}
}
