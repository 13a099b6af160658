package bot_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"thiduabot/bot/config"
	"thiduabot/storage"
)

// craftedYear makes 2026 a year with one of each: An, two initiatives
// recognised and 70 points (Bằng khen); John, one and 32 (Giấy khen);
// Bình, one recognised but 11 points (not proposed, but evidence toward
// the yearly titles); Cường, 24 points from praise and an initiative
// recognised in 2025 only (neither); Văn phòng Sở 102 points (Bằng khen),
// Phòng Công nghệ thông tin 35 (Giấy khen).
func (h *harness) craftedYear() {
	h.t.Helper()
	h.cfg.Commendation = config.Commendation{
		GiayKhen: config.AwardThresholds{MemberMinPoints: 20, MemberMinAccepted: 1, UnitMinPoints: 30},
		BangKhen: config.AwardThresholds{MemberMinPoints: 60, MemberMinAccepted: 2, UnitMinPoints: 80},
	}
	people := []struct {
		id   int64
		unit string
		name string
	}{{5001, "VP", "Nguyễn Văn An"}, {5002, "VP", "John Nguyen"}, {5003, "CNTT", "Trần Văn Bình"}, {5004, "CNTT", "Lê Văn Cường"}}
	update := func(fn func(tx *storage.Tx) error) {
		h.t.Helper()
		if err := h.db.Update(fn); err != nil {
			h.t.Fatal(err)
		}
	}
	recognised := func(tx *storage.Tx, author int64, score int) error {
		m, _, _ := tx.Member(author)
		idea, err := tx.SubmitIdea(m, storage.Idea{Theme: storage.ThemeThrift, Title: "Sáng kiến của " + m.FullName, Description: "Tiết kiệm điện."})
		if err != nil {
			return err
		}
		head, _, _ := tx.Member(map[string]int64{"VP": headVP.ID, "CNTT": headCNTT.ID}[m.Unit])
		if _, err := tx.DecideIdea(head, idea.ID, storage.Decision{Action: storage.ActEndorse}); err != nil {
			return err
		}
		d, _, _ := tx.Member(director.ID)
		if _, err = tx.DecideIdea(d, idea.ID, storage.Decision{Action: storage.ActAccept, Scores: storage.Scores{Novelty: score, Applicability: score, Benefit: score}}); err != nil {
			return err
		}
		// Applied, then recognised by decision (SPEC §4): only then does
		// it count.
		saved := map[int64]int64{5001: 22_500_000}[author] // An's two save 45.000.000 đ
		if _, err := tx.ReportProgress(m, storage.Progress{IdeaID: idea.ID, Percent: 100, Saved: saved}); err != nil {
			return err
		}
		if _, err := tx.DecideIdea(m, idea.ID, storage.Decision{Action: storage.ActRequestRecognition}); err != nil {
			return err
		}
		day := tx.Now().In(hcm)
		_, err = tx.DecideIdea(d, idea.ID, storage.Decision{Action: storage.ActRecognise,
			Recognition: storage.Recognition{No: "12/QĐ-STTTT", Date: time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, hcm)}})
		return err
	}
	// The points of the steps past approval are not what this year tests.
	h.cfg.Scoring.Done, h.cfg.Scoring.Recognised, h.cfg.Scoring.PerMillionSaved = 0, 0, 0
	h.restart()
	h.clock.Set(time.Date(2025, 12, 10, 9, 0, 0, 0, hcm))
	update(func(tx *storage.Tx) error {
		adm, _, _ := tx.Member(admin.ID)
		for _, p := range people {
			if _, err := tx.RequestJoinAs(p.id, p.unit, p.name, map[int64]string{5001: "Chuyên viên"}[p.id]); err != nil {
				return err
			}
			if _, err := tx.DecideJoin(adm, p.id, true); err != nil {
				return err
			}
		}
		return recognised(tx, 5004, 5) // SK-1: Cường's, last year
	})
	h.clock.Set(time.Date(2026, 11, 20, 9, 0, 0, 0, hcm))
	update(func(tx *storage.Tx) error {
		for _, r := range []struct {
			author int64
			score  int
		}{{5001, 9}, {5001, 9}, {5002, 8}, {5003, 1}} { // SK-2, SK-3, SK-4, SK-5
			if err := recognised(tx, r.author, r.score); err != nil {
				return err
			}
		}
		d, _, _ := tx.Member(director.ID)
		for range 8 {
			if _, err := tx.AddPraise(d, storage.Praise{Member: 5004, Reason: "Tắt đèn khi ra về."}); err != nil {
				return err
			}
		}
		return nil
	})
}

