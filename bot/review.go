package bot

import (
	"html"
	"strconv"
	"strings"

	"thiduabot/storage"
)

// More forms, beside join and idea.
const (
	formReason   = "reason"   // a reason to return or reject an idea
	formScore    = "score"    // a director's three marks
	formProgress = "progress" // percent → money saved → note
)

func ideaTag(id uint64) string { return "idea:" + strconv.FormatUint(id, 10) }

// ideaText is an idea's card in lang, with its history when asked.
func (b *Bot) ideaText(tx *storage.Tx, lang string, idea storage.Idea, history bool) (string, error) {
	author, _, err := tx.Member(idea.Author)
	if err != nil {
		return "", err
	}
	unit, _, err := tx.Unit(idea.Unit)
	if err != nil {
		return "", err
	}
	var text strings.Builder
	text.WriteString(T(lang, "idea.card", idea.Ref(), idea.Title, author.Name(), unit.Name, T(lang, "theme."+string(idea.Theme)),
		T(lang, "idea."+string(idea.Status)), FormatVND(idea.EstSavings), FormatTime(idea.CreatedAt, b.loc), idea.Description))
	if idea.Scores != nil {
		s := idea.Scores
		text.WriteString(T(lang, "idea.scores", s.Novelty, s.Applicability, s.Benefit, s.Total()))
	}
	if idea.Status == storage.IdeaInProgress || idea.Status == storage.IdeaDone {
		text.WriteString(T(lang, "idea.progress_line", idea.Percent, FormatVND(idea.Saved)))
	}
	if !history {
		return text.String(), nil
	}
	text.WriteString(T(lang, "idea.history"))
	for _, e := range idea.History {
		actor, _, err := tx.Member(e.Actor)
		if err != nil {
			return "", err
		}
		text.WriteString(T(lang, "idea.history_line", FormatTime(e.At, b.loc), T(lang, "idea."+string(e.Status)), actor.Name()))
		if e.Note != "" && e.Note != "resubmitted" {
			text.WriteString(": " + html.EscapeString(e.Note))
		}
	}
	return text.String(), nil
}

// ideaButtons are the buttons viewer may press on idea now.
func ideaButtons(lang string, viewer storage.Member, idea storage.Idea) [][]storage.Button {
	id := strconv.FormatUint(idea.ID, 10)
	var row []storage.Button
	add := func(action, key, data string) {
		if viewer.CanDecide(idea, action) {
			row = append(row, storage.Button{Text: T(lang, key), Data: data + id})
		}
	}
	add(storage.ActEndorse, "btn.endorse", "r:e:")
	add(storage.ActAccept, "btn.accept", "r:a:")
	add(storage.ActReturn, "btn.return", "r:r:")
	add(storage.ActReject, "btn.reject", "r:x:")
	var kb [][]storage.Button
	if len(row) > 0 {
		kb = append(kb, row)
	}
	row = nil
	if viewer.UserID == idea.Author {
		if idea.Status == storage.IdeaReturned {
			row = append(row, storage.Button{Text: T(lang, "btn.edit"), Data: "e:" + id})
		}
		if idea.Status == storage.IdeaAccepted || idea.Status == storage.IdeaInProgress {
			row = append(row, storage.Button{Text: T(lang, "btn.progress"), Data: "g:" + id})
		}
		add(storage.ActWithdraw, "btn.withdraw", "r:w:")
	}
	if len(row) > 0 {
		kb = append(kb, row)
	}
	return kb
}

// showIdea shows an idea's card, history and the buttons the viewer may use.
func (b *Bot) showIdea(c *Ctx, id uint64) error {
	idea, err := c.Idea(id)
	if err != nil {
		return err
	}
	if !c.Me.CanSee(idea) {
		return storage.Errorf(storage.EForbidden, "err.forbidden")
	}
	text, err := b.ideaText(c.Tx, c.Lang, idea, true)
	if err != nil {
		return err
	}
	return b.post(c.Tx, storage.Message{ChatID: c.Req.ChatID, Text: text, Keyboard: ideaButtons(c.Lang, c.Me, idea), Tag: ideaTag(idea.ID)})
}

// sendCard sends an idea's card with the buttons the recipient may use,
// tagged so the buttons can be taken off once the idea moves on.
func (b *Bot) sendCard(tx *storage.Tx, to storage.Member, idea storage.Idea, headKey string, args ...any) error {
	m, err := b.card(tx, to, idea, T(b.langOf(to), headKey, args...))
	if err != nil {
		return err
	}
	return b.post(tx, m)
}

