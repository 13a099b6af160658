package ops

import (
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"thiduabot/storage"
)

func openDB(t *testing.T) *storage.DB {
	t.Helper()
	db, err := storage.Open(filepath.Join(t.TempDir(), "t.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// The webhook refuses, changing nothing, what is not Telegram's update
// with the secret; it answers 200 only for an update handle stored, and
// 500 for one it did not (Telegram sends it again).
func TestWebhook_RefusesWhatItMust(t *testing.T) {
	var handled []int64
	fail := false
	handle := func(u *models.Update) error {
		if fail {
			return errors.New("disk full")
		}
		handled = append(handled, u.ID)
		return nil
	}
	h := Webhook("s3cret", handle, func(*models.Update) int64 { return 1 }, &Metrics{}, quiet)
	post := func(method, secret, body string) int {
		r := httptest.NewRequest(method, "/", strings.NewReader(body))
		if secret != "" {
			r.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Code
	}
	update := `{"update_id": 7, "message": {"message_id": 1, "chat": {"id": 5, "type": "private"}, "date": 1, "text": "/start"}}`
	for _, c := range []struct {
		method, secret, body string
		want                 int
	}{
		{http.MethodGet, "s3cret", update, http.StatusMethodNotAllowed},
		{http.MethodPost, "", update, http.StatusUnauthorized},
		{http.MethodPost, "wrong", update, http.StatusUnauthorized},
		{http.MethodPost, "s3cret", "{not json", http.StatusBadRequest},
		{http.MethodPost, "s3cret", `{"update_id": 0}`, http.StatusBadRequest},
		{http.MethodPost, "s3cret", `{"update_id": 8, "x": "` + strings.Repeat("a", maxWebhookBody) + `"}`, http.StatusRequestEntityTooLarge},
	} {
		if got := post(c.method, c.secret, c.body); got != c.want {
			t.Errorf("%s with secret %q, body %.20q: %d; want %d", c.method, c.secret, c.body, got, c.want)
		}
	}
	if len(handled) != 0 {
		t.Fatalf("refused requests were handled: %v", handled)
	}
	if got := post(http.MethodPost, "s3cret", update); got != http.StatusOK || len(handled) != 1 || handled[0] != 7 {
		t.Fatalf("an update with the secret: %d, handled %v; want 200 and update 7", got, handled)
	}
	fail = true
	if got := post(http.MethodPost, "s3cret", update); got != http.StatusInternalServerError {
		t.Fatalf("an update not stored: %d; want 500", got)
	}
}

// A backup is a checked copy named by the time it was taken in the
// organisation's zone; the newest keep are kept; /healthz says what is
// wrong with the storage.
func TestBackup_NamedKeptAndHealth(t *testing.T) {
	hcm := time.FixedZone("ICT", 7*3600)
	o := Options{DB: openDB(t), Log: quiet, BackupDir: filepath.Join(t.TempDir(), "b"), Loc: hcm, Problem: func() string { return "" }}
	start := time.Date(2026, 12, 3, 23, 30, 0, 0, time.UTC)
	var names []string
	for i := range 3 {
		name, err := Backup(o, start.Add(time.Duration(i)*time.Minute), 2)
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	if filepath.Base(names[0]) != "thiduabot-20261204-063000.000.db" {
		t.Errorf("named %s; want the time in the organisation's zone", filepath.Base(names[0]))
	}
	kept, err := BackupFiles(o.BackupDir)
	if err != nil || len(kept) != 2 || kept[0] != names[1] || kept[1] != names[2] {
		t.Errorf("kept %v (%v); want the newest two of %v", kept, err, names)
	}
	if at, ok := BackupTaken(names[2], hcm); !ok || !at.Equal(start.Add(2*time.Minute)) {
		t.Errorf("taken %v, %v; want %v", at, ok, start.Add(2*time.Minute))
	}
	if err := storage.CheckFile(names[2]); err != nil {
		t.Error(err)
	}
	os.WriteFile(filepath.Join(o.BackupDir, ".partial-1.db"), []byte("half"), 0o600)
	CleanPartialBackups(o.BackupDir, quiet)
	if left, _ := filepath.Glob(filepath.Join(o.BackupDir, ".partial-*")); len(left) != 0 {
		t.Errorf("half-written copies left: %v", left)
	}

	problem := ""
	o.Problem = func() string { return problem }
	h := Handler(o, NewMetrics(o), nil)
	health := func() (int, string) {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/healthz", nil))
		return w.Code, w.Body.String()
	}
	if code, body := health(); code != http.StatusOK || !strings.Contains(body, `"database":"ok"`) {
		t.Errorf("healthy: %d %s", code, body)
	}
	problem = "disk full since then"
	if code, body := health(); code != http.StatusServiceUnavailable || !strings.Contains(body, problem) {
		t.Errorf("a full disk: %d %s; want 503 saying it", code, body)
	}
}
