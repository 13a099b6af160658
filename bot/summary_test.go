package bot_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"thiduabot/storage"
)

// acceptedIdea takes An's idea SK-1 to accepted (8+7+9) and records progress.
func (h *harness) acceptedIdea() {
	h.t.Helper()
	h.submitted()
	err := h.db.Update(func(tx *storage.Tx) error {
		head, _, _ := tx.Member(headVP.ID)
		d, _, _ := tx.Member(director.ID)
		an, _, _ := tx.Member(staffAn.ID)
		if _, err := tx.DecideIdea(head, 1, storage.Decision{Action: storage.ActEndorse}); err != nil {
			return err
		}
		if _, err := tx.DecideIdea(d, 1, storage.Decision{Action: storage.ActAccept, Scores: storage.Scores{Novelty: 8, Applicability: 7, Benefit: 9}}); err != nil {
			return err
		}
		_, err := tx.ReportProgress(an, storage.Progress{IdeaID: 1, Percent: 60, Saved: 3_200_000, Note: "Đã lắp hẹn giờ"})
		return err
	})
	if err != nil {
		h.t.Fatal(err)
	}
}

func TestSummary_FromTheKeptCounters(t *testing.T) {
	h := newHarnessAt(t, time.Date(2026, 11, 20, 9, 0, 0, 0, hcm))
	h.acceptedIdea()
	h.say(director, "/start")
	// Given no period, /summary offers this and the last month, quarter and
	// year as buttons; a press echoes the choice and answers for it.
	ask := h.say(director, "/summary")
	mustContain(t, ask, "chọn kỳ")
	var labels []string
	for _, row := range ask.Keyboard {
		for _, b := range row {
			labels = append(labels, b.Text)
		}
	}
	if got := strings.Join(labels, ", "); got != "Tháng 11/2026, Tháng 10/2026, Quý 4/2026, Quý 3/2026, Năm 2026, Năm 2025" {
		t.Errorf("period buttons = %s", got)
	}
	mark := h.srv.Mark()
	echo := h.press(director, ask, "p:summary:Q4/2026")
	mustContain(t, echo, "/summary – quý 4/2026")
	if len(echo.Keyboard) != 0 {
		t.Errorf("the period buttons stay after the press: %v", echo.Keyboard)
	}
	sum := h.waitText(mark, director.ID, "Tổng hợp")
	mustContain(t, sum, "Tổng hợp quý 4/2026", "Sáng kiến: 1 (tiết kiệm, chống lãng phí 1; hạ tầng 0)", "đang thực hiện 1",
		"Ước tính (sáng kiến còn hiệu lực): 6.000.000 đ/năm", "Thực tế trong kỳ theo tiến độ sáng kiến: 3.200.000 đ",
		"Thực tế trong kỳ theo báo cáo của đơn vị: 0 đ", "(tính theo số tiết kiệm đơn vị báo cáo",
		"Văn phòng Sở: 0 đ / 120.000.000 đ (0%); sáng kiến: 3.200.000 đ",
		"Cá nhân dẫn đầu\n1. Nguyễn Văn An (Văn phòng) – 35 điểm", "Tập thể dẫn đầu\n1. Văn phòng Sở – 35 điểm")
	mustContain(t, h.say(director, "/summary 11/2026"), "tháng 11/2026")
	mustContain(t, h.say(director, "/summary 2026"), "năm 2026")
	mustContain(t, h.say(director, "/summary quý 4/2026"), "Tổng hợp quý 4/2026")
	mustContain(t, h.say(director, "/summary quý IV/2026"), "Tổng hợp quý 4/2026")
	mustContain(t, h.say(director, norm.NFD.String("/summary tháng 11/2026")), "tháng 11/2026")
	for _, bad := range []string{"Q5/2026", "13/2026", "hôm qua", "quý 5/2026", "năm 20266"} {
		mustContain(t, h.say(director, "/summary "+bad), "Không hiểu kỳ")
	}
	mustContain(t, h.say(staffAn, "/summary"), "không có quyền")
	mustContain(t, h.say(staffAn, "/export"), "không có quyền")
	group := h.cfg.Telegram.GroupChatID
	mark = h.srv.Mark()
	h.srv.SendGroupText(group, director, "/export")
	h.waitText(mark, group, "nhắn riêng")
}