// sendNewIdea gives a unit head the card of an idea just submitted. When
// several wait to go to the same head, they go as one list (see digest).
func (b *Bot) sendNewIdea(tx *storage.Tx, to storage.Member, idea storage.Idea, author string) error {
	lang := b.langOf(to)
	m, err := b.card(tx, to, idea, T(lang, "head.new_idea", author))
	if err != nil {
		return err
	}
	m.Digest, m.Lang = "head.new_idea", lang
	m.Line = T(lang, "head.new_idea.line", idea.ID, idea.Title, author, FormatVND(idea.EstSavings))
	return b.post(tx, m)
}

// card is the message of an idea's card for to, under a heading.
func (b *Bot) card(tx *storage.Tx, to storage.Member, idea storage.Idea, heading string) (storage.Message, error) {
	lang := b.langOf(to)
	text, err := b.ideaText(tx, lang, idea, false)
	if err != nil {
		return storage.Message{}, err
	}
	return storage.Message{ChatID: to.UserID, Text: heading + "\n\n" + text, Keyboard: ideaButtons(lang, to, idea), Tag: ideaTag(idea.ID)}, nil
}

// reviewQueueLimit bounds the cards /review sends at once.
const reviewQueueLimit = 10

// cmdReview sends each reviewer the ideas waiting for them: a head their
// unit's new ideas, a director the endorsed ones.
func (b *Bot) cmdReview(c *Ctx) error {
	var f storage.IdeaFilter
	switch {
	case c.Me.IsDirector():
		f.Status = storage.IdeaEndorsed
	case c.Me.IsHead(""):
		f.Unit, f.Status = c.Me.Unit, storage.IdeaSubmitted
	default:
		return storage.Errorf(storage.EForbidden, "err.forbidden")
	}
	ideas, total, err := c.Ideas(f, reviewQueueLimit)
	if err != nil {
		return err
	}
	if total == 0 {
		return c.Reply(c.T("review.empty"))
	}
	if err := c.Reply(c.T("review.title", total)); err != nil {
		return err
	}
	for i := len(ideas) - 1; i >= 0; i-- { // oldest first: first come, first reviewed
		if err := b.sendCard(c.Tx, c.Me, ideas[i], "review.card"); err != nil {
			return err
		}
	}
	if total > len(ideas) {
		return c.Reply(c.T("review.more", total-len(ideas)))
	}
	return nil
}

// onReviewButton starts a decision on an idea: at once for endorse and
// withdraw, through a short form for a reason or the scores.
func (b *Bot) onReviewButton(c *Ctx, data string) error {
	verb, arg, _ := strings.Cut(data, ":")
	id, err := strconv.ParseUint(arg, 10, 64)
	if err != nil {
		return storage.Errorf(storage.EForbidden, "err.forbidden")
	}
	idea, err := c.Idea(id)
	if err != nil {
		return err
	}
	action := map[string]string{"e": storage.ActEndorse, "r": storage.ActReturn, "x": storage.ActReject, "a": storage.ActAccept, "w": storage.ActWithdraw, "W": storage.ActWithdraw}[verb]
	if action == "" {
		return storage.Errorf(storage.EForbidden, "err.forbidden")
	}
	if err := c.Me.MayDecide(idea, action); err != nil {
		return err
	}
	formData := map[string]string{"id": arg, "action": action}
	switch verb {
	case "e":
		return b.decide(c, id, storage.Decision{Action: action})
	case "W":
		return b.decide(c, id, storage.Decision{Action: action})
	case "w":
		return c.Reply(c.T("withdraw.confirm", idea.Ref(), idea.Title), []storage.Button{{Text: c.T("btn.withdraw_yes"), Data: "r:W:" + arg}})
	case "r", "x":
		if err := c.PutForm(c.Req.UserID, storage.Form{Kind: formReason, Step: "reason", Data: formData}); err != nil {
			return err
		}
		return c.Reply(c.T("reason.ask."+action, idea.Ref(), storage.MaxReasonLen))
	case "a":
		if err := c.PutForm(c.Req.UserID, storage.Form{Kind: formScore, Step: "novelty", Data: formData}); err != nil {
			return err
		}
		return c.Reply(c.T("score.ask.novelty", idea.Ref()), scoreButtons()...)
	}
	return nil
}

