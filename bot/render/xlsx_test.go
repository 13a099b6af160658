package render

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// Money cells are formatted in the workbook's language: 6.000.000 đ in
// Vietnamese, VND 6,000,000 in English.
func TestXLSX_MoneyInTheWorkbooksLanguage(t *testing.T) {
	for lang, want := range map[string]string{"vi": "đ", "en": "VND 6,000,000"} {
		f := NewWorkbook()
		st, err := NewStyles(f, lang)
		if err != nil {
			t.Fatal(err)
		}
		sh, err := NewSheet(f, "Money", st, time.FixedZone("ICT", 7*3600), "amount")
		if err != nil {
			t.Fatal(err)
		}
		if err := sh.Add(Money(6_000_000)); err != nil {
			t.Fatal(err)
		}
		if err := sh.Flush(); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "m.xlsx")
		if err := SaveWorkbook(f, path); err != nil {
			t.Fatal(err)
		}
		f.Close()
		r, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := r.GetCellValue("Money", "A2")
		r.Close()
		if !strings.Contains(got, want) || (lang == "en" && strings.Contains(got, "đ")) {
			t.Errorf("%s: the money cell shows %q; want %q", lang, got, want)
		}
	}
}
