package bot

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"thiduabot/bot/config"
	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

// A handler that panics is logged with its stack, the person gets a polite
// answer, the update counts as handled (it is not taken again forever), and
// the bot goes on with the next update.
func TestHandlerPanic_LoggedAnsweredAndTheBotGoesOn(t *testing.T) {
	srv := tgtest.New(t)
	cfg := config.Example()
	cfg.Telegram.APIURL, cfg.Telegram.Token = srv.URL, srv.Token
	cfg.Storage.Path = filepath.Join(t.TempDir(), "t.db")
	db, err := storage.Open(cfg.Storage.Path, cfg.StoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var logs bytes.Buffer
	b, err := New(&cfg, db, NewLogger(&logs, "text", "info", cfg.Telegram.Token))
	if err != nil {
		t.Fatal(err)
	}
	commandsByName["boom"] = &command{name: "boom", who: forAll, run: func(*Ctx) error { panic("kaboom") }}
	defer delete(commandsByName, "boom")
	if err := db.Update(func(tx *storage.Tx) error { _, err := tx.SetFullName(1001, "Phạm Thu Hà"); return err }); err != nil {
		t.Fatal(err)
	}

	msg := func(id int64, text string) *models.Update {
		return &models.Update{ID: id, Message: &models.Message{ID: int(id), Chat: models.Chat{ID: 1001, Type: models.ChatTypePrivate},
			From: &models.User{ID: 1001, FirstName: "Hà"}, Text: text,
			Entities: []models.MessageEntity{{Type: models.MessageEntityTypeBotCommand, Offset: 0, Length: len(strings.Fields(text)[0])}}}}
	}
	if err := b.HandleUpdate(msg(1, "/boom")); err != nil {
		t.Fatalf("HandleUpdate after a panic = %v; want nil (handled, answered)", err)
	}
	if !strings.Contains(logs.String(), "handler panicked") || !strings.Contains(logs.String(), "kaboom") || !strings.Contains(logs.String(), "panic_internal_test.go") {
		t.Errorf("the panic was not logged with its stack:\n%s", logs.String())
	}
	if err := b.HandleUpdate(msg(2, "/invite VP")); err != nil {
		t.Fatalf("the next update: %v", err)
	}
	pending, err := db.Pending(0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(pending) != 2 || !strings.Contains(pending[0].Text, "gặp lỗi") || !strings.Contains(pending[1].Text, "?start=") {
		t.Errorf("outbox = %+v; want the apology, then the invite", pending)
	}
	err = db.ApplyUpdate(1, func(*storage.Tx) error { return nil })
	if !errors.Is(err, storage.ErrDuplicateUpdate) {
		t.Errorf("the panicking update was not recorded as handled: %v", err)
	}
}
