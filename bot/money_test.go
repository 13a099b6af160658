package bot_test

import (
	"testing"

	"golang.org/x/text/unicode/norm"

	"thiduabot/storage"
)

// Money is read as people write it, through the real form: "1.500 triệu"
// is one and a half billion, and words or a negative are refused with an
// example while the form waits on the same step.
func TestMoney_ReadAsPeopleWriteIt(t *testing.T) {
	h := newHarness(t)
	h.join(staffAn, "Nguyễn Văn An")
	theme := h.say(staffAn, "/idea")
	h.press(staffAn, theme, "f:thrift")
	h.say(staffAn, "Dùng chung máy in cả tầng")
	h.say(staffAn, "Gom máy in về một phòng.")
	for _, typed := range []string{"hai triệu", "-5", "2,5,5"} {
		reply := h.say(staffAn, typed)
		mustContain(t, reply, "ví dụ", "1.500.000")
	}
	confirm := h.say(staffAn, norm.NFD.String("1.500 triệu đồng"))
	mustContain(t, confirm, "1.500.000.000")
	if confirm.Plain == "" || len(confirm.Keyboard) == 0 {
		t.Fatalf("no confirm card after a good amount: %q", confirm.Plain)
	}
	h.press(staffAn, confirm, "f:ok")
	h.settle()
	h.db.View(func(tx *storage.Tx) error {
		ideas, _, _ := tx.Ideas(storage.IdeaFilter{}, 10)
		if len(ideas) != 1 || ideas[0].EstSavings != 1_500_000_000 {
			t.Errorf("stored ideas = %+v; want one worth 1.500.000.000 đ", ideas)
		}
		return nil
	})
}