// The year's proposal by Law 06/2022/QH15: the Giấy khen and the Bằng khen
// by their thresholds, one award for one achievement, the recognised
// initiatives beside each person, and no yearly title.
func TestCommend_ACraftedYear(t *testing.T) {
	h := newHarnessAt(t, time.Date(2026, 11, 20, 9, 0, 0, 0, hcm))
	h.craftedYear()
	h.say(director, "/start")
	mark := h.srv.Mark()
	h.srv.SendText(director, "/commend 2026")
	msg := h.waitText(mark, director.ID, "Đề xuất khen thưởng năm 2026")
	text := msg.Plain
	mustContain(t, msg, "06/2022/QH15", "98/2023/NĐ-CP", "kết quả đến 20/11/2026",
		"Hệ thống không xét các danh hiệu Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Tập thể lao động tiên tiến")
	bang, giay, evidence := strings.Index(text, "tặng Bằng khen"), strings.Index(text, "Giám đốc Sở tặng Giấy khen"), strings.Index(text, "Minh chứng cho danh hiệu thi đua năm")
	if bang < 0 || giay < bang || evidence < giay {
		t.Fatalf("want the Bằng khen, then the Giấy khen, then the evidence:\n%s", text)
	}
	for _, tc := range []struct {
		section, line string
	}{
		{text[bang:giay], "1. Văn phòng Sở – 102 điểm"},
		{text[bang:giay], "1. Nguyễn Văn An (Văn phòng Sở) – 70 điểm, 2 sáng kiến được công nhận"},
		{text[giay:evidence], "1. Phòng Công nghệ thông tin – 35 điểm"},
		{text[giay:evidence], "1. John Nguyen (Văn phòng Sở) – 32 điểm, 1 sáng kiến được công nhận"},
		{text[evidence:], "Nguyễn Văn An (Văn phòng Sở): 2 sáng kiến – SK-2, SK-3"},
		{text[evidence:], "John Nguyen (Văn phòng Sở): 1 sáng kiến – SK-4"},
		{text[evidence:], "Trần Văn Bình (Phòng Công nghệ thông tin): 1 sáng kiến – SK-5"},
	} {
		if !strings.Contains(tc.section, tc.line) {
			t.Errorf("%q is not where it belongs in:\n%s", tc.line, text)
		}
	}
	for _, absent := range []string{"Lê Văn Cường", "Trần Văn Bình (Phòng Công nghệ thông tin) –", "SK-1"} {
		if strings.Contains(text, absent) {
			t.Errorf("the proposal shows %q:\n%s", absent, text)
		}
	}

	h.settle()
	var book []byte
	for _, m := range h.srv.Messages(director.ID) {
		if m.Document != nil && strings.HasSuffix(m.Document.Name, ".xlsx") {
			book = m.Document.Data
			mustContain(t, m, "Danh sách đề nghị khen thưởng năm 2026")
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// One list a level that decides, in the columns of a Sở's dossier; a
	// collective under Đơn vị, achievements as a sentence.
	header := []string{"STT", "Họ và tên", "Chức vụ", "Đơn vị", "Thành tích", "Hình thức đề nghị"}
	for _, tc := range []struct {
		sheet string
		want  [][]string
	}{
		{"Bằng khen Chủ tịch UBND tỉnh", [][]string{header,
			{"1", "", "", "Văn phòng Sở", "102 điểm thi đua năm 2026", "Bằng khen của Chủ tịch UBND tỉnh"},
			{"2", "Nguyễn Văn An", "Chuyên viên", "Văn phòng Sở", "02 sáng kiến được công nhận (SK-2, SK-3); tiết kiệm 45.000.000 đ; 70 điểm thi đua năm 2026", "Bằng khen của Chủ tịch UBND tỉnh"},
		}},
		{"Giấy khen Giám đốc Sở", [][]string{header,
			{"1", "", "", "Phòng Công nghệ thông tin", "35 điểm thi đua năm 2026", "Giấy khen của Giám đốc Sở"},
			{"2", "John Nguyen", "", "Văn phòng Sở", "01 sáng kiến được công nhận (SK-4); 32 điểm thi đua năm 2026", "Giấy khen của Giám đốc Sở"},
		}},
		{"Bằng khen Bộ trưởng", [][]string{header}},
	} {
		if rows, _ := f.GetRows(tc.sheet); !reflect.DeepEqual(rows, tc.want) {
			t.Errorf("the list %q =\n%q\nwant\n%q", tc.sheet, rows, tc.want)
		}
	}
	rows, _ := f.GetRows("Minh chứng danh hiệu")
	var got []string
	for _, r := range rows {
		got = append(got, strings.Join(r[:min(4, len(r))], " | "))
	}
	wantEvidence := []string{
		"STT | Họ và tên | Đơn vị | Sáng kiến được công nhận",
		"1 | Nguyễn Văn An | Văn phòng Sở | SK-2 – Sáng kiến của Nguyễn Văn An (Quyết định số 12/QĐ-STTTT)",
		"2 | Nguyễn Văn An | Văn phòng Sở | SK-3 – Sáng kiến của Nguyễn Văn An (Quyết định số 12/QĐ-STTTT)",
		"3 | John Nguyen | Văn phòng Sở | SK-4 – Sáng kiến của John Nguyen (Quyết định số 12/QĐ-STTTT)",
		"4 | Trần Văn Bình | Phòng Công nghệ thông tin | SK-5 – Sáng kiến của Trần Văn Bình (Quyết định số 12/QĐ-STTTT)",
	}
	if !reflect.DeepEqual(got, wantEvidence) {
		t.Errorf("the evidence sheet =\n%q\nwant\n%q", got, wantEvidence)
	}
	if score, _ := f.GetCellValue("Minh chứng danh hiệu", "F2"); score != "27/30" {
		t.Errorf("SK-2's score shows %q; want 27/30", score)
	}

	// The same in English, with its plurals.
	h.say(director, "/lang en")
	mark = h.srv.Mark()
	h.srv.SendText(director, "/commend năm 2026")
	en := h.waitText(mark, director.ID, "Proposed commendations, 2026")
	mustContain(t, en, "Nguyễn Văn An (Văn phòng Sở) – 70 points, 2 recognised initiatives", "John Nguyen (Văn phòng Sở) – 32 points, 1 recognised initiative (not registered)\n",
		"does not decide the titles Advanced Worker, Grassroots Emulation Fighter or Advanced Collective")
}

// A year outside the movement's data, or not a year, is refused clearly,
// and nothing is sent or written; the period grammar's years are read.
func TestCommend_YearsOutsideTheDataRefused(t *testing.T) {
	h := newHarnessAt(t, time.Date(2026, 11, 20, 9, 0, 0, 0, hcm))
	h.craftedYear() // data from 2025
	h.say(director, "/start")
	h.settle()
	exports := filepath.Join(filepath.Dir(h.cfg.Storage.Path), "exports")
	files := func() int { list, _ := os.ReadDir(exports); return len(list) }
	before, sent := files(), len(h.srv.Messages(director.ID))
	for _, tc := range []struct{ arg, want string }{
		{"1999", "Phong trào chưa có dữ liệu năm 1999: dữ liệu bắt đầu từ năm 2025"},
		{"năm 2024", "Phong trào chưa có dữ liệu năm 2024"},
		{"2027", "Năm 2027 chưa đến: đề xuất khen thưởng được lập cho năm 2026 trở về trước"},
		{"9999", "Năm 9999 chưa đến"},
		{"20x6", "Không hiểu năm"},
		{"quý 4/2026", "Không hiểu năm"},
	} {
		mustContain(t, h.say(director, "/commend "+tc.arg), tc.want)
	}
	h.settle()
	if got := len(h.srv.Messages(director.ID)) - sent; got != 6 {
		t.Errorf("%d messages for 6 refusals; want one each", got)
	}
	if got := files(); got != before {
		t.Errorf("%d files written for refused years", got-before)
	}
	mark := h.srv.Mark()
	h.srv.SendText(director, "/commend năm 2025")
	last := h.waitText(mark, director.ID, "Đề xuất khen thưởng năm 2025")
	mustContain(t, last, "Giám đốc Sở tặng Giấy khen", "1. Lê Văn Cường (Phòng Công nghệ thông tin) – 23 điểm, 1 sáng kiến", "Lê Văn Cường (Phòng Công nghệ thông tin): 1 sáng kiến – SK-1")
}
