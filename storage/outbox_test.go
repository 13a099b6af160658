package storage_test

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"

	"thiduabot/storage"
)

// A message's priority is stored with it: read back after the file is
// closed and opened again, it is what was decided when it was enqueued, by
// the transaction's rule unless the message named its own.
func TestOutbox_PrioritySurvivesReopening(t *testing.T) {
	path := filepath.Join(t.TempDir(), "test.db")
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *storage.Tx) error {
		send := func(m storage.Message) {
			m.Method, m.Text = storage.MethodSendMessage, "tin"
			if _, err := tx.Outbox().Enqueue(m); err != nil {
				t.Fatal(err)
			}
		}
		send(storage.Message{ChatID: 2}) // no rule yet
		tx.Outbox().Prioritize(func(m storage.Message) storage.Priority {
			if m.ChatID == 2 {
				return storage.PriorityReply
			}
			return storage.PriorityNotice
		})
		send(storage.Message{ChatID: 2})
		send(storage.Message{ChatID: 3})
		send(storage.Message{ChatID: 2, Priority: storage.PriorityBulk})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	pending, err := db.Pending(0, 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []storage.Priority
	for _, m := range pending {
		got = append(got, m.Priority)
	}
	want := []storage.Priority{storage.PriorityNotice, storage.PriorityReply, storage.PriorityNotice, storage.PriorityBulk}
	if !slices.Equal(got, want) {
		t.Errorf("priorities read back %v; want %v", got, want)
	}
}

// An outbox entry written before priorities existed is a notice: it goes
// after replies and before rounds, as the zero value says.
func TestOutbox_EntryFromBeforePrioritiesIsANotice(t *testing.T) {
	var m storage.Message
	old := `{"id":9,"method":"sendMessage","chat_id":2001,"text":"Sáng kiến mới","created_at":"2026-11-01T08:00:00Z"}`
	if err := json.Unmarshal([]byte(old), &m); err != nil {
		t.Fatal(err)
	}
	if m.Priority != storage.PriorityNotice {
		t.Errorf("priority %d; want PriorityNotice (%d)", m.Priority, storage.PriorityNotice)
	}
}
