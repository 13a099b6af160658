package bot

import (
	"strings"
	"time"

	"thiduabot/bot/render"
	"thiduabot/bot/texts"

	"github.com/xuri/excelize/v2"

	"thiduabot/storage"
)

// Waste cases made public (wastecase.go): the register of handled cases,
// previewed to the admins and posted on the confirm, and kept as a sheet
// of /export; a single report's "📢 Công khai" post, previewed. None names
// the reporter.

// wasteRegister is the register of handled cases not posted yet, in the
// organisation's language: unit, finding, action, money recovered; never
// the reporter. "" when there is none.
func (o *office) wasteRegister(tx *storage.Tx) (string, []uint64, error) {
	cases, err := tx.HandledCases()
	if err != nil || len(cases) == 0 {
		return "", nil, err
	}
	lang := o.cfg.Org.Language
	var text strings.Builder
	text.WriteString(texts.T(lang, "law.waste.register_title"))
	var ids []uint64
	var total int64
	for _, w := range cases {
		unit, _, _ := tx.Unit(w.Unit)
		text.WriteString(texts.T(lang, "law.waste.register_line", w.Ref(), unit.Name, w.Finding, w.Outcome))
		if w.Recovered > 0 {
			text.WriteString(texts.T(lang, "law.waste.recovered", texts.Money(w.Recovered)))
		}
		total += w.Recovered
		ids = append(ids, w.ID)
	}
	text.WriteString(texts.T(lang, "law.waste.register_total", len(cases), texts.Money(total)))
	return text.String(), ids, nil
}

// PreviewWasteRegister sends the admins the register of handled cases to
// post, with the button that posts it (the schedule's job).
func (b *Bot) PreviewWasteRegister() error {
	defer b.sender.Notify()
	return b.db.Update(func(tx *storage.Tx) error {
		text, _, err := b.wasteRegister(tx)
		if err != nil || text == "" {
			return err
		}
		admins, err := tx.Admins()
		if err != nil {
			return err
		}
		for _, id := range admins {
			m, _, err := tx.Member(id)
			if err != nil {
				return err
			}
			lang := b.langOf(m)
			kb := [][]storage.Button{{{Text: texts.T(lang, "law.btn.post"), Data: data(actWasteCase, "P", "0")}}}
			if err := b.send(tx, id, texts.T(lang, "law.waste.register_preview", texts.HTML(text)), kb, nil); err != nil {
				return err
			}
		}
		return nil
	})
}

// postWasteRegister posts the register as it stands to the group.
func postWasteRegister(c *Ctx) error {
	if !c.Me.IsAdmin() {
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	text, ids, err := c.bot.wasteRegister(c.tx)
	if err != nil {
		return err
	}
	if err := c.RemoveButtons(); err != nil {
		return err
	}
	if text == "" {
		return c.Reply(c.T("law.waste.register_empty"))
	}
	if err := c.tx.MarkInRegister(c.Me, ids); err != nil {
		return err
	}
	if c.bot.cfg.Telegram.GroupChatID != 0 {
		if err := c.bot.send(c.tx, c.bot.cfg.Telegram.GroupChatID, text, nil, nil); err != nil {
			return err
		}
	}
	return c.Reply(c.T("law.waste.register_posted", len(ids)))
}

// wastePostButtons answer the preview of a waste report's public post.
func wastePostButtons(lang string) [][]storage.Button {
	return [][]storage.Button{{
		{Text: texts.T(lang, "law.btn.post"), Data: data(actForm, "ok")},
		{Text: texts.T(lang, "law.btn.fix"), Data: data(actForm, "again")},
		{Text: texts.T(lang, "idea.cancel"), Data: data(actForm, "cancel")},
	}}
}

// previewWastePost shows the "📢 Công khai" post as the group will read it
// (never naming the reporter), with Đăng / Sửa / Hủy.
func previewWastePost(c *Ctx, f storage.Form, id uint64) error {
	st := formState[outcomeForm](f)
	w, err := c.tx.Waste(id)
	if err != nil {
		return err
	}
	f.Step = "post"
	if err := c.saveForm(f.Kind, f.Step, st); err != nil {
		return err
	}
	post := texts.T(c.bot.cfg.Org.Language, "group.waste_handled", w.Ref(), truncate(w.Description, 500), st.Outcome)
	return c.Reply(c.T("law.waste.post_preview", texts.HTML(post)), wastePostButtons(c.Lang)...)
}

// wastePostStep takes the answer to the post's preview: post it, write
// the outcome again, or leave with nothing changed.
func wastePostStep(c *Ctx, f storage.Form, id uint64, to storage.WasteStatus) error {
	st := formState[outcomeForm](f)
	switch formAnswer(c) {
	case "ok":
		if err := c.RemoveButtons(); err != nil {
			return err
		}
		if err := c.clearForm(); err != nil {
			return err
		}
		return moveWaste(c, id, to, st.Outcome, true)
	case "again":
		if err := c.RemoveButtons(); err != nil {
			return err
		}
		f.Step = "outcome"
		if err := c.saveForm(f.Kind, f.Step, st); err != nil {
			return err
		}
		return c.Reply(c.T("waste.ask_outcome."+string(to), storage.WasteRef(recordID(st.ID)), storage.MaxReasonLen))
	case "cancel":
		return c.leaveForm()
	}
	if c.Req.CallbackID != "" {
		return c.Answer(c.T("form.stale"), false)
	}
	return c.Reply(c.T("form.choose"), wastePostButtons(c.Lang)...)
}

// writeWasteCases writes the register of handled cases as a sheet of
// /export: the cases handled in the period (in), by the unit assigned;
// never the reporter.
func (o *office) writeWasteCases(tx *storage.Tx, lang string, f *excelize.File, st render.Styles, list []storage.Waste, in func(time.Time) bool) error {
	sh, err := render.NewSheet(f, texts.T(lang, "law.x.sheet_cases"), st, o.loc, texts.T(lang, "x.ref"), texts.T(lang, "law.x.unit"), texts.T(lang, "law.x.handle_by"),
		texts.T(lang, "law.x.finding"), texts.T(lang, "law.x.action"), texts.T(lang, "law.x.recovered"))
	if err != nil {
		return err
	}
	for i := len(list) - 1; i >= 0; i-- {
		w := list[i]
		if w.Status != storage.WasteHandled || w.Unit == "" || !in(w.UpdatedAt) {
			continue
		}
		unit, _, _ := tx.Unit(w.Unit)
		if err := sh.Add(w.Ref(), unit.Name, w.HandleBy, w.Finding, w.Outcome, w.Recovered); err != nil {
			return err
		}
	}
	return sh.Flush()
}