func TestExport_WorkbookAndCSV(t *testing.T) {
	h := newHarnessAt(t, time.Date(2026, 11, 20, 9, 0, 0, 0, hcm))
	h.acceptedIdea()
	h.say(director, "/start")
	mark := h.srv.Mark()
	h.srv.SendText(director, "/export 2026")
	h.waitText(mark, director.ID, "CSV")
	h.settle()
	var xlsx, csvData []byte
	for _, m := range h.srv.Messages(director.ID) {
		if m.Document != nil && strings.HasSuffix(m.Document.Name, ".xlsx") {
			xlsx = m.Document.Data
		}
		if m.Document != nil && strings.HasSuffix(m.Document.Name, ".csv") {
			csvData = m.Document.Data
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(xlsx))
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "Tổng hợp,Sáng kiến,Tiến độ,Báo cáo,Xếp hạng,Phản ánh" {
		t.Errorf("sheets = %s", got)
	}
	cell := func(sheet, ref string) string { v, _ := f.GetCellValue(sheet, ref); return v }
	if cell("Sáng kiến", "A1") != "Mã" || cell("Sáng kiến", "A2") != "SK-1" || cell("Sáng kiến", "B2") != "Tắt điều hòa khi rời phòng" {
		t.Errorf("ideas sheet: A1 %q A2 %q B2 %q", cell("Sáng kiến", "A1"), cell("Sáng kiến", "A2"), cell("Sáng kiến", "B2"))
	}
	raw, _ := f.GetCellValue("Sáng kiến", "H2", excelize.Options{RawCellValue: true})
	if raw != "6000000" {
		t.Errorf("estimated savings cell holds %q; want the number 6000000", raw)
	}
	if typ, _ := f.GetCellType("Sáng kiến", "H2"); typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
		t.Errorf("money is stored as text (%v)", typ)
	}
	if v := cell("Sáng kiến", "G2"); v != "20/11/2026 09:00" {
		t.Errorf("submitted date shows %q; want 20/11/2026 09:00", v)
	}
	if v := cell("Tiến độ", "D2"); !strings.Contains(v, "3,200,000") && !strings.Contains(v, "3.200.000") {
		t.Errorf("progress saved shows %q", v)
	}
	panes, _ := f.GetPanes("Sáng kiến")
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("the header row is not frozen: %+v", panes)
	}
	if !bytes.HasPrefix(csvData, []byte("\xEF\xBB\xBF")) || !bytes.Contains(csvData, []byte("Tắt điều hòa khi rời phòng")) {
		t.Errorf("CSV lacks the BOM or the idea: %q", csvData[:min(len(csvData), 80)])
	}
}

// /export and /commend given no period ask for one; a press runs the heavy
// part with it, and a forged period is refused and changes nothing.
func TestPeriods_OfferedAsButtonsForHeavyCommands(t *testing.T) {
	h := newHarnessAt(t, time.Date(2026, 11, 20, 9, 0, 0, 0, hcm))
	h.acceptedIdea()
	h.say(director, "/start")
	ask := h.say(director, "/export")
	mustContain(t, ask, "chọn kỳ")
	mark := h.srv.Mark()
	h.press(director, ask, "p:export:11/2026")
	h.waitText(mark, director.ID, "CSV")
	ask = h.say(director, "/commend")
	if _, ok := ask.Button("p:commend:2025"); !ok {
		t.Errorf("/commend offers no last year: %v", ask.Keyboard)
	}
	mark = h.srv.Mark()
	h.press(director, ask, "p:commend:2026")
	h.waitText(mark, director.ID, "2026")
	h.settle()
	before := len(h.srv.Messages(director.ID))
	h.srv.PressForged(director, ask, "p:summary:Q5/2026")
	h.settle()
	if n := h.answered(0, "Không hiểu kỳ"); n == 0 {
		t.Error("a forged period was not refused")
	}
	if after := len(h.srv.Messages(director.ID)); after != before {
		t.Errorf("a forged period sent %d messages", after-before)
	}
	h.srv.PressForged(staffAn, ask, "p:summary:Q4/2026")
	h.settle()
	if n := h.answered(0, "không có quyền"); n == 0 {
		t.Error("a staff member's press of a director's period was not refused")
	}
}