func scoreButtons() [][]storage.Button {
	var kb [][]storage.Button
	for r := 0; r < 2; r++ {
		var row []storage.Button
		for i := 1; i <= 5; i++ {
			n := strconv.Itoa(r*5 + i)
			row = append(row, storage.Button{Text: n, Data: "f:" + n})
		}
		kb = append(kb, row)
	}
	return kb
}

// reasonStep takes the reason for a return or a rejection.
func (b *Bot) reasonStep(c *Ctx, f storage.Form) error {
	if c.Req.CallbackID != "" {
		return c.Answer(c.T("form.stale"), false)
	}
	if c.Req.Text == "" {
		return storage.Errorf(storage.EInvalid, "err.text_expected")
	}
	id, _ := strconv.ParseUint(f.Data["id"], 10, 64)
	if err := c.ClearForm(c.Req.UserID); err != nil {
		return err
	}
	return b.decide(c, id, storage.Decision{Action: f.Data["action"], Reason: c.Req.Text})
}

// scoreStep takes the director's marks, one criterion at a time.
func (b *Bot) scoreStep(c *Ctx, f storage.Form) error {
	input := strings.TrimSpace(c.Req.Text)
	if c.Req.CallbackID != "" {
		input = strings.TrimPrefix(c.Req.Data, "f:")
	}
	n, err := strconv.Atoi(input)
	if err != nil || n < 1 || n > 10 {
		return storage.Errorf(storage.EInvalid, "err.score_range")
	}
	f.Data[f.Step] = input
	next := map[string]string{"novelty": "applicability", "applicability": "benefit"}[f.Step]
	if c.Req.CallbackID != "" {
		if err := c.RemoveButtons(); err != nil {
			return err
		}
	}
	if next != "" {
		f.Step = next
		if err := c.PutForm(c.Req.UserID, f); err != nil {
			return err
		}
		return c.Reply(c.T("score.ask."+next, "SK-"+f.Data["id"]), scoreButtons()...)
	}
	if err := c.ClearForm(c.Req.UserID); err != nil {
		return err
	}
	atoi := func(k string) int { v, _ := strconv.Atoi(f.Data[k]); return v }
	id, _ := strconv.ParseUint(f.Data["id"], 10, 64)
	return b.decide(c, id, storage.Decision{Action: storage.ActAccept, Scores: storage.Scores{Novelty: atoi("novelty"), Applicability: atoi("applicability"), Benefit: atoi("benefit")}})
}

// decide applies a decision and tells everyone concerned: the author of
// every decision, the directors of an endorsed idea, the staff group of an
// accepted one, the reviewers of a withdrawal. The buttons on every card of
// the idea come off, so nobody decides twice.
func (b *Bot) decide(c *Ctx, id uint64, d storage.Decision) error {
	idea, err := c.DecideIdea(c.Me, id, d)
	if err != nil {
		return err
	}
	if err := b.takeButtonsOff(c, ideaTag(id)); err != nil {
		return err
	}
	if err := c.Reply(c.T("decided."+d.Action, idea.Ref(), idea.Title)); err != nil {
		return err
	}
	author, _, err := c.Member(idea.Author)
	if err != nil {
		return err
	}
	unit, _, err := c.Unit(idea.Unit)
	if err != nil {
		return err
	}
	lang := b.langOf(author)
	if idea.Author != c.Me.UserID {
		var kb [][]storage.Button
		text := T(lang, "author."+d.Action, idea.Ref(), idea.Title, c.Me.Name())
		switch d.Action {
		case storage.ActReturn, storage.ActReject:
			text += T(lang, "author.reason", d.Reason)
		case storage.ActAccept:
			s := idea.Scores
			text += T(lang, "idea.scores", s.Novelty, s.Applicability, s.Benefit, s.Total())
		}
		if d.Action == storage.ActReturn {
			kb = [][]storage.Button{{{Text: T(lang, "btn.edit"), Data: "e:" + strconv.FormatUint(id, 10)}}}
		}
		if err := b.send(c.Tx, idea.Author, text, kb, nil); err != nil {
			return err
		}
	}
	switch d.Action {
	case storage.ActEndorse:
		return b.toDirectors(c, idea, "director.endorsed", unit.Name+" – "+c.Me.Name())
	case storage.ActAccept:
		if err := b.toGroup(c.Tx, "group.accepted", idea.Ref(), idea.Title, author.Name(), unit.Name, idea.Scores.Total()); err != nil {
			return err
		}
		return b.toHeads(c, idea, "head.accepted", idea.Ref(), idea.Title)
	case storage.ActReject:
		if c.Me.IsDirector() && !c.Me.IsHead(idea.Unit) {
			return b.toHeads(c, idea, "head.rejected", idea.Ref(), idea.Title, d.Reason)
		}
	case storage.ActWithdraw:
		if err := b.toHeads(c, idea, "head.withdrawn", idea.Ref(), idea.Title, author.Name()); err != nil {
			return err
		}
		if idea.History[len(idea.History)-2].Status == storage.IdeaEndorsed {
			return b.toDirectors(c, idea, "director.withdrawn", idea.Ref(), idea.Title, author.Name())
		}
	}
	return nil
}

