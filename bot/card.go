package bot

import (
	"html"
	"strconv"
	"strings"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

func ideaTag(id uint64) string { return "idea:" + strconv.FormatUint(id, 10) }

// ideaText is an idea's card in lang, with its history when asked.
func (o *office) ideaText(tx *storage.Tx, lang string, idea storage.Idea, history bool) (string, error) {
	author, _, err := tx.Member(idea.Author)
	if err != nil {
		return "", err
	}
	unit, _, err := tx.Unit(idea.Unit)
	if err != nil {
		return "", err
	}
	var text strings.Builder
	name := displayName(lang, author)
	if pos := o.positionOf(author); pos != "" && !author.Anonymised {
		name += ", " + pos // Nguyễn Văn An, Chuyên viên (Văn phòng Sở)
	}
	text.WriteString(texts.T(lang, "idea.card", idea.Ref(), idea.Title, name, unit.Name, texts.T(lang, "theme."+string(idea.Theme)),
		texts.T(lang, "idea."+string(idea.Status)), texts.HTML(benefitText(tx, lang, idea)), o.at(idea.CreatedAt), idea.Description))
	if idea.Scores != nil {
		s := idea.Scores
		text.WriteString(texts.T(lang, "idea.scores", s.Novelty, s.Applicability, s.Benefit, s.Total()))
	}
	if idea.Status == storage.IdeaInProgress || idea.Applied() {
		text.WriteString(texts.T(lang, "idea.progress_line", idea.Percent, texts.Money(idea.Saved)))
	}
	if r := idea.Recognition; r != nil {
		text.WriteString(texts.T(lang, "law.idea.recognition_line", r.No, formatDate(r.Date, o.loc), texts.T(lang, "law.level."+r.Level)))
	}
	if !history {
		return text.String(), nil
	}
	text.WriteString(texts.T(lang, "idea.history"))
	for _, e := range idea.History {
		actor, _, err := tx.Member(e.Actor)
		if err != nil {
			return "", err
		}
		if !e.Step() {
			text.WriteString("\n" + linkLine(lang, e, o.at(e.At), displayName(lang, actor)))
			continue
		}
		text.WriteString(texts.T(lang, "idea.history_line", o.at(e.At), texts.T(lang, "idea."+string(e.Status)), displayName(lang, actor)))
		if note := eventNote(lang, e); note != "" {
			text.WriteString(": " + html.EscapeString(note))
		}
	}
	return text.String(), nil
}

// rejectKey names a refusal's text by the step it is refused at, as
// offices say it: a head does not propose (không đề xuất) an idea just
// submitted; the director does not approve for application (không chấp
// thuận áp dụng) one the unit proposed, or a head's own sent straight to
// him. refusal is the status the refusal moves the idea to
// (Member.RefusalOf).
func rejectKey(key string, refusal storage.IdeaStatus) string {
	if refusal == storage.IdeaNotApproved {
		return key + ".director"
	}
	return key
}

// ideaButtons are the buttons viewer may press on idea now.
func ideaButtons(lang string, viewer storage.Member, idea storage.Idea) [][]storage.Button {
	id := strconv.FormatUint(idea.ID, 10)
	var row []storage.Button
	add := func(action, key, code string) {
		if viewer.CanDecide(idea, action) {
			row = append(row, storage.Button{Text: texts.T(lang, key), Data: data(actReview, code, id)})
		}
	}
	add(storage.ActEndorse, "btn.endorse", "e")
	add(storage.ActAccept, "btn.accept", "a")
	add(storage.ActReturn, "btn.return", "r")
	add(storage.ActDuplicate, "btn.duplicate", "d")
	add(storage.ActReject, rejectKey("btn.reject", viewer.RefusalOf(idea)), "x")
	add(storage.ActRecognise, "law.btn.recognise", "R")
	add(storage.ActNotRecognise, "law.btn.not_recognise", "n")
	var kb [][]storage.Button
	if len(row) > 0 {
		kb = append(kb, row)
	}
	row = nil
	if viewer.UserID == idea.Author {
		if viewer.MayResubmit(idea) == nil {
			row = append(row, storage.Button{Text: texts.T(lang, "btn.edit"), Data: data(actEdit, id)})
		}
		if viewer.MayReportProgress(idea) == nil {
			row = append(row, storage.Button{Text: texts.T(lang, "btn.progress"), Data: data(actProgress, id)})
		}
		add(storage.ActWithdraw, "btn.withdraw", "w")
	}
	if viewer.MayDecide(idea, storage.ActRequestRecognition) == nil {
		row = append(row, storage.Button{Text: texts.T(lang, "law.btn.request"), Data: data(actReview, "q", id)})
	}
	if len(row) > 0 {
		kb = append(kb, row)
	}
	return kb
}

// sendCard sends an idea's card with the buttons the recipient may use,
// tagged so the buttons can be taken off once the idea moves on.
func (o *office) sendCard(tx *storage.Tx, to storage.Member, idea storage.Idea, headKey string, args ...any) error {
	m, err := o.card(tx, to, idea, texts.T(o.langOf(to), headKey, args...))
	if err != nil {
		return err
	}
	return o.post(tx, m)
}

// sendNewIdea gives a unit head the card of an idea just submitted. When
// several wait to go to the same head, they go as one list (see digest).
func (o *office) sendNewIdea(tx *storage.Tx, to storage.Member, idea storage.Idea, author string) error {
	lang := o.langOf(to)
	m, err := o.card(tx, to, idea, texts.T(lang, "head.new_idea", author))
	if err != nil {
		return err
	}
	m.Digest, m.Lang = "head.new_idea", lang
	m.Line = texts.T(lang, "head.new_idea.line", idea.ID, idea.Title, author, texts.HTML(benefitText(tx, lang, idea)))
	if len(idea.Similar) > 0 { // the list says it too, not only the card
		refs := make([]string, len(idea.Similar))
		for i, id := range idea.Similar {
			refs[i] = storage.IdeaRef(id)
		}
		m.Line += texts.T(lang, "head.new_idea.similar", strings.Join(refs, ", "))
	}
	return o.post(tx, m)
}

// card is the message of an idea's card for to, under a heading.
func (o *office) card(tx *storage.Tx, to storage.Member, idea storage.Idea, heading string) (storage.Message, error) {
	lang := o.langOf(to)
	text, err := o.ideaText(tx, lang, idea, false)
	if err != nil {
		return storage.Message{}, err
	}
	text += similarHint(lang, to, idea)
	return storage.Message{ChatID: to.UserID, Text: heading + "\n\n" + text, Keyboard: ideaButtons(lang, to, idea), Tag: ideaTag(idea.ID)}, nil
}

// cardNow is an idea's card as it stands: its state, and who acted last.
func (o *office) cardNow(tx *storage.Tx, lang string, idea storage.Idea) (string, error) {
	text, err := o.ideaText(tx, lang, idea, false)
	if err != nil {
		return "", err
	}
	last, err := o.lastActed(tx, lang, idea.Unit, idea.History)
	return text + last, err
}

// lastActed is the line that says who acted last on a record, and when:
// "Đã được Văn phòng Sở đề xuất – Đỗ Văn Hùng, 28/11/2026 09:12".
func (o *office) lastActed(tx *storage.Tx, lang, unitCode string, history []storage.Event) (string, error) {
	for len(history) > 0 && !history[len(history)-1].Step() {
		history = history[:len(history)-1] // a link to another idea is no act on this one
	}
	if len(history) == 0 {
		return "", nil
	}
	e := history[len(history)-1]
	actor, _, err := tx.Member(e.Actor)
	if err != nil {
		return "", err
	}
	unit, _, err := tx.Unit(unitCode)
	if err != nil {
		return "", err
	}
	acted := texts.T(lang, "card.acted."+string(e.Status))
	if e.Status == storage.IdeaEndorsed {
		acted = texts.T(lang, "card.acted.endorsed", unit.Name)
	}
	return texts.T(lang, "card.last", acted, displayName(lang, actor), o.at(e.At)), nil
}

// refreshCards edits every card of a record the bot has sent (tag) to
// what render makes of it for that card's reader, with the buttons they
// may still press; the pressed card among them. A card whose reader is no
// member any more just loses its buttons. Once the record can change no
// more (final), its cards are forgotten.
func refreshCards(c *Ctx, tag string, final bool, render func(viewer storage.Member, lang string) (string, [][]storage.Button, error)) error {
	sent, err := c.tx.Outbox().Tagged(tag)
	if final {
		sent, err = c.tx.Outbox().TakeTagged(tag)
	}
	if err != nil {
		return err
	}
	for _, s := range sent {
		pressed := s.ChatID == c.Req.ChatID && s.MessageID == c.Req.MessageID
		viewer, ok, err := c.tx.Member(s.ChatID)
		if err != nil {
			return err
		}
		m := storage.Message{Method: storage.MethodEditMarkup, ChatID: s.ChatID, MessageID: s.MessageID}
		if ok {
			lang := c.bot.langOf(viewer)
			text, kb, err := render(viewer, lang)
			if err != nil {
				return err
			}
			if err := checkKeyboard(kb); err != nil {
				return err
			}
			m = storage.Message{Method: storage.MethodEditText, ChatID: s.ChatID, MessageID: s.MessageID, Text: truncateHTML(text), Keyboard: kb}
		}
		if pressed {
			c.buttonsOff = true
		}
		if _, err := c.tx.Outbox().Enqueue(m); err != nil {
			return err
		}
	}
	if c.Req.CallbackID == "" || c.Req.MessageID == 0 || c.buttonsOff {
		return nil
	}
	// The pressed message is not known as a card yet (pressed before its
	// delivery was recorded, or a question about the record): it becomes
	// the card, and is kept up to date from now on.
	text, kb, err := render(c.Me, c.Lang)
	if err != nil {
		return err
	}
	if !final {
		if err := c.tx.Outbox().RecordSent(tag, c.Req.ChatID, c.Req.MessageID); err != nil {
			return err
		}
	}
	return c.Edit(text, kb...)
}

// refreshIdea edits every card of an idea to its current state.
func refreshIdea(c *Ctx, idea storage.Idea) error {
	final := idea.Status.Refused() || idea.Status == storage.IdeaWithdrawn || idea.Status == storage.IdeaRecognised
	return refreshCards(c, ideaTag(idea.ID), final, func(viewer storage.Member, lang string) (string, [][]storage.Button, error) {
		text, err := c.bot.cardNow(c.tx, lang, idea)
		return text + similarHint(lang, viewer, idea), ideaButtons(lang, viewer, idea), err
	})
}

// eventNote is what a step of an idea's history says beside its status:
// the reason given, or the idea it duplicates.
func eventNote(lang string, e storage.Event) string {
	switch {
	case e.DuplicateOf != 0:
		return texts.T(lang, "history.duplicate_of", storage.IdeaRef(e.DuplicateOf))
	case e.Note == "resubmitted":
		return ""
	}
	return e.Note
}
