package storage_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"thiduabot/storage"
)

// MustOpen opens a database on a real file in a temporary folder and
// closes it when the test ends.
func MustOpen(tb testing.TB, opt ...storage.Options) *storage.DB {
	tb.Helper()
	var o storage.Options
	if len(opt) > 0 {
		o = opt[0]
	}
	db, err := storage.Open(filepath.Join(tb.TempDir(), "test.db"), o)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func exampleOrg() storage.Org {
	return storage.Org{
		Units: []storage.OrgUnit{
			{Code: "VP", Name: "Văn phòng Sở", Heads: []int64{2001}},
			{Code: "CNTT", Name: "Phòng Công nghệ thông tin", Heads: []int64{2005}},
		},
		Admins:    []int64{1001},
		Directors: []int64{1002},
	}
}

func TestOpen_SecondOpenerStopsWithinASecond(t *testing.T) {
	path := filepath.Join(t.TempDir(), "test.db")
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	_, err = storage.Open(path, storage.Options{})
	if !errors.Is(err, storage.ErrLocked) {
		t.Fatalf("second Open = %v; want ErrLocked", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("second Open gave up after %v; want about a second", d)
	}
}

func TestOpen_SchemaVersionStored(t *testing.T) {
	db := MustOpen(t)
	v, err := db.Version()
	if err != nil || v != storage.SchemaVersion {
		t.Fatalf("Version() = %d, %v; want %d", v, err, storage.SchemaVersion)
	}
}

func TestApplyUpdate_RepeatHasNoEffect(t *testing.T) {
	db := MustOpen(t)
	runs := 0
	apply := func() error {
		return db.ApplyUpdate(42, func(tx *storage.Tx) error {
			runs++
			_, err := tx.Outbox().Enqueue(storage.Message{Method: storage.MethodSendMessage, ChatID: 1, Text: "x"})
			return err
		})
	}
	if err := apply(); err != nil {
		t.Fatal(err)
	}
	if err := apply(); !errors.Is(err, storage.ErrDuplicateUpdate) {
		t.Fatalf("second ApplyUpdate = %v; want ErrDuplicateUpdate", err)
	}
	if n, _, _ := db.OutboxLen(); n != 1 {
		t.Errorf("outbox has %d entries; want 1", n)
	}
	if runs != 1 {
		t.Errorf("fn ran %d times; want 1", runs)
	}
}

func TestApplyUpdate_FailureStoresNothing(t *testing.T) {
	db := MustOpen(t)
	err := db.ApplyUpdate(7, func(tx *storage.Tx) error {
		if _, err := tx.Outbox().Enqueue(storage.Message{Method: storage.MethodSendMessage, ChatID: 1, Text: "x"}); err != nil {
			return err
		}
		return storage.Errorf(storage.EInvalid, storage.ReasonTitleEmpty)
	})
	if storage.ErrorCode(err) != storage.EInvalid {
		t.Fatalf("ApplyUpdate = %v; want an EInvalid error", err)
	}
	if n, _, _ := db.OutboxLen(); n != 0 {
		t.Errorf("outbox has %d entries after a failed update; want 0", n)
	}
	// The update was not recorded: it may be applied later.
	if err := db.ApplyUpdate(7, func(*storage.Tx) error { return nil }); err != nil {
		t.Errorf("ApplyUpdate after failure = %v; want nil", err)
	}
}

func TestSyncOrg_RolesFollowTheConfiguration(t *testing.T) {
	db := MustOpen(t)
	if err := db.SyncOrg(exampleOrg()); err != nil {
		t.Fatal(err)
	}
	org := exampleOrg()
	org.Admins = nil
	org.Units[0].Heads = nil
	if err := db.SyncOrg(org); err != nil {
		t.Fatal(err)
	}
	db.View(func(tx *storage.Tx) error {
		admin, _, _ := tx.Member(1001)
		if admin.IsAdmin() {
			t.Error("1001 is still admin after leaving the configuration")
		}
		head, _, _ := tx.Member(2005)
		if !head.IsHead("CNTT") {
			t.Errorf("2005 = %+v; want head of CNTT", head)
		}
		heads, _ := tx.UnitHeads("CNTT")
		if len(heads) != 1 || heads[0].UserID != 2005 {
			t.Errorf("UnitHeads(CNTT) = %v; want [2005]", heads)
		}
		if admins, _ := tx.Admins(); len(admins) != 0 {
			t.Errorf("Admins() = %v; want none", admins)
		}
		if directors, _ := tx.Directors(); len(directors) != 1 || directors[0].UserID != 1002 {
			t.Errorf("Directors() = %v; want [1002]", directors)
		}
		return nil
	})
}

func TestJoin_OnlyTheUnitHeadOrAnAdminDecidesOnce(t *testing.T) {
	db := MustOpen(t)
	if err := db.SyncOrg(exampleOrg()); err != nil {
		t.Fatal(err)
	}
	err := db.Update(func(tx *storage.Tx) error {
		_, err := tx.RequestJoin(5001, "vp", "  Nguyễn   Văn An ")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	decide := func(actor int64, approve bool) error {
		return db.Update(func(tx *storage.Tx) error {
			a, _, _ := tx.Member(actor)
			_, err := tx.DecideJoin(a, 5001, approve)
			return err
		})
	}
	if err := decide(2005, true); storage.ErrorCode(err) != storage.EForbidden {
		t.Errorf("head of another unit approving = %v; want EForbidden", err)
	}
	if err := decide(2001, true); err != nil {
		t.Fatalf("head of VP approving = %v", err)
	}
	if err := decide(1001, false); storage.ErrorCode(err) != storage.EConflict {
		t.Errorf("second decision = %v; want EConflict", err)
	}
	db.View(func(tx *storage.Tx) error {
		m, _, _ := tx.Member(5001)
		if !m.IsStaff() || m.Unit != "VP" || m.FullName != "Nguyễn Văn An" {
			t.Errorf("member = %+v; want active staff of VP named Nguyễn Văn An", m)
		}
		return nil
	})
}

func TestValidateFullName(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		code storage.Code
	}{
		{"Nguyễn Thị Hoa", "Nguyễn Thị Hoa", ""},
		{"  Trần   Văn  Bình ", "Trần Văn Bình", ""},
		{"A", "", storage.EInvalid},
		{"<script>", "", storage.EInvalid},
		{"Lê 123", "", storage.EInvalid},
		{"An", "", storage.EInvalid},           // one word is not a full name
		{"trần thị bình", "Trần Thị Bình", ""}, // kept capitalised
		{"NGUYỄN văn AN", "Nguyễn Văn An", ""}, // however it was typed
		{"Lê Thị Hồng-Nhung", "Lê Thị Hồng-Nhung", ""},
		{"Lê Thị Hồng- nhung", "Lê Thị Hồng- Nhung", ""},
		{strings.Repeat("Nguyễn ", 50), "", storage.EInvalid},
	} {
		got, err := storage.ValidateFullName(tc.in)
		if storage.ErrorCode(err) != tc.code || got != tc.want {
			t.Errorf("ValidateFullName(%q) = %q, %v; want %q, code %q", tc.in, got, err, tc.want, tc.code)
		}
	}
}

func TestParseVND(t *testing.T) {
	nfd := norm.NFD.String
	for _, tc := range []struct {
		in     string
		want   int64
		reason storage.Reason
	}{
		// Digits, grouped as people group them.
		{"0", 0, ""},
		{"1500000", 1_500_000, ""},
		{"1.500.000", 1_500_000, ""},
		{"1,500,000", 1_500_000, ""},
		{"2 000 000", 2_000_000, ""},
		{"500 000 đ", 500_000, ""},
		{"2000000 đ", 2_000_000, ""},
		{"2000000đ", 2_000_000, ""},
		{"2.000.000đ", 2_000_000, ""},
		{"2.000.000 VNĐ", 2_000_000, ""},
		{"2.000.000 vnd", 2_000_000, ""},
		{"2.000.000 đồng", 2_000_000, ""},
		{"1.000,00 đ", 1_000, ""},
		// Unit words, with decimals after a comma.
		{"1,5 tr", 1_500_000, ""},
		{"1.5tr", 1_500_000, ""},
		{"2,5tr", 2_500_000, ""},
		{"2tr5", 2_500_000, ""},
		{"1tr25", 1_250_000, ""},
		{"2 tr 500", 2_500_000, ""},
		{"2 triệu", 2_000_000, ""},
		{"2 Triệu", 2_000_000, ""},
		{"2 trieu", 2_000_000, ""},
		{"3 triệu đồng", 3_000_000, ""},
		{"3 tr.", 3_000_000, ""},
		{"1.500 triệu", 1_500_000_000, ""},
		{"1.500,5 triệu", 1_500_500_000, ""},
		{"1 200 triệu", 1_200_000_000, ""},
		{"1,5 tỷ", 1_500_000_000, ""},
		{"1,2 tỷ", 1_200_000_000, ""},
		{"1 tỷ 200 triệu", 1_200_000_000, ""},
		{"1 tỷ 200 triệu đồng", 1_200_000_000, ""},
		{"1 tỷ 2", 1_200_000_000, ""},
		{"2 triệu 500 nghìn", 2_500_000, ""},
		{"1 ti", 1_000_000_000, ""},
		{"500k", 500_000, ""},
		{"500 K", 500_000, ""},
		{"500 nghìn", 500_000, ""},
		{"500 ngàn", 500_000, ""},
		{"500 nghin", 500_000, ""},
		// Written with combining marks (NFD), read as the same words.
		{nfd("3 triệu đồng"), 3_000_000, ""},
		{nfd("500 ngàn"), 500_000, ""},
		{nfd("1,5 tỷ"), 1_500_000_000, ""},
		// Refused, each with its reason.
		{"-5", 0, storage.ReasonMoneyNegative},
		{"-1.000.000", 0, storage.ReasonMoneyNegative},
		{"−2 triệu", 0, storage.ReasonMoneyNegative},
		{"hai triệu", 0, storage.ReasonMoneyFormat},
		{"2,5,5", 0, storage.ReasonMoneyFormat},
		{"abc", 0, storage.ReasonMoneyFormat},
		{"", 0, storage.ReasonMoneyFormat},
		{"1,5", 0, storage.ReasonMoneyFormat},
		{"12.34.567", 0, storage.ReasonMoneyFormat},
		{"1,2345 đ", 0, storage.ReasonMoneyFormat},
		{"5 bananas", 0, storage.ReasonMoneyFormat},
		{"200 triệu 1 tỷ", 0, storage.ReasonMoneyFormat},
		{"2 triệu 3 triệu", 0, storage.ReasonMoneyFormat},
		{"2tr5000", 0, storage.ReasonMoneyFormat},
		{"triệu", 0, storage.ReasonMoneyFormat},
		{"5%", 0, storage.ReasonMoneyFormat},
		{"1,0000001 tr", 0, storage.ReasonMoneyFraction},
		{"2000 tỷ", 0, storage.ReasonMoneyTooLarge},
	} {
		got, err := storage.ParseVND(tc.in)
		var reason storage.Reason
		var e *storage.Error
		if errors.As(err, &e) {
			reason = e.Reason
		} else if err != nil {
			reason = storage.Reason(err.Error())
		}
		if got != tc.want || reason != tc.reason {
			t.Errorf("ParseVND(%q) = %d, %q; want %d, %q", tc.in, got, reason, tc.want, tc.reason)
		}
	}
}

// A long read (a year's export takes seconds) does not hold up writes,
// even those that grow the file: bbolt maps the file anew when it outgrows
// the mapping, and must wait for every open read to do so.
func TestDB_LongReadDoesNotHoldUpGrowingWrites(t *testing.T) {
	db := MustOpen(t)
	reading, release := make(chan struct{}), make(chan struct{})
	go db.View(func(*storage.Tx) error {
		close(reading)
		<-release
		return nil
	})
	defer close(release)
	<-reading
	written := make(chan error, 1)
	go func() {
		for i := 0; i < 40; i++ { // 40 × 256 KiB: the file grows past 10 MB
			err := db.Update(func(tx *storage.Tx) error {
				_, err := tx.Outbox().Enqueue(storage.Message{Method: storage.MethodSendDocument, ChatID: 1, Document: &storage.Document{Name: "bao-cao.pdf", Data: make([]byte, 256<<10)}})
				return err
			})
			if err != nil {
				written <- err
				return
			}
		}
		written <- nil
	}()
	select {
	case err := <-written:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("writes were held up by an open read transaction")
	}
}

// Name shows the name a person gave, else Telegram's; storage keeps no text,
// so an anonymised member has no name at all and the bot says so in words.
func TestMember_Name(t *testing.T) {
	for _, tc := range []struct {
		m    storage.Member
		want string
	}{
		{storage.Member{UserID: 7, FullName: "Nguyễn Thị Hoa", TGName: "Hoa", Username: "hoa"}, "Nguyễn Thị Hoa"},
		{storage.Member{UserID: 7, TGName: "Hoa", Username: "hoa"}, "Hoa"},
		{storage.Member{UserID: 7, Username: "hoa"}, "@hoa"},
		{storage.Member{UserID: 7}, "#7"},
		{storage.Member{UserID: 7, Unit: "VP", Anonymised: true}, ""},
	} {
		if got := tc.m.Name(); got != tc.want {
			t.Errorf("%+v.Name() = %q; want %q", tc.m, got, tc.want)
		}
	}
}
