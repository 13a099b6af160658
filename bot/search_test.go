package bot_test

import (
	"fmt"
	"strings"
	"testing"

	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

// member makes id an active member of unit, as if approved.
func (h *harness) member(id int64, unit, name string) {
	h.t.Helper()
	err := h.db.Update(func(tx *storage.Tx) error {
		adm, _, _ := tx.Member(admin.ID)
		if _, err := tx.RequestJoin(id, unit, name); err != nil {
			return err
		}
		if _, err := tx.DecideJoin(adm, id, true); err != nil {
			return err
		}
		_, err := tx.Touch(id, name, "", "vi")
		return err
	})
	if err != nil {
		h.t.Fatal(err)
	}
}

// ideas stores ideas by author straight in the database, oldest first.
func (h *harness) ideas(author int64, texts ...[2]string) {
	h.t.Helper()
	err := h.db.Update(func(tx *storage.Tx) error {
		m, _, _ := tx.Member(author)
		for _, t := range texts {
			if _, err := tx.SubmitIdea(m, storage.Idea{Theme: storage.ThemeThrift, Title: t[0], Description: t[1]}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		h.t.Fatal(err)
	}
}

func TestSearch_FindsIdeasTypedWithOrWithoutDiacritics(t *testing.T) {
	h := newHarness(t)
	h.member(staffAn.ID, "VP", "Nguyễn Văn An")
	h.ideas(staffAn.ID,
		[2]string{"Tiết kiệm điện ở trụ sở", "Thay đèn LED, tắt thiết bị khi về."},
		[2]string{"In hai mặt", "Tiết kiệm giấy."},
	)
	for _, query := range []string{"/tim tiet kiem dien", "/tim TIẾT KIỆM ĐIỆN", "/tim điện"} {
		got := h.say(staffAn, query)
		mustContain(t, got, "1 sáng kiến", "/sk_1 Tiết kiệm điện ở trụ sở", "Trong các sáng kiến của đồng chí")
		if strings.Contains(got.Plain, "In hai mặt") {
			t.Errorf("%s lists %q", query, got.Plain)
		}
	}
	// /tim alone, as the menu sends it, asks for the words.
	ask := h.say(staffAn, "/tim")
	mustContain(t, ask, "Đồng chí cần tìm sáng kiến gì?")
	got := h.say(staffAn, "tiết kiệm")
	mustContain(t, got, "2 sáng kiến", "/sk_1", "/sk_2")
}

// A staff member finds only their own ideas, never a word of another
// unit's (or a colleague's) descriptions; a head their unit's; the
// director everyone's.
func TestSearch_StaffNeverSeeAnotherUnitsDescriptions(t *testing.T) {
	h := newHarness(t)
	h.member(staffAn.ID, "VP", "Nguyễn Văn An")
	h.member(5003, "VP", "Trần Thị Bình")
	h.member(5004, "CNTT", "Lê Văn Cường")
	h.ideas(5004, [2]string{"Máy chủ ảo hóa", "Gộp máy chủ vật lý, tiết kiệm điện mật mã-kín."})
	h.ideas(5003, [2]string{"Tắt máy chủ thử nghiệm", "Tắt máy chủ ban đêm, tiết kiệm điện bí-mật."})
	h.ideas(staffAn.ID, [2]string{"Tắt màn hình", "Tắt màn hình khi họp, tiết kiệm điện."})
	h.settle()
	for _, tc := range []struct {
		who      tgtest.User
		want     []string
		notFound []string
	}{
		{staffAn, []string{"/sk_3"}, []string{"/sk_1", "/sk_2", "mật mã", "bí-mật", "Máy chủ ảo hóa"}},
		{headVP, []string{"/sk_2", "/sk_3"}, []string{"/sk_1", "mật mã"}},
		{headCNTT, []string{"/sk_1"}, []string{"/sk_2", "/sk_3", "bí-mật"}},
		{director, []string{"/sk_1", "/sk_2", "/sk_3"}, nil},
	} {
		for _, query := range []string{"/tim tiết kiệm điện", "/tim mat ma", "/tim may chu"} {
			got := h.say(tc.who, query)
			if query == "/tim tiết kiệm điện" {
				mustContain(t, got, tc.want...)
			}
			for _, s := range tc.notFound {
				if strings.Contains(got.Plain, s) {
					t.Errorf("%d searching %q sees %q: %q", tc.who.ID, query, s, got.Plain)
				}
			}
		}
	}
	// Nothing of another's description reached An at all.
	for _, m := range h.srv.Messages(staffAn.ID) {
		if strings.Contains(m.Plain, "mật mã") || strings.Contains(m.Plain, "bí-mật") || strings.Contains(m.Plain, "ảo hóa") {
			t.Errorf("An was shown %q", m.Plain)
		}
	}
}

// What people type by mistake or to try the bot gets a plain answer, never
// an error.
func TestSearch_BadInputGetsAClearAnswer(t *testing.T) {
	h := newHarness(t)
	h.member(staffAn.ID, "VP", "Nguyễn Văn An")
	h.ideas(staffAn.ID, [2]string{"Tiết kiệm điện", "Tắt đèn khi về."})
	long := strings.Repeat("tiết kiệm điện nước giấy mực in ấn phòng họp xe công ", 42) // 504 words
	for _, tc := range []struct{ query, want string }{
		{"/tim a", "“a” quá ngắn để tìm"},
		{"/tim .*", "“.*” không có chữ hoặc số để tìm"},
		{"/tim %", "“%” không có chữ hoặc số để tìm"},
		{"/tim ?!…", "không có chữ hoặc số"},
		{"/tim ' OR 1=1", "Tìm “' OR 1=1”: 0 sáng kiến"},
		{"/tim <b>", "“<b>” quá ngắn để tìm"},
		{"/tim <b>tiết kiệm</b>", "0 sáng kiến"},
		{"/tim " + long, "từ sau bị bỏ qua"},
	} {
		got := h.say(staffAn, tc.query)
		mustContain(t, got, tc.want)
		if strings.Contains(got.Plain, "Lỗi") || strings.Contains(got.Plain, "lỗi") {
			t.Errorf("%q is answered as an error: %q", tc.query, got.Plain)
		}
	}
	if n := len(h.srv.Messages(staffAn.ID)); n != 8 {
		t.Errorf("An got %d messages; want one answer each", n)
	}
}

func TestSearch_PagesThroughButtons(t *testing.T) {
	h := newHarness(t)
	h.member(staffAn.ID, "VP", "Nguyễn Văn An")
	var texts [][2]string
	for i := range 23 {
		texts = append(texts, [2]string{fmt.Sprintf("Tiết kiệm điện số %d", i+1), "Tắt đèn."})
	}
	h.ideas(staffAn.ID, texts...)
	h.say(director, "/start")
	first := h.say(director, "/tim tiết kiệm điện")
	mustContain(t, first, "23 sáng kiến", "(1–10 trong 23)", "/sk_23 ", "/sk_14 ")
	second := h.press(director, first, "q:10:")
	mustContain(t, second, "(11–20 trong 23)", "/sk_13 ", "/sk_4 ")
	third := h.press(director, h.current(second), "q:20:")
	mustContain(t, third, "(21–23 trong 23)", "/sk_3 ", "/sk_1 ")
	if _, ok := third.Button("q:"); !ok {
		t.Errorf("the last page has no way back: %v", third.Keyboard)
	}
}
