package bot

import (
	"strconv"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// ideaFields are the fields of the idea form, in its order, that the
// check step's "✏️ Sửa" can correct one at a time.
var ideaFields = []string{"theme", "title", "description", "savings"}

// ideaConfirmButtons are the idea form's check step: submit, correct one
// field, cancel.
func ideaConfirmButtons(lang string) [][]storage.Button {
	return append(confirmButtons(lang), []storage.Button{{Text: texts.T(lang, "idea.btn_fix"), Data: data(actForm, "fix")}})
}

// ideaFieldButtons ask which field to correct.
func ideaFieldButtons(lang string) [][]storage.Button {
	var row []storage.Button
	for _, field := range ideaFields {
		row = append(row, storage.Button{Text: texts.T(lang, "idea.field."+field), Data: data(actForm, "fix", field)})
	}
	return [][]storage.Button{row[:2], row[2:], {{Text: texts.T(lang, "btn.back"), Data: data(actForm, "fix", "back")}}}
}

// ideaFixStep takes the field to correct: its question is asked again with
// the value it has, and the answer goes back to the check step.
func ideaFixStep(c *Ctx, f storage.Form, st *ideaForm, pressed string) error {
	field := ""
	if len(pressed) > len("fix:") && pressed[:4] == "fix:" {
		field = pressed[4:]
	}
	if field == "back" {
		f.Step = "confirm"
		if err := c.saveForm(f.Kind, f.Step, st); err != nil {
			return err
		}
		return c.Edit(confirmText(c, st), ideaConfirmButtons(c.Lang)...)
	}
	current := st.field(field)
	var prompt string
	var kb [][]storage.Button
	switch field {
	case "theme":
		prompt, kb = c.T("idea.ask_theme"), c.bot.themeButtons(c.Lang, false)
		current = c.T("theme." + current)
	case "title":
		prompt = c.T("idea.ask_title", texts.Count(storage.MaxTitleLen))
	case "description":
		prompt = c.T("idea.ask_desc", texts.Count(storage.MaxDescriptionLen))
	case "savings":
		prompt = c.T("idea.ask_savings")
		v, _ := strconv.ParseInt(current, 10, 64)
		current = texts.FormatVND(c.Lang, v)
	default:
		if c.Req.CallbackID != "" {
			return c.Answer(c.T("form.stale"), false)
		}
		return c.Reply(c.T("form.choose"), ideaFieldButtons(c.Lang)...)
	}
	f.Step, st.Fixing = field, "1"
	if err := c.saveForm(f.Kind, f.Step, st); err != nil {
		return err
	}
	if err := c.RemoveButtons(); err != nil {
		return err
	}
	return c.Reply(prompt+c.T("edit.current", truncate(current, 300)), kb...)
}
