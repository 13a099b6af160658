package bot_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// Every kind of record shows where its descriptor says: its sheet in the
// year's workbook, its section in /mydata. The lists come from
// storage.Kinds, so a new kind cannot be left out of either unseen.
func TestKinds_EachShowsInTheWorkbookAndInMyData(t *testing.T) {
	h := newHarnessAt(t, time.Date(2026, 11, 20, 9, 0, 0, 0, hcm))
	h.acceptedIdea()
	err := h.db.Update(func(tx *storage.Tx) error {
		an, _, _ := tx.Member(staffAn.ID)
		d, _, _ := tx.Member(director.ID)
		if _, err := tx.ReportWaste(an, storage.Waste{Description: "Đèn hành lang bật cả đêm."}); err != nil {
			return err
		}
		_, err := tx.AddPraise(d, storage.Praise{Member: an.UserID, Reason: "Tiết kiệm điện."})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	doc := h.myData(staffAn)

	f := h.workbook("2026")
	sheets := f.GetSheetList()

	for _, k := range storage.Kinds {
		switch {
		case k.Sheet != "" && k.NoSheet != "":
			t.Errorf("kind %s has a sheet and says why it has none", k.Name)
		case k.Sheet == "" && k.NoSheet == "":
			t.Errorf("kind %s has no sheet in the workbook and does not say why", k.Name)
		case k.Sheet != "":
			if name := texts.T("vi", k.Sheet); !slices.Contains(sheets, name) {
				t.Errorf("kind %s: the workbook has no sheet %q (it has %v)", k.Name, name, sheets)
			}
		}
		switch {
		case k.MyData != "" && k.NotPersonal != "":
			t.Errorf("kind %s has a /mydata section and says it is not personal", k.Name)
		case k.MyData == "" && k.NotPersonal == "":
			t.Errorf("kind %s has no section in /mydata and does not say why", k.Name)
		case k.MyData != "":
			heading, _, _ := strings.Cut(texts.T("vi", k.MyData), " (")
			if !strings.Contains(doc, "\n"+heading) {
				t.Errorf("kind %s: /mydata has no section %q:\n%s", k.Name, heading, doc)
			}
		}
		if k.Erasure == "" {
			t.Errorf("kind %s does not say what an erasure does to it", k.Name)
		}
	}
}
