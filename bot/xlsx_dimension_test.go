package bot_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"thiduabot/storage"
)

var (
	dimensionRef = regexp.MustCompile(`<dimension ref="A1:[A-Z]+(\d+)"/>`)
	rowElement   = regexp.MustCompile(`<row `)
)

// exportWorkbook runs /export 2026 as the director and returns the
// workbook sent.
func exportWorkbook(t *testing.T, h *harness) []byte {
	t.Helper()
	h.say(director, "/start")
	mark := h.srv.Mark()
	h.srv.SendText(director, "/export 2026")
	h.waitText(mark, director.ID, "CSV")
	h.settle()
	for _, m := range h.srv.Messages(director.ID) {
		if m.Document != nil && strings.HasSuffix(m.Document.Name, ".xlsx") {
			return m.Document.Data
		}
	}
	t.Fatal("no workbook sent")
	return nil
}

// Every streamed sheet declares its real dimension, so readers that trust
// it (openpyxl read-only, in2csv, agate) see every row; the ideas sheet
// holds as many rows as there are ideas, and a header. When the
// THIDUABOT_XLSX_CHECK folder is set, the workbook and the rows each
// sheet must have are written there for .ci/xlsx_check.py, which reads
// them with Debian's openpyxl.
func TestExport_EverySheetDeclaresItsDimension(t *testing.T) {
	h := newHarnessAt(t, time.Date(2026, 11, 20, 9, 0, 0, 0, hcm))
	h.acceptedIdea()
	h.submitIdea(staffAn, "In hai mặt mọi văn bản nội bộ", "Đặt máy in mặc định in hai mặt.", "2tr5")
	h.submitIdea(staffAn, "Dùng chung phòng họp trực tuyến", "Một phòng họp trực tuyến cho cả Sở.", "1,5 tỷ")
	data := exportWorkbook(t, h)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows := map[string]int{} // sheet → its rows, header included
	for id, name := range f.GetSheetMap() {
		part := "xl/worksheets/sheet" + strconv.Itoa(id) + ".xml"
		var xml []byte
		for _, zf := range zr.File {
			if zf.Name == part {
				r, _ := zf.Open()
				xml, _ = io.ReadAll(r)
				r.Close()
			}
		}
		m := dimensionRef.FindSubmatch(xml)
		n := len(rowElement.FindAll(xml, -1))
		rows[name] = n
		if m == nil {
			t.Errorf("sheet %q (%s) declares no range: %q", name, part, firstBytes(xml, 400))
			continue
		}
		if got, _ := strconv.Atoi(string(m[1])); got != n {
			t.Errorf("sheet %q declares %d rows and holds %d", name, got, n)
		}
	}
	var ideas int
	h.db.View(func(tx *storage.Tx) error {
		_, ideas, _ = tx.Ideas(storage.IdeaFilter{}, 1)
		return nil
	})
	if rows["Sáng kiến"] != ideas+1 || ideas != 3 {
		t.Errorf("the ideas sheet has %d rows for %d ideas; want a header and a row each", rows["Sáng kiến"], ideas)
	}
	if dir := os.Getenv("THIDUABOT_XLSX_CHECK"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, "export.xlsx"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(rows)
		if err := os.WriteFile(filepath.Join(dir, "export.rows.json"), want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func firstBytes(b []byte, n int) []byte { return b[:min(len(b), n)] }
