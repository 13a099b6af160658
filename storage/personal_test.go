package storage_test

import (
	"encoding/json"
	"testing"

	"thiduabot/storage"
)

// Before consent, a guest is kept as no more than the id and language the
// bot answers by; a refusal leaves nothing of them; a consent keeps their
// Telegram names from then on.
func TestConsent_NothingIdentifyingBeforeItNorAfterARefusal(t *testing.T) {
	db := MustOpen(t)
	if err := db.SyncOrg(exampleOrg()); err != nil {
		t.Fatal(err)
	}
	update := func(fn func(tx *storage.Tx) error) {
		t.Helper()
		if err := db.Update(fn); err != nil {
			t.Fatal(err)
		}
	}
	update(func(tx *storage.Tx) error {
		m, err := tx.Touch(7001, "Khách Mới", "khachmoi", "vi")
		if m.TGName != "" || m.Username != "" {
			t.Errorf("Touch kept a guest's names before consent: %+v", m)
		}
		if err != nil {
			return err
		}
		return tx.Forms().Put(7001, storage.Form{Kind: "join", Step: "consent", Data: json.RawMessage(`{"unit":"VP"}`)})
	})
	update(func(tx *storage.Tx) error {
		if _, err := tx.Touch(7001, "Khách Mới", "khachmoi", "vi"); err != nil {
			return err
		}
		return tx.RefuseConsent(7001)
	})
	db.View(func(tx *storage.Tx) error {
		if m, ok, _ := tx.Member(7001); ok {
			t.Errorf("a refusal kept the record %+v", m)
		}
		if f, ok, _ := tx.Forms().Get(7001); ok {
			t.Errorf("a refusal kept the form %+v", f)
		}
		if entries, _ := tx.AuditAbout(7001); len(entries) != 0 {
			t.Errorf("a refusal left audit entries %+v", entries)
		}
		return nil
	})

	update(func(tx *storage.Tx) error {
		if _, err := tx.Touch(7002, "Lan", "lan", "vi"); err != nil {
			return err
		}
		m, err := tx.GiveConsent(7002, "Lan", "lan")
		if err != nil {
			return err
		}
		if m.ConsentAt.IsZero() || m.TGName != "Lan" || m.Username != "lan" {
			t.Errorf("after consent: %+v; want the time and the names", m)
		}
		m, err = tx.Touch(7002, "Lan Phạm", "lan", "vi")
		if m.TGName != "Lan Phạm" {
			t.Errorf("Touch after consent kept %q; want the new name", m.TGName)
		}
		return err
	})
	// A member's refusal (an old member opening a new link) ends the new
	// request only: the record their work is filed under stays.
	update(func(tx *storage.Tx) error {
		if _, err := tx.Touch(2001, "Hùng", "", "vi"); err != nil {
			return err
		}
		return tx.RefuseConsent(2001)
	})
	db.View(func(tx *storage.Tx) error {
		if m, ok, _ := tx.Member(2001); !ok || !m.IsHead("VP") {
			t.Errorf("a head's refusal touched their record: %+v, %v", m, ok)
		}
		return nil
	})
}

// A correction of the name waits for an admin, who makes it or turns it
// down; an erasure asked for is the anonymisation, which takes a name
// still waiting too.
func TestPersonalData_RequestsToTheAdmins(t *testing.T) {
	db := MustOpen(t)
	if err := db.SyncOrg(exampleOrg()); err != nil {
		t.Fatal(err)
	}
	err := db.Update(func(tx *storage.Tx) error {
		adm, _, _ := tx.Member(1001)
		for _, id := range []int64{5001, 5002} {
			if _, err := tx.RequestJoin(id, "VP", "Nguyen Van An"); err != nil {
				return err
			}
			if _, err := tx.DecideJoin(adm, id, true); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	do := func(fn func(tx *storage.Tx) (storage.Member, error)) (storage.Member, error) {
		var m storage.Member
		err := db.Update(func(tx *storage.Tx) error {
			var err error
			m, err = fn(tx)
			return err
		})
		return m, err
	}
	if _, err := do(func(tx *storage.Tx) (storage.Member, error) { return tx.AskNameCorrection(5001, "A") }); storage.ErrorCode(err) != storage.EInvalid {
		t.Errorf("asking for a one-letter name = %v; want EInvalid", err)
	}
	m, err := do(func(tx *storage.Tx) (storage.Member, error) { return tx.AskNameCorrection(5001, "nguyễn văn ân") })
	if err != nil || m.NameRequest != "Nguyễn Văn Ân" || m.FullName != "Nguyen Van An" {
		t.Fatalf("AskNameCorrection = %+v, %v; want Nguyễn Văn Ân waiting", m, err)
	}
	if _, err := do(func(tx *storage.Tx) (storage.Member, error) {
		return tx.DecideNameCorrection(member(tx, 2001), 5001, true)
	}); storage.ErrorCode(err) != storage.EForbidden {
		t.Errorf("the head correcting the name = %v; want EForbidden", err)
	}
	m, err = do(func(tx *storage.Tx) (storage.Member, error) {
		return tx.DecideNameCorrection(member(tx, 1001), 5001, true)
	})
	if err != nil || m.FullName != "Nguyễn Văn Ân" || m.NameRequest != "" {
		t.Errorf("the admin correcting the name = %+v, %v", m, err)
	}
	if _, err := do(func(tx *storage.Tx) (storage.Member, error) {
		return tx.DecideNameCorrection(member(tx, 1001), 5001, true)
	}); storage.ErrorCode(err) != storage.EConflict {
		t.Errorf("correcting twice = %v; want EConflict", err)
	}

	if _, err := do(func(tx *storage.Tx) (storage.Member, error) { return tx.AskNameCorrection(5002, "Nguyễn Văn Bảo") }); err != nil {
		t.Fatal(err)
	}
	m, err = do(func(tx *storage.Tx) (storage.Member, error) { return tx.AskErasure(5002) })
	if err != nil || m.ErasureAskedAt.IsZero() {
		t.Fatalf("AskErasure = %+v, %v", m, err)
	}
	if _, err := do(func(tx *storage.Tx) (storage.Member, error) { return tx.AskErasure(1002) }); storage.ErrorCode(err) != storage.EForbidden {
		t.Errorf("a director asking for an erasure = %v; want EForbidden (not one the anonymisation erases)", err)
	}
	m, err = do(func(tx *storage.Tx) (storage.Member, error) { return tx.Anonymise(member(tx, 1001), 5002) })
	if err != nil || m.FullName != "" || m.NameRequest != "" || m.TGName != "" || !m.Anonymised || m.Active() {
		t.Errorf("Anonymise = %+v, %v; want no name left, not even the one asked for", m, err)
	}
}
