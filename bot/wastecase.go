package bot

import (
	"strconv"
	"strings"
	"time"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// A waste report handled to the end, in public (SPEC §3, /waste): an admin
// assigns it to the unit responsible, or the Thanh tra Sở, with a handling
// deadline (wc:a:7, then wc:u:7:TT); that unit's head records what was
// found, what was done and the money recovered (wc:h:7); the reporter is
// told, never named; overdue handling is reminded; the register of
// handled cases is previewed to the admins and posted on its confirm
// (wc:P). Buttons carry only an action and ids; storage checks who.

const (
	formAssign = "waste_assign" // the handling deadline
	formHandle = "waste_handle" // the finding, the action, the money recovered
)

func init() {
	errorTexts[storage.ReasonHandleByPast] = "law.err.handle_by_past"
	errorTexts[storage.ReasonWasteOtherUnit] = "law.err.waste_other_unit"
}

// caseButtons are the buttons of the handling a viewer may press on w.
func caseButtons(lang string, viewer storage.Member, w storage.Waste) []storage.Button {
	id := strconv.FormatUint(w.ID, 10)
	var row []storage.Button
	if viewer.IsAdmin() && w.Open() && w.Unit == "" {
		row = append(row, storage.Button{Text: texts.T(lang, "law.btn.assign"), Data: data(actWasteCase, "a", id)})
	}
	if w.Open() && w.Unit != "" && viewer.IsHead(w.Unit) {
		row = append(row, storage.Button{Text: texts.T(lang, "law.btn.handle"), Data: data(actWasteCase, "h", id)})
	}
	return row
}

// caseText is what a card adds about the case's handling.
func (o *office) caseText(tx *storage.Tx, lang string, w storage.Waste) string {
	if w.Unit == "" {
		return ""
	}
	unit, _, _ := tx.Unit(w.Unit)
	text := texts.T(lang, "law.waste.assigned", unit.Name, formatDate(w.HandleBy, o.loc))
	if w.Finding != "" {
		text += texts.T(lang, "law.waste.finding", w.Finding)
	}
	if w.Recovered > 0 {
		text += texts.T(lang, "law.waste.recovered", texts.Money(w.Recovered))
	}
	return text
}

func onWasteCaseButton(c *Ctx, pressed string) error {
	parts := strings.Split(pressed, ":")
	if len(parts) < 2 {
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	if parts[0] == "P" {
		return postWasteRegister(c)
	}
	id, err := strconv.ParseUint(parts[1], 10, 64)
	if err != nil {
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	w, err := c.tx.Waste(id)
	if err != nil {
		return err
	}
	switch parts[0] {
	case "a": // pick the unit
		if !c.Me.IsAdmin() {
			return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
		}
		units, err := c.tx.Units()
		if err != nil {
			return err
		}
		var kb [][]storage.Button
		var row []storage.Button
		for _, u := range units {
			row = append(row, storage.Button{Text: c.bot.shortName(u), Data: data(actWasteCase, "u", parts[1], u.Code)})
			if len(row) == 3 {
				kb, row = append(kb, row), nil
			}
		}
		if len(row) > 0 {
			kb = append(kb, row)
		}
		return c.Reply(c.T("law.waste.ask_unit", w.Ref()), kb...)
	case "u": // then the deadline
		if !c.Me.IsAdmin() || len(parts) < 3 {
			return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
		}
		unit, err := c.tx.ExistingUnit(parts[2])
		if err != nil {
			return err
		}
		if err := c.RemoveButtons(); err != nil {
			return err
		}
		if err := c.saveForm(formAssign, "due", assignForm{ID: parts[1], Unit: unit.Code}); err != nil {
			return err
		}
		return c.Reply(c.T("law.waste.ask_due", w.Ref(), unit.Name, formatDate(c.bot.Now().AddDate(0, 0, 15), c.bot.loc)))
	case "h": // the unit's head records the handling
		if w.Unit == "" || !c.Me.IsHead(w.Unit) {
			return storage.Errorf(storage.EForbidden, storage.ReasonWasteOtherUnit, w.Ref())
		}
		if !w.Open() {
			return storage.Errorf(storage.EConflict, storage.ReasonWasteDecided, w.Ref())
		}
		if err := c.saveForm(formHandle, "finding", handleForm{ID: parts[1]}); err != nil {
			return err
		}
		return c.Reply(c.T("law.waste.ask_finding", w.Ref(), storage.MaxReasonLen))
	}
	return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
}

// assignForm is what the form of a waste report's assignment holds: the
// report (its id), the unit, and the deadline (dd/mm/yyyy).
type assignForm struct {
	ID   string `json:"id,omitempty"`
	Unit string `json:"unit,omitempty"`
	Due  string `json:"due,omitempty"`
}

// handleForm is what the form of a unit's handling holds: the report (its
// id), the finding, the action taken and the money recovered (whole dong).
type handleForm struct {
	ID      string `json:"id,omitempty"`
	Finding string `json:"finding,omitempty"`
	Action  string `json:"action,omitempty"`
	Money   string `json:"money,omitempty"`
}

// assignStep takes the handling deadline, then the confirm.
func assignStep(c *Ctx, f storage.Form) error {
	st := formState[assignForm](f)
	id, _ := strconv.ParseUint(st.ID, 10, 64)
	if f.Step == "due" {
		if c.Req.CallbackID != "" {
			return c.Answer(c.T("form.stale"), false)
		}
		day, err := parseDay(c.Req.Text, c.bot.loc)
		if err != nil {
			return err
		}
		due := day.Add(24*time.Hour - time.Minute) // the end of that day
		if !due.After(c.bot.Now()) {
			return storage.Errorf(storage.EInvalid, storage.ReasonHandleByPast, formatDate(day, c.bot.loc))
		}
		st.Due, f.Step = formatDate(day, c.bot.loc), "confirm"
		if err := c.saveForm(f.Kind, f.Step, st); err != nil {
			return err
		}
		unit, _, _ := c.tx.Unit(st.Unit)
		return c.Reply(c.T("law.waste.assign_preview", storage.WasteRef(recordID(st.ID)), unit.Name, st.Due), confirmButtons(c.Lang)...)
	}
	if answered, err := awaitConfirm(c); answered {
		return err
	}
	day, err := parseDay(st.Due, c.bot.loc)
	if err != nil {
		return err
	}
	w, err := c.tx.AssignWaste(c.Me, id, st.Unit, day.Add(24*time.Hour-time.Minute))
	if err != nil {
		return err
	}
	if err := c.clearForm(); err != nil {
		return err
	}
	if err := c.RemoveButtons(); err != nil {
		return err
	}
	unit, _, _ := c.tx.Unit(w.Unit)
	heads, err := c.tx.UnitHeads(w.Unit)
	if err != nil {
		return err
	}
	for _, h := range heads {
		if err := c.bot.sendWasteCard(c.tx, h, w, "law.waste.to_unit"); err != nil {
			return err
		}
	}
	return c.Reply(c.T("law.waste.assigned_done", w.Ref(), unit.Name, formatDate(w.HandleBy, c.bot.loc)))
}

// handleStep takes the finding, the action, the money recovered, then the
// confirm; the reporter and the admins are told.
func handleStep(c *Ctx, f storage.Form) error {
	st := formState[handleForm](f)
	id, _ := strconv.ParseUint(st.ID, 10, 64)
	if f.Step != "confirm" {
		if c.Req.CallbackID != "" {
			return c.Answer(c.T("form.stale"), false)
		}
		switch f.Step {
		case "finding", "action":
			text, err := storage.CheckReason(c.Req.Text)
			if err != nil {
				return err
			}
			if f.Step == "finding" {
				st.Finding, f.Step = text, "action"
				if err := c.saveForm(f.Kind, f.Step, st); err != nil {
					return err
				}
				return c.Reply(c.T("law.waste.ask_action", storage.MaxReasonLen))
			}
			st.Action, f.Step = text, "money"
			if err := c.saveForm(f.Kind, f.Step, st); err != nil {
				return err
			}
			return c.Reply(c.T("law.waste.ask_money"))
		case "money":
			v, err := storage.ParseVND(c.Req.Text)
			if err != nil {
				return err
			}
			st.Money, f.Step = strconv.FormatInt(v, 10), "confirm"
			if err := c.saveForm(f.Kind, f.Step, st); err != nil {
				return err
			}
			return c.Reply(c.T("law.waste.handle_preview", storage.WasteRef(recordID(st.ID)), st.Finding, st.Action, texts.Money(v)), confirmButtons(c.Lang)...)
		}
	}
	if answered, err := awaitConfirm(c); answered {
		return err
	}
	money, _ := strconv.ParseInt(st.Money, 10, 64)
	w, err := c.tx.HandleWaste(c.Me, id, st.Finding, st.Action, money)
	if err != nil {
		return err
	}
	if err := c.clearForm(); err != nil {
		return err
	}
	if err := c.RemoveButtons(); err != nil {
		return err
	}
	unit, _, _ := c.tx.Unit(w.Unit)
	reporter, _, err := c.tx.Member(w.Reporter)
	if err != nil {
		return err
	}
	rl := c.bot.langOf(reporter)
	if err := c.bot.send(c.tx, w.Reporter, texts.T(rl, "law.waste.reporter_told", w.Ref(), unit.Name, w.Finding, w.Outcome), nil, nil); err != nil {
		return err
	}
	admins, err := c.tx.Admins()
	if err != nil {
		return err
	}
	for _, id := range admins {
		if err := c.bot.tell(c.tx, id, "law.waste.admins_told", w.Ref(), unit.Name, w.Outcome, texts.Money(w.Recovered)); err != nil {
			return err
		}
	}
	return c.Reply(c.T("law.waste.handled_done", w.Ref()))
}

// RemindWasteCases reminds the heads of each unit whose case is past its
// handling deadline, once a day at most (the schedule's job).
func (b *Bot) RemindWasteCases() error {
	defer b.sender.Notify()
	return b.db.Update(func(tx *storage.Tx) error {
		overdue, err := tx.OverdueWastes(20 * time.Hour)
		if err != nil {
			return err
		}
		for _, w := range overdue {
			heads, err := tx.UnitHeads(w.Unit)
			if err != nil {
				return err
			}
			for _, h := range heads {
				if err := b.tell(tx, h.UserID, "law.waste.overdue", w.Ref(), formatDate(w.HandleBy, b.loc), truncate(w.Description, 200)); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
