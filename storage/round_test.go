package storage_test

import (
	"reflect"
	"testing"
	"time"

	"thiduabot/storage"
)

// A round ends once, when its last message has left the outbox, with whom
// it missed; a round that sent nothing ends at once.
func TestRound_EndsWhenItsLastMessageLeaves(t *testing.T) {
	db := MustOpen(t)
	var r storage.Round
	var ids []uint64
	err := db.Update(func(tx *storage.Tx) error {
		var err error
		if r, err = tx.Reminders().NewRound("remind"); err != nil {
			return err
		}
		r.AddSubject("Báo cáo quý", time.Date(2026, 12, 20, 17, 0, 0, 0, hcm))
		r.AddSubject("Báo cáo quý", time.Date(2026, 12, 20, 17, 0, 0, 0, hcm))
		r.AddHeadless("TT")
		r.AddHeadless("TT")
		for _, chat := range []int64{2001, 2002, 2003} {
			id, err := tx.Outbox().Enqueue(storage.Message{Method: storage.MethodSendMessage, ChatID: chat, Text: "nhắc", Round: r.Key})
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		if _, err := tx.Outbox().Enqueue(storage.Message{Method: storage.MethodSendMessage, ChatID: 1001, Text: "không thuộc đợt"}); err != nil {
			return err
		}
		return tx.Reminders().PutRound(r)
	})
	if err != nil {
		t.Fatal(err)
	}
	leave := func(id uint64, missed bool) (storage.Round, bool) {
		var got storage.Round
		var done bool
		err := db.Update(func(tx *storage.Tx) error {
			if missed {
				if err := tx.Reminders().RoundMissed(r.Key, int64(2000+id)); err != nil {
					return err
				}
			}
			var err error
			got, done, err = tx.Reminders().RoundLeft(r.Key, id)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return got, done
	}
	if _, done := leave(ids[1], true); done {
		t.Error("the round ended with two messages still in the outbox")
	}
	if _, done := leave(ids[0], false); done {
		t.Error("the round ended with one message still in the outbox")
	}
	got, done := leave(ids[2], true)
	want := storage.Round{Key: r.Key, Kind: "remind", About: r.About[:1], Headless: []string{"TT"}, Missed: []int64{int64(2000 + ids[1]), int64(2000 + ids[2])}}
	if done && len(got.About) == 1 && got.About[0].Due.Equal(want.About[0].Due) {
		got.About = want.About // the same time, read back in another zone
	}
	if !done || !reflect.DeepEqual(got, want) {
		t.Errorf("at its last message the round = %+v, ended %v; want %+v", got, done, want)
	}
	if _, done := leave(ids[2], false); done {
		t.Error("the round ended twice")
	}

	err = db.Update(func(tx *storage.Tx) error {
		empty, err := tx.Reminders().NewRound("deadline")
		if err != nil {
			return err
		}
		empty.AddHeadless("TT")
		if err := tx.Reminders().PutRound(empty); err != nil {
			return err
		}
		got, done, err := tx.Reminders().RoundLeft(empty.Key, 0)
		if !done || len(got.Headless) != 1 {
			t.Errorf("a round with no message = %+v, ended %v; want ended at once", got, done)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
