package bot_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

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
	if got := strings.Join(f.GetSheetList(), ","); got != "Tổng hợp,Sáng kiến,Tiến độ,Báo cáo,Xếp hạng,Phản ánh,Công khai xử lý lãng phí,Chỉ tiêu hạ tầng,Công trình" {
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
