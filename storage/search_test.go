package storage_test

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"thiduabot/storage"
)

// searchDB is a database with two units' people: staff 5001 and 5002 in VP,
// 5003 in CNTT, their heads 2001 and 2005, director 1002 and admin 1001.
func searchDB(t *testing.T) *storage.DB {
	t.Helper()
	db, _ := pointsDB(t)
	return db
}

// submit stores ideas as author, oldest first, and returns their ids.
func submit(t *testing.T, db *storage.DB, author int64, texts ...[2]string) []uint64 {
	t.Helper()
	var ids []uint64
	err := db.Update(func(tx *storage.Tx) error {
		for _, tx2 := range texts {
			idea, err := tx.SubmitIdea(member(tx, author), storage.Idea{Theme: storage.ThemeThrift, Title: tx2[0], Description: tx2[1]})
			if err != nil {
				return err
			}
			ids = append(ids, idea.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// search returns the refs a member finds for query, best first.
func search(t *testing.T, db *storage.DB, who int64, query string) []string {
	t.Helper()
	var refs []string
	err := db.View(func(tx *storage.Tx) error {
		ideas, total, err := tx.SearchIdeas(member(tx, who), storage.ParseQuery(query), 0, 100)
		if err != nil {
			return err
		}
		if total != len(ideas) {
			t.Errorf("SearchIdeas(%q) counts %d and lists %d", query, total, len(ideas))
		}
		for _, idea := range ideas {
			refs = append(refs, idea.Ref())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return refs
}

func TestFold_VietnameseComparesWithoutDiacritics(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Tiết kiệm điện", "tiet kiem dien"},
		{"ĐƯỜNG TRUYỀN", "duong truyen"},
		{norm.NFD.String("Được công nhận"), "duoc cong nhan"},
		{"Hoá đơn  điện_tử", "hoa don dien tu"},
		{"🏗 Hạ tầng", "ha tang"},
	} {
		if got := storage.Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

func TestWords_PunctuationAndMarkupOnlySeparate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"Tiết kiệm điện, nước!", []string{"tiet", "kiem", "dien", "nuoc"}},
		{"<b>in</b> hai mặt", []string{"b", "in", "b", "hai", "mat"}},
		{"' OR 1=1 --", []string{"or", "1", "1"}},
		{".* % ?!", nil},
		{"1.500.000đ", []string{"1", "500", "000d"}},
		{strings.Repeat("a", 100), []string{strings.Repeat("a", 24)}},
	} {
		if got := storage.Words(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("Words(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

// Each stored text is found by each query, typed with or without
// diacritics, in either Unicode form, in any case, with either placement
// of the tone mark (hoá, hóa).
func TestSearch_VietnamesePairsMatchWithAndWithoutDiacritics(t *testing.T) {
	pairs := []struct{ stored, query string }{
		{"Tiết kiệm điện ở trụ sở", "tiet kiem dien"},
		{"Tiết kiệm điện ở trụ sở", "tiết kiệm điện"},
		{"Tiết kiệm điện ở trụ sở", "TIẾT KIỆM ĐIỆN"},
		{"Tiết kiệm điện ở trụ sở", norm.NFD.String("tiết kiệm điện")},
		{"tiet kiem dien o tru so", "tiết kiệm điện"},
		{"Đường truyền cáp quang dùng chung", "duong truyen"},
		{"Đường truyền cáp quang dùng chung", "đường truyền"},
		{"Tắt điều hòa khi rời phòng", "dieu hoa"},
		{"Tắt điều hòa khi rời phòng", "điều hoà"},
		{"Hóa đơn điện tử thay giấy", "hoá đơn"},
		{"Thủy điện nhỏ cho trạm", "thuỷ điện"},
		{"Ứng dụng họp trực tuyến", "ung dung hop"},
		{"Nước sạch, tiết kiệm nước", "nuoc"},
		{"Giảm giấy in: văn bản điện tử", "giam giay"},
		{"Sửa chữa ống nước rò rỉ", "sua chua ong nuoc"},
		{"Dùng đèn LED ở hành lang", "den led"},
	}
	db := searchDB(t)
	var texts [][2]string
	for _, p := range pairs {
		if !slices.Contains(texts, [2]string{p.stored, "Mô tả."}) {
			texts = append(texts, [2]string{p.stored, "Mô tả."})
		}
	}
	ids := submit(t, db, 5001, texts...)
	for _, p := range pairs {
		ref := "SK-" + itoa(ids[slices.Index(texts, [2]string{p.stored, "Mô tả."})])
		if got := search(t, db, 1002, p.query); !slices.Contains(got, ref) {
			t.Errorf("search %q finds %v; want %s (%q)", p.query, got, ref, p.stored)
		}
	}
	// Folding does not make different words alike: đèn is not điện.
	for _, tc := range []struct{ query, notFound string }{
		{"tiết kiệm đèn", "Tiết kiệm điện ở trụ sở"},
		{"nuoc sach", "Sửa chữa ống nước rò rỉ"},
	} {
		ref := "SK-" + itoa(ids[slices.Index(texts, [2]string{tc.notFound, "Mô tả."})])
		if got := search(t, db, 1002, tc.query); slices.Contains(got, ref) {
			t.Errorf("search %q finds %s (%q); want it not found", tc.query, ref, tc.notFound)
		}
	}
}

func itoa(id uint64) string { return strings.TrimPrefix(storage.Idea{ID: id}.Ref(), "SK-") }

func TestSearch_RanksByRelevanceNewestFirstOnTies(t *testing.T) {
	db := searchDB(t)
	ids := submit(t, db, 5001,
		[2]string{"In hai mặt", "Mặc định in hai mặt, tiết kiệm giấy; dùng văn bản điện tử."},               // SK-1: the words scattered, in the description
		[2]string{"Tiết kiệm điện ở trụ sở", "Thay đèn LED, tắt thiết bị khi không dùng."},                  // SK-2: the phrase in the title
		[2]string{"Thay đèn LED", "Tiết kiệm điện ở trụ sở bằng đèn LED."},                                  // SK-3: the phrase in the description
		[2]string{"Điện mặt trời", "Lắp pin mặt trời trên mái, tiết kiệm chi phí điện về lâu dài."},         // SK-4: scattered, one in the title
		[2]string{"Tiết kiệm nước", "Sửa vòi nước rò rỉ."},                                                  // SK-5: two of three words
		[2]string{"Tiết kiệm điện ở trụ sở", "Thay đèn LED, tắt thiết bị khi không dùng."},                  // SK-6: SK-2 again, newer
		[2]string{"Tiết kiệm điện", "Tiết kiệm điện, tiết kiệm điện, tiết kiệm điện, tiết kiệm điện."},      // SK-7: the phrase over and over
		[2]string{"Tiết kiệm điện trong toàn bộ các phòng ban và đơn vị trực thuộc Sở", "Tắt điện khi về."}, // SK-8: the phrase in a long title
	)
	got := search(t, db, 1002, "tiet kiem dien")
	want := []uint64{ids[6], ids[5], ids[1], ids[7], ids[2], ids[3], ids[0]}
	var wantRefs []string
	for _, id := range want {
		wantRefs = append(wantRefs, "SK-"+itoa(id))
	}
	if !slices.Equal(got, wantRefs) {
		t.Errorf("search %q ranks %v; want %v", "tiet kiem dien", got, wantRefs)
	}
}

// What people type by mistake, or to test the bot, is answered without
// an error and without reading more than a short query does.
func TestSearch_BadInputIsAnsweredNotFailed(t *testing.T) {
	db := searchDB(t)
	submit(t, db, 5001, [2]string{"Tiết kiệm điện", "Tắt đèn khi về, in hai mặt."})
	long := strings.Repeat("tiết kiệm điện nước giấy mực in ấn phòng họp xe công ", 42) // 504 words, 12 different
	for _, tc := range []struct {
		query    string
		empty    bool // no word to look for
		tooShort bool
	}{
		{query: "", empty: true, tooShort: true},
		{query: "   ", empty: true, tooShort: true},
		{query: "a", tooShort: true},
		{query: "đ", tooShort: true},
		{query: "?!…—", empty: true, tooShort: true},
		{query: ".*", empty: true, tooShort: true},
		{query: "%", empty: true, tooShort: true},
		{query: "' OR 1=1", tooShort: false},
		{query: "<b>", tooShort: true},
		{query: "<b>điện</b>"},
		{query: long},
	} {
		q := storage.ParseQuery(tc.query)
		if (len(q.Words) == 0) != tc.empty || q.TooShort() != tc.tooShort {
			t.Errorf("ParseQuery(%q) = %q: empty %v, too short %v; want %v, %v", tc.query, q.Words, len(q.Words) == 0, q.TooShort(), tc.empty, tc.tooShort)
		}
		if len(q.Words) > storage.MaxQueryWords {
			t.Errorf("ParseQuery(%q) keeps %d words; want at most %d", tc.query, len(q.Words), storage.MaxQueryWords)
		}
		err := db.View(func(tx *storage.Tx) error {
			_, _, err := tx.SearchIdeas(member(tx, 1002), q, 0, 10)
			return err
		})
		if err != nil {
			t.Errorf("SearchIdeas(%q) = %v; want no error", tc.query, err)
		}
	}
	if q := storage.ParseQuery(long); q.Dropped != 2 || len(q.Words) != storage.MaxQueryWords {
		t.Errorf("ParseQuery(504 words) keeps %d, drops %d; want %d and 2", len(q.Words), q.Dropped, storage.MaxQueryWords)
	}
	if got := search(t, db, 1002, "<b>điện</b>"); len(got) != 0 {
		t.Errorf("search %q finds %v; want nothing (b is a word of the query)", "<b>điện</b>", got)
	}
}

// Search lists only what CanSee allows: a staff member their own ideas,
// a head their unit's, directors and admins all.
func TestSearch_ListsOnlyWhatTheMemberMaySee(t *testing.T) {
	db := searchDB(t)
	var all []storage.Idea
	for _, author := range []int64{5001, 5002, 5003, 2001, 2005} {
		submit(t, db, author, [2]string{"Tiết kiệm điện", "Tắt đèn khi về."}, [2]string{"Tiết kiệm giấy", "In hai mặt, tiết kiệm."})
	}
	db.View(func(tx *storage.Tx) error {
		all, _, _ = tx.Ideas(storage.IdeaFilter{}, 100)
		return nil
	})
	for _, who := range []int64{5001, 5002, 5003, 2001, 2005, 1002, 1001, 9999} {
		var want []string
		var m storage.Member
		db.View(func(tx *storage.Tx) error { m = member(tx, who); return nil })
		for _, idea := range all { // newest first, as the search's ties
			if m.CanSee(idea) {
				want = append(want, idea.Ref())
			}
		}
		got := search(t, db, who, "tiết kiệm")
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("member %d finds %v; CanSee allows %v", who, got, want)
		}
	}
}

func TestSearch_PagesTileTheResults(t *testing.T) {
	db := searchDB(t)
	var texts [][2]string
	for range 25 {
		texts = append(texts, [2]string{"Tiết kiệm điện", "Tắt đèn."})
	}
	submit(t, db, 5001, texts...)
	var seen []uint64
	db.View(func(tx *storage.Tx) error {
		for off := 0; off < 30; off += 10 {
			page, total, err := tx.SearchIdeas(member(tx, 1002), storage.ParseQuery("dien"), off, 10)
			if err != nil || total != 25 {
				t.Fatalf("SearchIdeas(offset %d) = %d in all, %v; want 25", off, total, err)
			}
			for _, idea := range page {
				seen = append(seen, idea.ID)
			}
		}
		return nil
	})
	want := make([]uint64, 25)
	for i := range want {
		want[i] = uint64(25 - i)
	}
	if !slices.Equal(seen, want) {
		t.Errorf("pages list %v; want every idea once, newest first: %v", seen, want)
	}
}

func TestSimilarIdeas_FindsTheSameIdeaPutOtherwise(t *testing.T) {
	db := searchDB(t)
	ids := submit(t, db, 5001,
		[2]string{"Tắt điện khi ra khỏi phòng", "Nhắc mọi người tắt đèn, quạt và điều hòa khi ra khỏi phòng làm việc."},
		[2]string{"In hai mặt", "Mặc định máy in in hai mặt để tiết kiệm giấy."},
		[2]string{"Dùng đèn LED ở hành lang", "Thay bóng huỳnh quang bằng đèn LED tiết kiệm điện."},
		[2]string{"Họp trực tuyến", "Họp trực tuyến thay cho họp tập trung, bớt đi lại."},
	)
	submit(t, db, 5003, [2]string{"Tắt đèn, điều hòa khi ra về", "Người ra khỏi phòng cuối cùng tắt điện, đèn và điều hòa."})
	for _, tc := range []struct {
		title, desc string
		want        []uint64 // most alike first
	}{
		{"Tắt điện khi rời phòng", "Tắt đèn, quạt, điều hòa khi ra khỏi phòng làm việc.", []uint64{ids[0], 5}},
		{"tat dien khi ra khoi phong", "nhac moi nguoi tat den, quat va dieu hoa khi ra khoi phong lam viec", []uint64{ids[0], 5}},
		{"In 2 mặt giấy", "Đặt máy in mặc định in hai mặt, tiết kiệm giấy.", []uint64{ids[1]}},
		{"Xe công dùng chung", "Các phòng đi công tác cùng tuyến đi chung một xe.", nil},
		{"Thay đèn LED", "Dùng đèn LED thay bóng cũ để tiết kiệm điện.", []uint64{ids[2]}},
		{"Tiết kiệm", "Tiết kiệm.", nil},
	} {
		var got []uint64
		db.View(func(tx *storage.Tx) error {
			sim, err := tx.SimilarIdeas(tc.title, tc.desc, 0, 3)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range sim {
				got = append(got, s.Idea.ID)
				if s.Score < storage.SimilarThreshold {
					t.Errorf("SimilarIdeas(%q) gives SK-%d at %.2f, under the threshold", tc.title, s.Idea.ID, s.Score)
				}
			}
			return nil
		})
		if !slices.Equal(got, tc.want) {
			t.Errorf("SimilarIdeas(%q) = %v; want %v", tc.title, got, tc.want)
		}
	}
	// An idea being edited is not like itself.
	db.View(func(tx *storage.Tx) error {
		sim, _ := tx.SimilarIdeas("In hai mặt", "Mặc định máy in in hai mặt để tiết kiệm giấy.", ids[1], 3)
		for _, s := range sim {
			if s.Idea.ID == ids[1] {
				t.Errorf("SimilarIdeas excluding SK-%d gives it", ids[1])
			}
		}
		return nil
	})
}

// A reviewer returns an idea as a duplicate of another: it goes back to
// its author, and each history names the other idea; the link is no step
// (so it earns nothing, see Event.Deed) and changes no status.
func TestDuplicate_ReturnedAndLinkedInBothHistories(t *testing.T) {
	db := searchDB(t)
	orig := submit(t, db, 5003, [2]string{"Tắt điện khi ra khỏi phòng", "Tắt đèn, điều hòa."})[0]
	dup := submit(t, db, 5001, [2]string{"Tắt đèn khi rời phòng", "Tắt đèn, quạt."})[0]
	err := db.Update(func(tx *storage.Tx) error {
		head := member(tx, 2001)
		if _, err := tx.DecideIdea(head, dup, storage.Decision{Action: storage.ActDuplicate, Of: dup}); storage.ErrorCode(err) != storage.EInvalid {
			t.Errorf("duplicate of itself = %v; want EInvalid", err)
		}
		if _, err := tx.DecideIdea(head, dup, storage.Decision{Action: storage.ActDuplicate, Of: 999}); storage.ErrorCode(err) != storage.ENotFound {
			t.Errorf("duplicate of SK-999 = %v; want ENotFound", err)
		}
		if _, err := tx.DecideIdea(member(tx, 2005), dup, storage.Decision{Action: storage.ActDuplicate, Of: orig}); storage.ErrorCode(err) != storage.EForbidden {
			t.Errorf("another unit's head marks it = %v; want EForbidden", err)
		}
		idea, err := tx.DecideIdea(head, dup, storage.Decision{Action: storage.ActDuplicate, Of: orig})
		if err != nil {
			return err
		}
		last := idea.History[len(idea.History)-1]
		if idea.Status != storage.IdeaReturned || last.Status != storage.IdeaReturned || last.DuplicateOf != orig {
			t.Errorf("the duplicate is %s, last step %+v; want returned as a duplicate of SK-%d", idea.Status, last, orig)
		}
		other, _ := tx.Idea(orig)
		link := other.History[len(other.History)-1]
		if other.Status != storage.IdeaSubmitted || link.Step() || link.Duplicate != dup {
			t.Errorf("the original is %s, last event %+v; want still submitted, linked to SK-%d", other.Status, link, dup)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
