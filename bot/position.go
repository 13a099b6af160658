package bot

import (
	"strconv"
	"strings"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// Positions (chức vụ) and the heads' titles (head_title, SPEC §2): a
// member gives their position when joining, in the same answer as their
// name ("Nguyễn Thị Hoa, Chuyên viên"); the unit's head corrects it from
// the member's card; cards, group posts and the proposal sheets name
// people by it: "đồng chí Nguyễn Văn An, Chuyên viên Văn phòng Sở".

const formPosition = "position" // a head's correction of a member's position

func init() {
	errorTexts[storage.ReasonPositionEmpty] = "law.err.position_empty"
	errorTexts[storage.ReasonPositionForm] = "law.err.position_form"
}

// splitNamePosition reads "Nguyễn Thị Hoa, Chuyên viên" as a name and a
// position (a name has no comma); without a comma, all is the name.
func splitNamePosition(s string) (name, position string) {
	name, position, _ = strings.Cut(s, ",")
	return strings.TrimSpace(name), strings.TrimSpace(position)
}

// headTitle is what the configuration calls the head of unit ("" when
// it does not say).
func (o *office) headTitle(unit string) string {
	for _, u := range o.cfg.Units {
		if u.Code == unit {
			return u.HeadTitle
		}
	}
	return ""
}

// withUnit joins a position and its unit's name as offices write it, the
// words they share said once: "Chánh Văn phòng" of "Văn phòng Sở" is
// "Chánh Văn phòng Sở", "Trưởng phòng" of "Phòng Công nghệ thông tin"
// "Trưởng phòng Công nghệ thông tin", "Chuyên viên" of "Văn phòng Sở"
// "Chuyên viên Văn phòng Sở".
func withUnit(position, unit string) string {
	if unit == "" {
		return position
	}
	if position == "" {
		return unit
	}
	pw, uw := strings.Fields(position), strings.Fields(unit)
	for n := min(len(pw), len(uw)); n > 0; n-- {
		if strings.EqualFold(strings.Join(pw[len(pw)-n:], " "), strings.Join(uw[:n], " ")) {
			return strings.Join(append(pw, uw[n:]...), " ")
		}
	}
	return position + " " + unit
}

// positionOf is m's position as it is shown: what they gave or their
// head set; for a head who gave none, the unit's head title; "" when
// nothing is known.
func (o *office) positionOf(m storage.Member) string {
	if m.Position != "" {
		return m.Position
	}
	if m.IsStaff() && m.IsHead(m.Unit) {
		return o.headTitle(m.Unit)
	}
	return ""
}

// titleOf is m's position with their unit, for a post or a sheet:
// "Chuyên viên Văn phòng Sở"; a director's "lãnh đạo Sở" when no
// position is on record.
func (o *office) titleOf(tx *storage.Tx, lang string, m storage.Member) string {
	pos := o.positionOf(m)
	if m.Unit == "" || !m.IsStaff() {
		if pos == "" && m.IsDirector() {
			return texts.T(lang, "role.director")
		}
		return pos
	}
	unit, _, _ := tx.Unit(m.Unit)
	if pos == "" {
		return texts.T(lang, "role.staff", unit.Name) // cán bộ Văn phòng Sở
	}
	return withUnit(pos, unit.Name)
}

// comrade names m for a group post: "Nguyễn Văn An, Chuyên viên Văn
// phòng Sở" (the text puts "đồng chí" before it).
func (o *office) comrade(tx *storage.Tx, lang string, m storage.Member) string {
	name := displayName(lang, m)
	if t := o.titleOf(tx, lang, m); t != "" {
		return name + ", " + t
	}
	return name
}

// comradeAhead is comrade for the head of a sentence, closed by a comma
// when a title follows the name: "Lê Quang Minh, Giám đốc Sở," (… biểu
// dương …).
func (o *office) comradeAhead(tx *storage.Tx, lang string, m storage.Member) string {
	if o.titleOf(tx, lang, m) == "" {
		return displayName(lang, m)
	}
	return o.comrade(tx, lang, m) + ","
}

// positionLine is the card's line of a member's position, "" for none.
func (o *office) positionLine(lang string, m storage.Member) string {
	if pos := o.positionOf(m); pos != "" {
		return texts.T(lang, "law.members.position", pos)
	}
	return ""
}

// positionButton is the member card's button to correct the position.
func positionButton(lang string, m storage.Member) []storage.Button {
	return []storage.Button{{Text: texts.T(lang, "law.btn.position"), Data: data(actPosition, strconv.FormatInt(m.UserID, 10))}}
}

// onPositionButton asks the head (or an admin) for the member's position.
func onPositionButton(c *Ctx, pressed string) error {
	uid, err := strconv.ParseInt(pressed, 10, 64)
	if err != nil {
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	m, err := c.tx.ExistingMember(uid)
	if err != nil {
		return err
	}
	if m.Unit == "" || !c.Me.CanManage(m.Unit) {
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	if err := c.saveForm(formPosition, "position", positionForm{ID: pressed}); err != nil {
		return err
	}
	current := c.bot.positionOf(m)
	if current == "" {
		current = "—"
	}
	return c.Reply(c.T("law.position.ask", displayName(c.Lang, m), current))
}

// positionForm is what the form of a position holds: whose it is.
type positionForm struct {
	ID string `json:"id,omitempty"`
}

// positionStep takes the corrected position, and shows the card again.
func positionStep(c *Ctx, f storage.Form) error {
	if c.Req.CallbackID != "" {
		return c.Answer(c.T("form.stale"), false)
	}
	if c.Req.Text == "" {
		return storage.Errorf(storage.EInvalid, reasonTextExpected)
	}
	uid, _ := strconv.ParseInt(formState[positionForm](f).ID, 10, 64)
	m, err := c.tx.SetPosition(c.Me, uid, c.Req.Text)
	if err != nil {
		return err
	}
	if err := c.clearForm(); err != nil {
		return err
	}
	if err := c.Reply(c.T("law.position.saved", displayName(c.Lang, m), m.Position)); err != nil {
		return err
	}
	text, kb, err := memberCard(c, m)
	if err != nil {
		return err
	}
	return c.Reply(text, kb...)
}
