package bot_test

import (
	"fmt"
	"strings"
	"testing"

	"thiduabot/storage"
)

// Given no unit, an admin's /invite offers the units as buttons, and a
// press makes the link; an admin's /members lists everyone, paged, with
// the units as buttons; a head's lists their unit.
func TestMembers_UnitsAsButtonsAndEveryonePaged(t *testing.T) {
	h := newHarness(t)
	h.say(admin, "/start")
	pick := h.say(admin, "/invite")
	mustContain(t, pick, "Chọn đơn vị")
	if _, ok := pick.Button("iv:TTCNTT"); !ok {
		t.Fatalf("no unit button for TTCNTT: %v", pick.Keyboard)
	}
	mark := h.srv.Mark()
	h.press(admin, pick, "iv:CNTT")
	mustContain(t, h.waitText(mark, admin.ID, "?start="), "Phòng Công nghệ thông tin")

	err := h.db.Update(func(tx *storage.Tx) error {
		head, _, _ := tx.Member(headVP.ID)
		for i := 0; i < 40; i++ {
			id := int64(7000 + i)
			if _, err := tx.RequestJoin(id, "VP", fmt.Sprintf("Cán bộ Số %c", 'A'+rune(i%26))); err != nil {
				return err
			}
			if _, err := tx.DecideJoin(head, id, true); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	all := h.say(admin, "/members")
	mustContain(t, all, "Thành viên toàn Sở", "1–30")
	if _, ok := all.Button("mb:VP:0"); !ok {
		t.Errorf("no unit button on the admin's listing: %v", all.Keyboard)
	}
	next := h.press(admin, all, "mb::30")
	mustContain(t, next, "31–")
	vp := h.press(admin, next, "mb:VP:0")
	mustContain(t, vp, "Thành viên Văn phòng Sở")
	if strings.Contains(vp.Plain, "Phòng Công nghệ thông tin") {
		t.Errorf("the unit's listing shows another unit's member:\n%s", vp.Plain)
	}
	head := h.say(headVP, "/members")
	mustContain(t, head, "Thành viên Văn phòng Sở")
	h.srv.PressForged(headVP, head, "mb::0") // everyone's: admins only
	h.settle()
	if h.answered(0, "không có quyền") == 0 {
		t.Error("a head's press for everyone's listing was not refused")
	}
}
