package bot

import (
	"fmt"
	"strconv"
	"strings"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// After /commend's proposal (SPEC §3): an admin records the Hội đồng Thi
// đua – Khen thưởng's vote on each collective and person proposed (votes
// for, of the members present, and the outcome it declared), then the
// decision the Giám đốc Sở signed (number, date, form of commendation);
// each recipient is told; the honour roll (bảng vinh danh) goes to the
// staff group after a preview. Buttons: hv:l:2026 the list, hv:c:2026:m5001
// a candidate, hv:r:2026 the roll's preview, hv:R:2026 its posting.

// Forms of the year's end.
const (
	formVote      = "vote"      // the council's vote on a candidate
	formConferral = "conferral" // the decision on record
)

// The bot's own refusals of a count typed in chat.
const reasonCount storage.Reason = "count_format" // what was typed

func init() {
	for r, key := range map[storage.Reason]string{
		storage.ReasonVotePresent:   "law.err.vote_present",
		storage.ReasonVoteTooMany:   "law.err.vote_too_many",
		storage.ReasonVoteDecided:   "law.err.vote_decided",
		storage.ReasonNotVoted:      "law.err.not_voted",
		storage.ReasonAwardUnknown:  "law.err.award_unknown",
		storage.ReasonHonourDecided: "law.err.honour_decided",
		storage.ReasonHonourUnknown: "law.err.honour_unknown",
		reasonCount:                 "law.err.count",
	} {
		errorTexts[r] = key
	}
}

// awardName is a form of commendation in words: the Minister's names the
// ministry (org.ministry).
func (o *office) awardName(lang string, a storage.Award) string {
	if a == storage.AwardBangKhenBo {
		return texts.T(lang, "law.award.bang_khen_bo", o.cfg.Org.Ministry)
	}
	return texts.T(lang, "law.award."+string(a))
}

// candidate is one collective or person proposed, as the list shows it.
type candidate struct {
	subject storage.Subject
	award   storage.Award
	name    string // "Nguyễn Văn An, Chuyên viên Văn phòng Sở", or the unit's name
}

// candidates are the year's proposal's collectives and persons proposed
// for an award (those listed for their initiatives only are not voted on).
func (o *office) candidates(tx *storage.Tx, lang string, year int) ([]candidate, error) {
	p, err := o.commendation(tx, year)
	if err != nil {
		return nil, err
	}
	var out []candidate
	for _, u := range p.units {
		out = append(out, candidate{storage.Subject{Unit: u.unit.Code}, u.Award, u.unit.Name})
	}
	for _, m := range p.members {
		if m.Award != storage.AwardNone {
			out = append(out, candidate{storage.Subject{Member: m.member.UserID}, m.Award, o.comrade(tx, lang, m.member)})
		}
	}
	return out, nil
}

// honourButton is the button under /commend's proposal, for admins.
func honourButton(lang string, year int) []storage.Button {
	return []storage.Button{{Text: texts.T(lang, "law.btn.honours"), Data: data(actHonour, "l", strconv.Itoa(year))}}
}

// onHonourButton answers the year-end's buttons; every one is an admin's.
func onHonourButton(c *Ctx, pressed string) error {
	parts := strings.Split(pressed, ":")
	if !c.Me.IsAdmin() || len(parts) < 2 {
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	year, err := strconv.Atoi(parts[1])
	if err != nil {
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	switch parts[0] {
	case "l":
		return honourList(c, year)
	case "c":
		if len(parts) < 3 {
			return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
		}
		return honourCandidate(c, year, parts[2])
	case "r":
		return rollPreview(c, year)
	case "R":
		return postRoll(c, year)
	case "x": // the roll's preview, not posted
		if err := c.RemoveButtons(); err != nil {
			return err
		}
		return c.Reply(c.T("cancel.done"))
	}
	return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
}

// honourState is where a candidate's record stands, in words.
func (o *office) honourState(lang string, h storage.Honour, ok bool) string {
	switch {
	case ok && h.Decision != nil:
		return texts.T(lang, "law.honour.state.decided", h.Decision.No, formatDate(h.Decision.Date, o.loc), o.awardName(lang, h.Decision.Form))
	case ok && h.Vote != nil:
		return texts.T(lang, "law.honour.state.voted", h.Vote.For, h.Vote.Present, outcomeWord(lang, h.Vote.Passed))
	}
	return texts.T(lang, "law.honour.state.none")
}

func outcomeWord(lang string, passed bool) string {
	if passed {
		return texts.T(lang, "law.honour.passed")
	}
	return texts.T(lang, "law.honour.failed")
}

// honourList shows the year's candidates, each with its state and a button.
func honourList(c *Ctx, year int) error {
	list, err := c.bot.candidates(c.tx, c.Lang, year)
	if err != nil {
		return err
	}
	var text strings.Builder
	text.WriteString(c.T("law.honour.list", year))
	var kb [][]storage.Button
	for i, cand := range list {
		h, ok, err := c.tx.Honour(year, cand.subject)
		if err != nil {
			return err
		}
		text.WriteString(c.T("law.honour.line", i+1, cand.name, c.bot.awardName(c.Lang, cand.award), c.bot.honourState(c.Lang, h, ok)))
		if i < 20 {
			kb = append(kb, []storage.Button{{Text: truncate(fmt.Sprintf("%d. %s", i+1, cand.name), 60), Data: data(actHonour, "c", strconv.Itoa(year), cand.subject.String())}})
		}
	}
	if len(list) == 0 {
		text.WriteString(c.T("law.honour.none"))
	}
	kb = append(kb, []storage.Button{{Text: c.T("law.btn.roll"), Data: data(actHonour, "r", strconv.Itoa(year))}})
	return c.Reply(text.String(), kb...)
}

// honourCandidate starts what comes next for a candidate: the vote, or,
// once the council passed it, the decision.
func honourCandidate(c *Ctx, year int, subj string) error {
	s, ok := storage.ParseSubject(subj)
	if !ok {
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	list, err := c.bot.candidates(c.tx, c.Lang, year)
	if err != nil {
		return err
	}
	var cand *candidate
	for i := range list {
		if list[i].subject == s {
			cand = &list[i]
		}
	}
	if cand == nil {
		return storage.Errorf(storage.EInvalid, storage.ReasonHonourUnknown)
	}
	h, found, err := c.tx.Honour(year, s)
	if err != nil {
		return err
	}
	about := honourAbout{Year: strconv.Itoa(year), Subject: subj, Award: string(cand.award), Name: cand.name}
	switch {
	case found && h.Decision != nil:
		return c.Reply(c.T("law.honour.done", cand.name, c.bot.honourState(c.Lang, h, found)))
	case found && h.Vote != nil && h.Vote.Passed:
		if err := c.saveForm(formConferral, "no", conferralForm{honourAbout: about}); err != nil {
			return err
		}
		return c.Reply(c.T("law.conferral.ask_no", cand.name, c.bot.honourState(c.Lang, h, found)))
	}
	if err := c.saveForm(formVote, "present", voteForm{honourAbout: about}); err != nil {
		return err
	}
	return c.Reply(c.T("law.vote.ask_present", cand.name, c.bot.awardName(c.Lang, cand.award)))
}

func awardButtons(b *Bot, lang string) [][]storage.Button {
	var kb [][]storage.Button
	for _, a := range storage.Awards {
		kb = append(kb, []storage.Button{{Text: b.awardName(lang, a), Data: data(actForm, string(a))}})
	}
	return kb
}

// conferralStep takes the decision's number, its date, its form, then the
// confirm of its preview; the recipients are told.
func conferralStep(c *Ctx, f storage.Form) error {
	st := formState[conferralForm](f)
	year, _ := strconv.Atoi(st.Year)
	s, _ := storage.ParseSubject(st.Subject)
	switch f.Step {
	case "no", "date":
		if c.Req.CallbackID != "" {
			return c.Answer(c.T("form.stale"), false)
		}
		if f.Step == "no" {
			no, err := storage.CheckDecisionNo(c.Req.Text)
			if err != nil {
				return err
			}
			st.No, f.Step = no, "date"
			if err := c.saveForm(f.Kind, f.Step, st); err != nil {
				return err
			}
			return c.Reply(c.T("law.conferral.ask_date", formatDate(c.bot.Now(), c.bot.loc)))
		}
		day, err := parseDay(c.Req.Text, c.bot.loc)
		if err != nil {
			return err
		}
		if err := storage.CheckDecisionDate(day, c.bot.Now()); err != nil {
			return err
		}
		st.Date, f.Step = formatDate(day, c.bot.loc), "form"
		if err := c.saveForm(f.Kind, f.Step, st); err != nil {
			return err
		}
		return c.Reply(c.T("law.conferral.ask_form"), awardButtons(c.bot, c.Lang)...)
	case "form":
		a := storage.Award(formAnswer(c))
		if a == "" {
			return c.Reply(c.T("form.choose"), awardButtons(c.bot, c.Lang)...)
		}
		if err := c.RemoveButtons(); err != nil {
			return err
		}
		st.Form, f.Step = string(a), "confirm"
		if err := c.saveForm(f.Kind, f.Step, st); err != nil {
			return err
		}
		return c.Reply(c.T("law.conferral.preview", st.Name, c.bot.awardName(c.Lang, a), st.No, st.Date), confirmButtons(c.Lang)...)
	}
	if answered, err := awaitConfirm(c); answered {
		return err
	}
	day, err := parseDay(st.Date, c.bot.loc)
	if err != nil {
		return err
	}
	h, err := c.tx.RecordDecision(c.Me, year, s, st.No, day, storage.Award(st.Form))
	if err != nil {
		return err
	}
	if err := c.clearForm(); err != nil {
		return err
	}
	if err := c.RemoveButtons(); err != nil {
		return err
	}
	if err := tellHonoured(c, h); err != nil {
		return err
	}
	return c.Reply(c.T("law.conferral.saved", st.Name, h.Decision.No),
		[]storage.Button{{Text: c.T("law.btn.honours"), Data: data(actHonour, "l", st.Year)}})
}

// tellHonoured tells the recipient of a decision: the person, or the
// unit's heads for a collective.
func tellHonoured(c *Ctx, h storage.Honour) error {
	d := h.Decision
	if h.Subject.Member != 0 {
		m, _, err := c.tx.Member(h.Subject.Member)
		if err != nil {
			return err
		}
		lang := c.bot.langOf(m)
		return c.bot.send(c.tx, m.UserID, texts.T(lang, "law.honour.you", c.bot.awardName(lang, d.Form), h.Year, d.No, formatDate(d.Date, c.bot.loc)), nil, nil)
	}
	unit, _, err := c.tx.Unit(h.Subject.Unit)
	if err != nil {
		return err
	}
	heads, err := c.tx.UnitHeads(h.Subject.Unit)
	if err != nil {
		return err
	}
	for _, head := range heads {
		lang := c.bot.langOf(head)
		if err := c.bot.send(c.tx, head.UserID, texts.T(lang, "law.honour.your_unit", unit.Name, c.bot.awardName(lang, d.Form), h.Year, d.No, formatDate(d.Date, c.bot.loc)), nil, nil); err != nil {
			return err
		}
	}
	return nil
}
