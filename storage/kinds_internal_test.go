package storage

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.etcd.io/bbolt"
)

// Every bucket declared in the package belongs to exactly one kind of
// record or to the system's machinery: a new bucket cannot be made without
// saying whose records it holds (and so where they show and what an
// erasure does).
func TestKinds_EveryBucketBelongsToOneKindOrTheSystem(t *testing.T) {
	declared := regexp.MustCompile(`(?m)^\s*(bucket\w+)\s*=\s*\[\]byte\("([^"]+)"\)`)
	files, _ := filepath.Glob("*.go")
	names := map[string]string{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range declared.FindAllStringSubmatch(string(src), -1) {
			names[m[2]] = m[1]
		}
	}
	if len(names) < 20 {
		t.Fatalf("found only %d bucket declarations; the pattern no longer matches the code", len(names))
	}
	seen := map[string]int{}
	for _, b := range buckets() {
		seen[string(b)]++
	}
	for name, v := range names {
		switch seen[name] {
		case 0:
			t.Errorf("bucket %s (%q) belongs to no Kind and is not a system bucket", v, name)
		case 1:
		default:
			t.Errorf("bucket %q is claimed %d times", name, seen[name])
		}
	}
	for name := range seen {
		if _, ok := names[name]; !ok {
			t.Errorf("bucket %q is opened but not declared", name)
		}
	}
	for _, k := range Kinds {
		if len(k.buckets) == 0 {
			t.Errorf("kind %s has no bucket", k.Name)
		}
	}
}

// Every audit action names a kind of record (its part before the dot), so
// what the audit says of a record is found with the record's kind.
func TestKinds_EveryAuditActionNamesAKind(t *testing.T) {
	for _, a := range AuditActions {
		if a == AuditRefused {
			continue
		}
		found := false
		for _, k := range Kinds {
			found = found || k.Audits(a)
		}
		if !found {
			t.Errorf("audit action %q names no kind of record", a)
		}
	}
}

// After an erasure, the person's name is nowhere in the file: in no
// bucket of any kind, in no index, in no form. A new kind that keeps a
// name Anonymise does not clear fails here.
func TestAnonymise_LeavesTheNameNowhere(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "test.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	vpWithAn(t, db)
	const name, asked = "Nguyễn Văn Độc Nhất", "Nguyễn Văn Độc Nhị"
	err = db.Update(func(tx *Tx) error {
		if _, err := tx.SetFullName(5001, name); err != nil {
			return err
		}
		an, _, _ := tx.Member(5001)
		d, _, _ := tx.Member(1002)
		if _, err := tx.SubmitIdea(an, Idea{Theme: ThemeThrift, Title: "Tắt đèn", Description: "Tắt đèn khi về."}); err != nil {
			return err
		}
		if _, err := tx.ReportWaste(an, Waste{Description: "Đèn bật cả đêm."}); err != nil {
			return err
		}
		if _, err := tx.AddPraise(d, Praise{Member: 5001, Reason: "Tốt."}); err != nil {
			return err
		}
		if err := tx.Forms().Put(5001, Form{Kind: "idea", Step: "title", Data: json.RawMessage(`{"title":"Tắt máy"}`)}); err != nil {
			return err
		}
		_, err := tx.AskNameCorrection(5001, asked)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	contains := func() []string {
		var where []string
		db.bolt.View(func(btx *bbolt.Tx) error {
			for _, b := range buckets() {
				btx.Bucket(b).ForEach(func(k, v []byte) error {
					for _, n := range []string{name, asked} {
						if bytes.Contains(k, []byte(n)) || bytes.Contains(v, []byte(n)) {
							where = append(where, string(b))
						}
					}
					return nil
				})
			}
			return nil
		})
		return where
	}
	if len(contains()) == 0 {
		t.Fatal("the name is nowhere before the erasure: the test sees nothing")
	}
	err = db.Update(func(tx *Tx) error {
		adm, _, _ := tx.Member(1001)
		_, err := tx.Anonymise(adm, 5001)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if where := contains(); len(where) > 0 {
		t.Errorf("after the erasure the name is still in %v", where)
	}
}