// takeButtonsOff takes the buttons off every card of a record but the one
// pressed (that one is answered by the decision's reply and edited here).
func (b *Bot) takeButtonsOff(c *Ctx, tag string) error {
	sent, err := c.TakeTagged(tag)
	if err != nil {
		return err
	}
	for _, s := range sent {
		if s.ChatID == c.Req.ChatID && s.MessageID == c.Req.MessageID {
			continue // the pressed message: below, once
		}
		if _, err := c.Enqueue(storage.Message{Method: storage.MethodEditMarkup, ChatID: s.ChatID, MessageID: s.MessageID}); err != nil {
			return err
		}
	}
	if c.Req.CallbackID != "" {
		return c.RemoveButtons()
	}
	return nil
}

// toDirectors sends every director (but whoever acted) the idea's card
// with their buttons.
func (b *Bot) toDirectors(c *Ctx, idea storage.Idea, key string, args ...any) error {
	directors, err := c.Directors()
	if err != nil {
		return err
	}
	for _, d := range directors {
		if d.UserID == c.Me.UserID {
			continue
		}
		if err := b.sendCard(c.Tx, d, idea, key, args...); err != nil {
			return err
		}
	}
	return nil
}

// toHeads tells the heads of the idea's unit (but whoever acted).
func (b *Bot) toHeads(c *Ctx, idea storage.Idea, key string, args ...any) error {
	heads, err := c.UnitHeads(idea.Unit)
	if err != nil {
		return err
	}
	for _, h := range heads {
		if h.UserID == c.Me.UserID {
			continue
		}
		if err := b.tell(c.Tx, h.UserID, key, args...); err != nil {
			return err
		}
	}
	return nil
}

// toGroup posts to the staff group, in the organisation's language.
func (b *Bot) toGroup(tx *storage.Tx, key string, args ...any) error {
	if b.cfg.Telegram.GroupChatID == 0 {
		return nil
	}
	return b.send(tx, b.cfg.Telegram.GroupChatID, T(b.cfg.Org.Language, key, args...), nil, nil)
}

// onEditButton opens the idea form, filled in, for the author of a
// returned idea to change and send again.
func (b *Bot) onEditButton(c *Ctx, arg string) error {
	idea, err := ownIdea(c, arg)
	if err != nil {
		return err
	}
	if idea.Status != storage.IdeaReturned {
		return storage.Errorf(storage.EConflict, "err.idea_decided", idea.Ref())
	}
	f := storage.Form{Kind: formIdea, Step: "theme", Data: map[string]string{
		"edit": arg, "theme": string(idea.Theme), "title": idea.Title, "description": idea.Description,
		"savings": strconv.FormatInt(idea.EstSavings, 10),
	}}
	if err := c.PutForm(c.Req.UserID, f); err != nil {
		return err
	}
	return c.Reply(c.T("edit.intro", idea.Ref())+"\n\n"+c.T("idea.ask_theme"), b.themeButtons(c.Lang, true)...)
}

// ownIdea reads the idea a button names, refusing anyone but its author.
func ownIdea(c *Ctx, arg string) (storage.Idea, error) {
	id, err := strconv.ParseUint(arg, 10, 64)
	if err != nil {
		return storage.Idea{}, storage.Errorf(storage.EForbidden, "err.forbidden")
	}
	idea, err := c.Idea(id)
	if err != nil {
		return idea, err
	}
	if idea.Author != c.Me.UserID {
		return idea, storage.Errorf(storage.EForbidden, "err.forbidden")
	}
	return idea, nil
}

