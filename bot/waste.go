package bot

import (
	"strconv"
	"strings"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// Forms of a waste report and of its handling.
const (
	formWaste   = "waste"
	formOutcome = "outcome"
)

// wasteForm is what the form of a waste report holds: the description and
// the photo (its Telegram file id).
type wasteForm struct {
	Description string `json:"description,omitempty"`
	Photo       string `json:"photo,omitempty"`
}

// outcomeForm is what the form of a waste report's outcome holds: the
// report (its id), the status it moves to, and the outcome.
type outcomeForm struct {
	ID      string `json:"id,omitempty"`
	To      string `json:"to,omitempty"`
	Outcome string `json:"outcome,omitempty"`
}

// cmdWaste takes a waste report: a description, then an optional photo.
func cmdWaste(c *Ctx) error {
	if err := c.saveForm(formWaste, "description", wasteForm{}); err != nil {
		return err
	}
	return c.Reply(c.T("waste.ask", storage.MaxDescriptionLen))
}

func wasteStep(c *Ctx, f storage.Form) error {
	st := formState[wasteForm](f)
	switch f.Step {
	case "description":
		if c.Req.CallbackID != "" {
			return c.Answer(c.T("form.stale"), false)
		}
		desc, err := storage.CheckDescription(c.Req.Text)
		if err != nil {
			return err
		}
		st.Description, st.Photo = desc, c.Req.PhotoID
		if c.Req.PhotoID != "" {
			return fileWaste(c, st)
		}
		f.Step = "photo"
		if err := c.saveForm(f.Kind, f.Step, st); err != nil {
			return err
		}
		return c.Reply(c.T("waste.ask_photo"), skipButton(c))
	case "photo":
		switch {
		case c.Req.PhotoID != "":
			st.Photo = c.Req.PhotoID
		case formAnswer(c) == "skip":
			if err := c.RemoveButtons(); err != nil {
				return err
			}
		default:
			return c.Reply(c.T("waste.ask_photo"), skipButton(c))
		}
		return fileWaste(c, st)
	}
	return c.Answer(c.T("form.stale"), false)
}

func wasteTag(id uint64) string { return "waste:" + strconv.FormatUint(id, 10) }

// fileWaste stores the report and tells the admins and directors, who
// alone see who reported it.
func fileWaste(c *Ctx, st wasteForm) error {
	w, err := c.tx.ReportWaste(c.Me, storage.Waste{Description: st.Description, PhotoID: st.Photo})
	if err != nil {
		return err
	}
	if err := c.clearForm(); err != nil {
		return err
	}
	if err := c.Reply(c.T("waste.saved", w.Ref(), w.ID)); err != nil {
		return err
	}
	staff, err := c.tx.Directors()
	if err != nil {
		return err
	}
	admins, err := c.tx.Admins()
	if err != nil {
		return err
	}
	for _, id := range admins {
		if m, _, err := c.tx.Member(id); err != nil {
			return err
		} else if !m.IsDirector() { // one card each, for whoever is both
			staff = append(staff, m)
		}
	}
	for _, m := range staff {
		if err := c.bot.sendWasteCard(c.tx, m, w, "waste.new"); err != nil {
			return err
		}
	}
	return nil
}

// wasteText is a waste report's card; the reporter is named only to those
// allowed to know (admins, directors).
func (o *office) wasteText(tx *storage.Tx, lang string, viewer storage.Member, w storage.Waste) (string, error) {
	reporter := texts.T(lang, "waste.anonymous")
	if viewer.IsAdmin() || viewer.IsDirector() || viewer.UserID == w.Reporter {
		m, _, err := tx.Member(w.Reporter)
		if err != nil {
			return "", err
		}
		unit, _, _ := tx.Unit(m.Unit)
		reporter = displayName(lang, m)
		if unit.Name != "" {
			reporter += " (" + unit.Name + ")"
		}
	}
	text := texts.T(lang, "waste.card", w.Ref(), texts.T(lang, "waste."+string(w.Status)), reporter, o.at(w.CreatedAt), w.Description)
	if w.PhotoID != "" {
		text += texts.T(lang, "waste.has_photo")
	}
	text += o.caseText(tx, lang, w)
	if w.Outcome != "" {
		text += texts.T(lang, "waste.outcome", w.Outcome)
	}
	return text, nil
}

func wasteButtons(lang string, viewer storage.Member, w storage.Waste) [][]storage.Button {
	var handling [][]storage.Button // assigning it, handling it (wastecase.go)
	if row := caseButtons(lang, viewer, w); len(row) > 0 {
		handling = append(handling, row)
	}
	if !viewer.IsAdmin() || !w.Open() {
		return handling
	}
	id := strconv.FormatUint(w.ID, 10)
	var row []storage.Button
	if w.Status == storage.WasteReceived {
		row = append(row, storage.Button{Text: texts.T(lang, "btn.checking"), Data: data(actWaste, "c", id)})
	}
	row = append(row, storage.Button{Text: texts.T(lang, "btn.handled"), Data: data(actWaste, "h", id)}, storage.Button{Text: texts.T(lang, "btn.dismiss"), Data: data(actWaste, "d", id)})
	return append([][]storage.Button{row}, handling...)
}

func (o *office) sendWasteCard(tx *storage.Tx, to storage.Member, w storage.Waste, headKey string) error {
	lang := o.langOf(to)
	text, err := o.wasteText(tx, lang, to, w)
	if err != nil {
		return err
	}
	if w.PhotoID != "" && headKey == "waste.new" {
		if _, err := tx.Outbox().Enqueue(storage.Message{Method: storage.MethodSendPhoto, ChatID: to.UserID, Document: &storage.Document{FileID: w.PhotoID}, Text: w.Ref()}); err != nil {
			return err
		}
	}
	return o.post(tx, storage.Message{ChatID: to.UserID, Text: texts.T(lang, headKey) + "\n\n" + text, Keyboard: wasteButtons(lang, to, w), Tag: wasteTag(w.ID)})
}

// openWaste shows a waste report (/pa_7) to an admin, a director or its
// reporter.
func openWaste(c *Ctx, id string) error {
	w, err := c.tx.Waste(recordID(id))
	if err != nil {
		return err
	}
	if !c.Me.IsAdmin() && !c.Me.IsDirector() && c.Me.UserID != w.Reporter && (w.Unit == "" || !c.Me.IsHead(w.Unit)) {
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	text, err := c.bot.wasteText(c.tx, c.Lang, c.Me, w)
	if err != nil {
		return err
	}
	return c.bot.post(c.tx, storage.Message{ChatID: c.Req.ChatID, Text: text, Keyboard: wasteButtons(c.Lang, c.Me, w), Tag: wasteTag(w.ID)})
}

// cmdWastes lists the open waste reports.
func cmdWastes(c *Ctx) error {
	list, total, err := c.tx.Wastes(true, 30)
	if err != nil {
		return err
	}
	if total == 0 {
		return c.Reply(c.T("wastes.none"))
	}
	var text strings.Builder
	text.WriteString(c.T("wastes.title", total))
	for _, w := range list {
		text.WriteString(c.T("wastes.line", w.ID, truncate(w.Description, 80), c.T("waste."+string(w.Status))))
	}
	return c.Reply(text.String())
}

// onWasteButton moves a report on: checking at once, handled or dismissed
// after the outcome is typed.
func onWasteButton(c *Ctx, pressed string) error {
	verb, arg, _ := strings.Cut(pressed, ":")
	id, err := strconv.ParseUint(arg, 10, 64)
	if err != nil || !c.Me.IsAdmin() {
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	w, err := c.tx.Waste(id)
	if err != nil {
		return err
	}
	switch verb {
	case "c":
		return moveWaste(c, id, storage.WasteChecking, "", false)
	case "h", "d":
		if !w.Open() {
			return storage.Errorf(storage.EConflict, storage.ReasonWasteDecided, w.Ref())
		}
		to := map[string]string{"h": string(storage.WasteHandled), "d": string(storage.WasteDismissed)}[verb]
		if err := c.saveForm(formOutcome, "outcome", outcomeForm{ID: arg, To: to}); err != nil {
			return err
		}
		return c.Reply(c.T("waste.ask_outcome."+to, w.Ref(), storage.MaxReasonLen))
	}
	return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
}

// outcomeStep takes how a waste report was handled, then whether to
// publish it in the staff group.
func outcomeStep(c *Ctx, f storage.Form) error {
	st := formState[outcomeForm](f)
	id, _ := strconv.ParseUint(st.ID, 10, 64)
	to := storage.WasteStatus(st.To)
	switch f.Step {
	case "outcome":
		if c.Req.CallbackID != "" {
			return c.Answer(c.T("form.stale"), false)
		}
		outcome, err := storage.CheckReason(c.Req.Text)
		if err != nil {
			return err
		}
		if to == storage.WasteDismissed {
			if err := c.clearForm(); err != nil {
				return err
			}
			return moveWaste(c, id, to, outcome, false)
		}
		st.Outcome, f.Step = outcome, "publish"
		if err := c.saveForm(f.Kind, f.Step, st); err != nil {
			return err
		}
		return c.Reply(c.T("waste.ask_publish"), []storage.Button{{Text: c.T("btn.publish"), Data: data(actForm, "yes")}, {Text: c.T("btn.no_publish"), Data: data(actForm, "no")}})
	case "publish":
		if formAnswer(c) != "yes" && formAnswer(c) != "no" {
			return c.Reply(c.T("form.choose"), []storage.Button{{Text: c.T("btn.publish"), Data: data(actForm, "yes")}, {Text: c.T("btn.no_publish"), Data: data(actForm, "no")}})
		}
		if err := c.RemoveButtons(); err != nil {
			return err
		}
		if formAnswer(c) == "yes" { // public: the post is previewed first
			return previewWastePost(c, f, id)
		}
		if err := c.clearForm(); err != nil {
			return err
		}
		return moveWaste(c, id, to, st.Outcome, false)
	case "post":
		return wastePostStep(c, f, id, to)
	}
	return c.Answer(c.T("form.stale"), false)
}

func moveWaste(c *Ctx, id uint64, to storage.WasteStatus, outcome string, publish bool) error {
	w, err := c.tx.MoveWaste(c.Me, id, to, outcome, publish)
	if err != nil {
		return err
	}
	if err := c.Reply(c.T("waste.moved", w.Ref(), c.T("waste."+string(to)))); err != nil {
		return err
	}
	final := !w.Open()
	err = refreshCards(c, wasteTag(id), final, func(viewer storage.Member, lang string) (string, [][]storage.Button, error) {
		text, err := c.bot.wasteText(c.tx, lang, viewer, w)
		if err != nil {
			return "", nil, err
		}
		last, err := c.bot.lastActed(c.tx, lang, "", w.History)
		return text + last, wasteButtons(lang, viewer, w), err
	})
	if err != nil {
		return err
	}
	reporter, _, err := c.tx.Member(w.Reporter)
	if err != nil {
		return err
	}
	lang := c.bot.langOf(reporter)
	text := texts.T(lang, "waste.reporter_told", w.Ref(), texts.T(lang, "waste."+string(to)))
	if outcome != "" {
		text += texts.T(lang, "waste.outcome", outcome)
	}
	if err := c.bot.send(c.tx, w.Reporter, text, nil, nil); err != nil {
		return err
	}
	if w.Published {
		// The public notice names no reporter.
		return c.bot.toGroup(c.tx, "group.waste_handled", w.Ref(), truncate(w.Description, 500), w.Outcome)
	}
	return nil
}
