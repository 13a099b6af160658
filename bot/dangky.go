package bot

import (
	"strconv"
	"strings"
	"time"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// /dangky: đăng ký thi đua (SPEC §3). In the [registration] window a head
// registers the unit (the collective title aimed for, its commitments; its
// money target shown for confirmation), a member themself (the title aimed
// for, the initiatives committed to); directors and admins see the
// register at any time. Outside the window a registration is refused with
// when it opens. Buttons: dk:u:VP (the unit's form), dk:m (one's own).

const formRegister = "register"

func init() {
	errorTexts[storage.ReasonTitleUnknown] = "law.err.title_unknown"
	errorTexts[storage.ReasonRegisterOther] = "law.err.register_other"
	errorTexts[storage.ReasonInitiativesRange] = "law.err.initiatives_range"
	errorTexts[reasonWindowClosed] = "law.err.window_closed"
}

// reasonWindowClosed: the year, the window's first and last days.
const reasonWindowClosed storage.Reason = "window_closed"

// registrationYear is the year a registration made now is for, and
// whether the window is open; closed, the error says when it opens next.
func (o *office) registrationYear() (int, error) {
	now := o.Now().In(o.loc)
	r := o.cfg.Registration
	for _, year := range []int{now.Year(), now.Year() + 1} {
		from, until := r.Window(year, o.loc)
		if now.Before(from) {
			return year, storage.Errorf(storage.EConflict, reasonWindowClosed, year, formatDate(from, o.loc), formatDate(until.AddDate(0, 0, -1), o.loc))
		}
		if now.Before(until) {
			return year, nil
		}
	}
	return now.Year() + 1, storage.Errorf(storage.EConflict, reasonWindowClosed, now.Year()+1, "", "")
}

func cmdDangky(c *Ctx) error {
	year, closed := c.bot.registrationYear()
	if c.Me.IsDirector() || c.Me.IsAdmin() {
		if closed != nil {
			year = c.bot.Now().In(c.bot.loc).Year()
		}
		return showRegister(c, year)
	}
	if closed != nil {
		return closed
	}
	if c.Me.IsHead(c.Me.Unit) {
		unit, _, err := c.tx.Unit(c.Me.Unit)
		if err != nil {
			return err
		}
		return c.Reply(c.T("law.dangky.choose", year), []storage.Button{
			{Text: c.T("law.dangky.btn_unit", unit.Name), Data: data(actRegister, "u", unit.Code)},
			{Text: c.T("law.dangky.btn_me"), Data: data(actRegister, "m")},
		})
	}
	return startRegister(c, year, "m", "")
}

func titleButtons(lang string, titles []string) [][]storage.Button {
	var kb [][]storage.Button
	for _, t := range titles {
		kb = append(kb, []storage.Button{{Text: texts.T(lang, "law.title."+t), Data: data(actForm, t)}})
	}
	return kb
}

// registerForm is what the registration form holds: the year, "u" for a
// unit or "m" for oneself, the unit, the title, and the commitments (a
// unit) or the number of initiatives (a member).
type registerForm struct {
	Year        string `json:"year,omitempty"`
	Kind        string `json:"kind,omitempty"`
	Unit        string `json:"unit,omitempty"`
	Title       string `json:"title,omitempty"`
	Commit      string `json:"commit,omitempty"`
	Initiatives string `json:"initiatives,omitempty"`
}

// startRegister opens the form: kind "u" for unit, "m" for oneself.
func startRegister(c *Ctx, year int, kind, unit string) error {
	if err := c.saveForm(formRegister, "title", registerForm{Year: strconv.Itoa(year), Kind: kind, Unit: unit}); err != nil {
		return err
	}
	if kind == "u" {
		return c.Reply(c.T("law.dangky.ask_unit_title", year), titleButtons(c.Lang, storage.UnitTitles)...)
	}
	return c.Reply(c.T("law.dangky.ask_title", year), titleButtons(c.Lang, storage.MemberTitles)...)
}

// onRegisterButton starts a unit's or one's own registration; a forged
// button for another unit is refused by storage when it is stored, and
// here before the form opens.
func onRegisterButton(c *Ctx, pressed string) error {
	kind, unit, _ := strings.Cut(pressed, ":")
	year, err := c.bot.registrationYear()
	if err != nil {
		return err
	}
	if kind == "u" && (!c.Me.IsHead("") || unit != c.Me.Unit) {
		return storage.Errorf(storage.EForbidden, storage.ReasonRegisterOther, unit)
	}
	if kind != "u" && kind != "m" {
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	if err := c.RemoveButtons(); err != nil {
		return err
	}
	return startRegister(c, year, kind, unit)
}

// registration is what the form holds, as storage takes it.
func registration(c *Ctx, st registerForm) storage.Registration {
	year, _ := strconv.Atoi(st.Year)
	n, _ := strconv.Atoi(st.Initiatives)
	r := storage.Registration{Year: year, Title: st.Title, Commitments: st.Commit, Initiatives: n}
	if st.Kind == "u" {
		r.Subject.Unit = st.Unit
	} else {
		r.Subject.Member = c.Me.UserID
	}
	return r
}

// registerStep takes the title, then the commitments (a unit) or the
// initiatives committed to (a member), then the confirm of the preview.
func registerStep(c *Ctx, f storage.Form) error {
	st := formState[registerForm](f)
	switch f.Step {
	case "title":
		t := formAnswer(c)
		if t == "" {
			return c.Reply(c.T("form.choose"))
		}
		if err := c.RemoveButtons(); err != nil {
			return err
		}
		st.Title = t
		if st.Kind == "u" {
			f.Step = "commit"
			if err := c.saveForm(f.Kind, f.Step, st); err != nil {
				return err
			}
			return c.Reply(c.T("law.dangky.ask_commit", storage.MaxReasonLen))
		}
		f.Step = "initiatives"
		if err := c.saveForm(f.Kind, f.Step, st); err != nil {
			return err
		}
		return c.Reply(c.T("law.dangky.ask_initiatives"))
	case "commit", "initiatives":
		if c.Req.CallbackID != "" {
			return c.Answer(c.T("form.stale"), false)
		}
		if f.Step == "commit" {
			text, err := storage.CheckReason(c.Req.Text)
			if err != nil {
				return err
			}
			st.Commit = text
		} else {
			n, err := count(c.Req.Text)
			if err != nil {
				return err
			}
			if n > 20 {
				return storage.Errorf(storage.EInvalid, storage.ReasonInitiativesRange, 20)
			}
			st.Initiatives = strconv.Itoa(n)
		}
		f.Step = "confirm"
		if err := c.saveForm(f.Kind, f.Step, st); err != nil {
			return err
		}
		return c.Reply(registrationPreview(c, registration(c, st)), confirmButtons(c.Lang)...)
	}
	if answered, err := awaitConfirm(c); answered {
		return err
	}
	if _, err := c.bot.registrationYear(); err != nil { // the window closed meanwhile
		return err
	}
	r, err := c.tx.Register(c.Me, registration(c, st))
	if err != nil {
		return err
	}
	if err := c.clearForm(); err != nil {
		return err
	}
	if err := c.RemoveButtons(); err != nil {
		return err
	}
	return c.Reply(c.T("law.dangky.saved", r.Year, c.T("law.title."+r.Title)))
}

// registrationPreview is a registration as it will be recorded: a unit's
// with its money target from the configuration.
func registrationPreview(c *Ctx, r storage.Registration) string {
	title := c.T("law.title." + r.Title)
	if r.Subject.Unit == "" {
		return c.T("law.dangky.preview_member", r.Year, displayName(c.Lang, c.Me), title, r.Initiatives)
	}
	unit, _, _ := c.tx.Unit(r.Subject.Unit)
	text := c.T("law.dangky.preview_unit", r.Year, unit.Name, title, r.Commitments)
	for _, u := range c.bot.cfg.Units {
		if u.Code == r.Subject.Unit && u.Target > 0 {
			text += c.T("law.dangky.target", texts.Money(u.Target))
		}
	}
	return text
}

// showRegister is the year's register for directors and admins.
func showRegister(c *Ctx, year int) error {
	reg, err := c.tx.Registrations(year)
	if err != nil {
		return err
	}
	units, err := c.tx.Units()
	if err != nil {
		return err
	}
	var text strings.Builder
	text.WriteString(c.T("law.dangky.register", year))
	for _, u := range units {
		if r, ok := reg[storage.Subject{Unit: u.Code}]; ok {
			text.WriteString(c.T("law.dangky.unit_line", u.Name, c.T("law.title."+r.Title), r.Commitments))
		} else {
			text.WriteString(c.T("law.dangky.unit_none", u.Name))
		}
	}
	members := 0
	for s, r := range reg {
		if s.Member == 0 {
			continue
		}
		m, _, err := c.tx.Member(s.Member)
		if err != nil {
			return err
		}
		if members == 0 {
			text.WriteString(c.T("law.dangky.members"))
		}
		members++
		text.WriteString(c.T("law.dangky.member_line", c.bot.comrade(c.tx, c.Lang, m), c.T("law.title."+r.Title), r.Initiatives))
	}
	if members == 0 {
		text.WriteString(c.T("law.dangky.members_none"))
	}
	return c.Reply(text.String())
}

// RemindRegistration reminds, during the window only, the members and the
// units' heads who have not registered for the year (the schedule's job).
func (b *Bot) RemindRegistration() error {
	year, err := b.registrationYear()
	if err != nil {
		return nil // outside the window: nobody is reminded
	}
	_, until := b.cfg.Registration.Window(year, b.loc)
	last := formatDate(until.Add(-time.Second), b.loc)
	defer b.sender.Notify()
	return b.db.Update(func(tx *storage.Tx) error {
		reg, err := tx.Registrations(year)
		if err != nil {
			return err
		}
		units, err := tx.Units()
		if err != nil {
			return err
		}
		for _, u := range units {
			_, unitDone := reg[storage.Subject{Unit: u.Code}]
			var told error
			err := tx.UnitMembers(u.Code, func(m storage.Member) bool {
				if !m.Active() {
					return true
				}
				if _, done := reg[storage.Subject{Member: m.UserID}]; !done {
					if told = b.tell(tx, m.UserID, "law.dangky.remind_member", year, last); told != nil {
						return false
					}
				}
				if m.IsHead(u.Code) && !unitDone {
					if told = b.tell(tx, m.UserID, "law.dangky.remind_unit", u.Name, year, last); told != nil {
						return false
					}
				}
				return true
			})
			if err != nil {
				return err
			}
			if told != nil {
				return told
			}
		}
		return nil
	})
}