// cmdProgress lets the author pick one of their accepted ideas to report on.
func (b *Bot) cmdProgress(c *Ctx) error {
	var open []storage.Idea
	for _, st := range []storage.IdeaStatus{storage.IdeaAccepted, storage.IdeaInProgress} {
		ideas, _, err := c.Ideas(storage.IdeaFilter{Author: c.Req.UserID, Status: st}, 20)
		if err != nil {
			return err
		}
		open = append(open, ideas...)
	}
	if len(open) == 0 {
		return c.Reply(c.T("progress.none"))
	}
	var kb [][]storage.Button
	for _, idea := range open {
		kb = append(kb, []storage.Button{{Text: truncate(idea.Ref()+" "+idea.Title, 60), Data: "g:" + strconv.FormatUint(idea.ID, 10)}})
	}
	return c.Reply(c.T("progress.pick"), kb...)
}

// onProgressButton starts the progress form for one idea.
func (b *Bot) onProgressButton(c *Ctx, arg string) error {
	idea, err := ownIdea(c, arg)
	if err != nil {
		return err
	}
	if idea.Status != storage.IdeaAccepted && idea.Status != storage.IdeaInProgress {
		return storage.Errorf(storage.EConflict, "err.progress_state", idea.Ref())
	}
	if err := c.PutForm(c.Req.UserID, storage.Form{Kind: formProgress, Step: "percent", Data: map[string]string{"id": arg}}); err != nil {
		return err
	}
	return c.Reply(c.T("progress.ask_percent", idea.Ref(), idea.Percent))
}

// progressStep takes percent → money saved so far → note.
func (b *Bot) progressStep(c *Ctx, f storage.Form) error {
	if c.Req.CallbackID != "" && !(f.Step == "note" && c.Req.Data == "f:skip") {
		return c.Answer(c.T("form.stale"), false)
	}
	text := strings.TrimSpace(c.Req.Text)
	switch f.Step {
	case "percent":
		n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(text, "%")))
		if err != nil {
			return storage.Errorf(storage.EInvalid, "err.percent_format")
		}
		if n < 0 || n > 100 {
			return storage.Errorf(storage.EInvalid, "err.percent_range")
		}
		f.Data["percent"], f.Step = strconv.Itoa(n), "saved"
		if err := c.PutForm(c.Req.UserID, f); err != nil {
			return err
		}
		return c.Reply(c.T("progress.ask_saved"))
	case "saved":
		v, err := storage.ParseVND(text)
		if err != nil {
			return err
		}
		f.Data["saved"], f.Step = strconv.FormatInt(v, 10), "note"
		if err := c.PutForm(c.Req.UserID, f); err != nil {
			return err
		}
		return c.Reply(c.T("progress.ask_note"), []storage.Button{{Text: c.T("btn.skip"), Data: "f:skip"}})
	case "note":
		if c.Req.CallbackID != "" {
			text = ""
			if err := c.RemoveButtons(); err != nil {
				return err
			}
		}
		id, _ := strconv.ParseUint(f.Data["id"], 10, 64)
		percent, _ := strconv.Atoi(f.Data["percent"])
		saved, _ := strconv.ParseInt(f.Data["saved"], 10, 64)
		idea, err := c.ReportProgress(c.Me, storage.Progress{IdeaID: id, Percent: percent, Saved: saved, Note: text})
		if err != nil {
			return err
		}
		if err := c.ClearForm(c.Req.UserID); err != nil {
			return err
		}
		if err := c.Reply(c.T("progress.saved", idea.Ref(), idea.Percent, FormatVND(idea.Saved))); err != nil {
			return err
		}
		if idea.Status != storage.IdeaDone {
			return nil
		}
		unit, _, err := c.Unit(idea.Unit)
		if err != nil {
			return err
		}
		if err := b.toGroup(c.Tx, "group.done", idea.Ref(), idea.Title, c.Me.Name(), unit.Name, FormatVND(idea.Saved)); err != nil {
			return err
		}
		return b.toHeads(c, idea, "head.done", idea.Ref(), idea.Title, FormatVND(idea.Saved))
	}
	return c.Answer(c.T("form.stale"), false)
}
