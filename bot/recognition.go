package bot

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// An initiative's last steps, as the law has them (SPEC §4): applied, its
// recognition asked for by its author or its unit's head, then recognised
// by the director's decision (number, date, level), its post previewed
// before it goes to the group; or not recognised, with a reason,
// previewed as every refusal is.

// Forms of the recognition.
const (
	formRecognise = "recognise" // the decision's number, its date, then the preview
	formOpinion   = "opinion"   // the initiative council's opinion
)

// The bot's own refusals of a decision typed in chat.
const (
	reasonDateFormat storage.Reason = "date_format" // what was typed
)

func init() {
	errorTexts[storage.ReasonDecisionNoEmpty] = "law.err.decision_no_empty"
	errorTexts[storage.ReasonDecisionNoFormat] = "law.err.decision_no_format"
	errorTexts[storage.ReasonDecisionDateEmpty] = "law.err.decision_date_empty"
	errorTexts[storage.ReasonDecisionDateAhead] = "law.err.decision_date_ahead"
	errorTexts[storage.ReasonDecisionBeforeApproval] = "law.err.decision_before_approval"
	errorTexts[storage.ReasonNotApplied] = "law.err.not_applied"
	errorTexts[reasonDateFormat] = "law.err.date_format"
}

// formatDate writes a day as the Sở does, in either language: 01/12/2026.
func formatDate(t time.Time, loc *time.Location) string { return t.In(loc).Format("02/01/2006") }

// dayPattern is a day as people write it: 1/12/2026, 01-12-2026, 01.12.2026.
var dayPattern = regexp.MustCompile(`^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$`)

// parseDay reads a day written dd/mm/yyyy, at midnight in loc; anything
// else, or a day that does not exist (31/02), is refused with an example.
func parseDay(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(strings.TrimPrefix(s, "ngày "), "Ngày ")
	m := dayPattern.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return time.Time{}, storage.Errorf(storage.EInvalid, reasonDateFormat, s)
	}
	d, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	y, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, loc)
	if t.Day() != d || int(t.Month()) != mo || y < 2000 {
		return time.Time{}, storage.Errorf(storage.EInvalid, reasonDateFormat, s)
	}
	return t, nil
}

// recogniseForm is what the form of a recognition holds: the idea (its
// id), the decision's number and its date (dd/mm/yyyy).
type recogniseForm struct {
	ID   string `json:"id,omitempty"`
	No   string `json:"no,omitempty"`
	Date string `json:"date,omitempty"`
}

// opinionForm is what the form of the council's opinion holds: the idea.
type opinionForm struct {
	ID string `json:"id,omitempty"`
}

// startRecognise opens the director's form for a decision recognising idea.
func startRecognise(c *Ctx, idea storage.Idea) error {
	id := strconv.FormatUint(idea.ID, 10)
	if err := c.saveForm(formRecognise, "no", recogniseForm{ID: id}); err != nil {
		return err
	}
	return c.Reply(c.T("law.recognise.ask_no", idea.Ref(), idea.Title))
}

// recogniseButtons answer the preview of a recognition's post.
func recogniseButtons(lang string) [][]storage.Button {
	return [][]storage.Button{{
		{Text: texts.T(lang, "law.btn.post"), Data: data(actForm, "ok")},
		{Text: texts.T(lang, "law.btn.fix"), Data: data(actForm, "again")},
		{Text: texts.T(lang, "idea.cancel"), Data: data(actForm, "cancel")},
	}}
}

// recogniseStep takes the decision's number, then its date, then the
// answer to the preview of the group's post.
func recogniseStep(c *Ctx, f storage.Form) error {
	st := formState[recogniseForm](f)
	id, _ := strconv.ParseUint(st.ID, 10, 64)
	idea, err := c.tx.Idea(id)
	if err != nil {
		return err
	}
	if err := c.Me.MayDecide(idea, storage.ActRecognise); err != nil {
		return err
	}
	switch f.Step {
	case "no":
		if c.Req.CallbackID != "" {
			return c.Answer(c.T("form.stale"), false)
		}
		no, err := storage.CheckDecisionNo(c.Req.Text)
		if err != nil {
			return err
		}
		st.No, f.Step = no, "date"
		if err := c.saveForm(f.Kind, f.Step, st); err != nil {
			return err
		}
		return c.Reply(c.T("law.recognise.ask_date", formatDate(c.bot.Now(), c.bot.loc)))
	case "date":
		if c.Req.CallbackID != "" {
			return c.Answer(c.T("form.stale"), false)
		}
		day, err := parseDay(c.Req.Text, c.bot.loc)
		if err != nil {
			return err
		}
		r := storage.Recognition{No: st.No, Date: day}
		if err := idea.CheckRecognition(&r, c.bot.Now(), c.bot.loc); err != nil {
			return err
		}
		st.Date, f.Step = formatDate(day, c.bot.loc), "confirm"
		if err := c.saveForm(f.Kind, f.Step, st); err != nil {
			return err
		}
		post, err := c.bot.recognisedPost(c.tx, c.bot.cfg.Org.Language, idea, r)
		if err != nil {
			return err
		}
		return c.Reply(c.T("law.recognise.preview", post), recogniseButtons(c.Lang)...)
	}
	switch formAnswer(c) {
	case "ok":
		day, err := parseDay(st.Date, c.bot.loc)
		if err != nil {
			return err
		}
		if err := c.clearForm(); err != nil {
			return err
		}
		if err := c.RemoveButtons(); err != nil {
			return err
		}
		return decide(c, id, storage.Decision{Action: storage.ActRecognise, Recognition: storage.Recognition{No: st.No, Date: day, Level: storage.LevelBase}})
	case "again":
		if err := c.RemoveButtons(); err != nil {
			return err
		}
		return startRecognise(c, idea)
	case "cancel":
		return c.leaveForm()
	}
	if c.Req.CallbackID != "" {
		return c.Answer(c.T("form.stale"), false)
	}
	return c.Reply(c.T("form.choose"), recogniseButtons(c.Lang)...)
}

// recognisedPost is the staff group's post of a recognition, in lang.
func (o *office) recognisedPost(tx *storage.Tx, lang string, idea storage.Idea, r storage.Recognition) (string, error) {
	author, _, err := tx.Member(idea.Author)
	if err != nil {
		return "", err
	}
	level := r.Level
	if level == "" {
		level = storage.LevelBase
	}
	return texts.T(lang, "law.group.recognised", idea.Ref(), idea.Title, o.comrade(tx, lang, author),
		texts.T(lang, "law.level."+level), r.No, formatDate(r.Date, o.loc), texts.Money(idea.Saved)), nil
}

// refusalButtons answer the preview of a refusal.
func refusalButtons(lang string) [][]storage.Button {
	return [][]storage.Button{{
		{Text: texts.T(lang, "btn.confirm"), Data: data(actForm, "ok")},
		{Text: texts.T(lang, "law.btn.fix_reason"), Data: data(actForm, "again")},
		{Text: texts.T(lang, "idea.cancel"), Data: data(actForm, "cancel")},
	}}
}

// refusalText is what the author of idea will read of a refusal by who:
// final, named for its step, with its reason.
func (o *office) refusalText(lang string, who storage.Member, idea storage.Idea, action, reason string) string {
	key := "author." + action
	if action == storage.ActReject {
		key = rejectKey(key, who.RefusalOf(idea))
	}
	return texts.T(lang, key, idea.Ref(), idea.Title, displayName(lang, who)) + texts.T(lang, "author.reason", reason)
}

// previewRefusal shows a refusal as its author will read it, and waits
// for its confirmation: a refusal is final.
func previewRefusal(c *Ctx, f storage.Form, reason string) error {
	st := formState[reasonForm](f)
	id, _ := strconv.ParseUint(st.ID, 10, 64)
	idea, err := c.tx.Idea(id)
	if err != nil {
		return err
	}
	if err := c.Me.MayDecide(idea, st.Action); err != nil {
		return err
	}
	if reason, err = storage.CheckReason(reason); err != nil {
		return err
	}
	st.Reason, f.Step = reason, "confirm"
	if err := c.saveForm(f.Kind, f.Step, st); err != nil {
		return err
	}
	return c.Reply(c.T("law.refuse.preview", c.bot.refusalText(c.Lang, c.Me, idea, st.Action, reason)), refusalButtons(c.Lang)...)
}

// refusalStep takes the answer to a refusal's preview.
func refusalStep(c *Ctx, f storage.Form) error {
	st := formState[reasonForm](f)
	id, _ := strconv.ParseUint(st.ID, 10, 64)
	switch formAnswer(c) {
	case "ok":
		if err := c.clearForm(); err != nil {
			return err
		}
		if err := c.RemoveButtons(); err != nil {
			return err
		}
		return decide(c, id, storage.Decision{Action: st.Action, Reason: st.Reason})
	case "again":
		if err := c.RemoveButtons(); err != nil {
			return err
		}
		f.Step = "reason"
		if err := c.saveForm(f.Kind, f.Step, st); err != nil {
			return err
		}
		return c.Reply(c.T("law.refuse.again", storage.IdeaRef(recordID(st.ID)), storage.MaxReasonLen))
	case "cancel":
		return c.leaveForm()
	}
	if c.Req.CallbackID != "" {
		return c.Answer(c.T("form.stale"), false)
	}
	return c.Reply(c.T("form.choose"), refusalButtons(c.Lang)...)
}

// afterRecognitionStep tells those concerned of a step of the recognition
// (decide has told the author): the directors (and the initiative
// council) of a request, the heads and the staff group of a recognition,
// the heads of a refusal.
func afterRecognitionStep(c *Ctx, idea storage.Idea, d storage.Decision, author storage.Member, unit storage.Unit) error {
	switch d.Action {
	case storage.ActRequestRecognition:
		if err := toDirectors(c, idea, "law.director.requested", displayName(c.Lang, c.Me)); err != nil {
			return err
		}
		for _, id := range c.bot.cfg.Org.InitiativeCouncil {
			if id == c.Me.UserID || id == idea.Author {
				continue
			}
			if m, ok, err := c.tx.Member(id); err != nil {
				return err
			} else if ok && m.IsDirector() {
				continue // told as a director
			}
			m, _, err := c.tx.Member(id)
			if err != nil {
				return err
			}
			lang := c.bot.langOf(m)
			kb := [][]storage.Button{{{Text: texts.T(lang, "law.btn.opinion"), Data: data(actReview, "o", strconv.FormatUint(idea.ID, 10))}}}
			if err := c.bot.send(c.tx, id, texts.T(lang, "law.council.requested", idea.Ref(), idea.Title, texts.Money(idea.Saved)), kb, nil); err != nil {
				return err
			}
		}
		if idea.Author == c.Me.UserID {
			return toHeads(c, idea, "law.head.requested", idea.Ref(), idea.Title)
		}
	case storage.ActRecognise:
		post, err := c.bot.recognisedPost(c.tx, c.bot.cfg.Org.Language, idea, *idea.Recognition)
		if err != nil {
			return err
		}
		if c.bot.cfg.Telegram.GroupChatID != 0 {
			if err := c.bot.send(c.tx, c.bot.cfg.Telegram.GroupChatID, post, nil, nil); err != nil {
				return err
			}
		}
		return toHeads(c, idea, "law.head.recognised", idea.Ref(), idea.Title, idea.Recognition.No, formatDate(idea.Recognition.Date, c.bot.loc))
	case storage.ActNotRecognise:
		return toHeads(c, idea, "law.head.not_recognised", idea.Ref(), idea.Title, d.Reason)
	}
	return nil
}

// linkLine is a history's note that is no step: another idea marked a
// duplicate of this one, or the initiative council's opinion.
func linkLine(lang string, e storage.Event, when any, actor string) string {
	if e.Opinion {
		return texts.T(lang, "law.history.opinion", when, actor, e.Note)
	}
	return texts.T(lang, "history.duplicated_by", when, actor, storage.IdeaRef(e.Duplicate))
}

// onCouncil reports whether id sits on the initiative council.
func (o *office) onCouncil(id int64) bool {
	return slices.Contains(o.cfg.Org.InitiativeCouncil, id)
}

// startOpinion asks a council member for the council's opinion.
func startOpinion(c *Ctx, idea storage.Idea) error {
	if !c.bot.onCouncil(c.Me.UserID) || c.Me.UserID == idea.Author {
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	if idea.Status != storage.IdeaRequested {
		return storage.Errorf(storage.EConflict, storage.ReasonIdeaDecided, idea.Ref())
	}
	if err := c.saveForm(formOpinion, "opinion", opinionForm{ID: strconv.FormatUint(idea.ID, 10)}); err != nil {
		return err
	}
	return c.Reply(c.T("law.opinion.ask", idea.Ref(), storage.MaxReasonLen))
}

// opinionStep takes the council's opinion and tells the directors.
func opinionStep(c *Ctx, f storage.Form) error {
	if c.Req.CallbackID != "" {
		return c.Answer(c.T("form.stale"), false)
	}
	id, _ := strconv.ParseUint(formState[opinionForm](f).ID, 10, 64)
	idea, err := c.tx.GiveOpinion(c.Me, c.bot.onCouncil(c.Me.UserID), id, c.Req.Text)
	if err != nil {
		return err
	}
	if err := c.clearForm(); err != nil {
		return err
	}
	opinion := idea.History[len(idea.History)-1].Note
	if err := toDirectors(c, idea, "law.director.opinion", displayName(c.Lang, c.Me), opinion); err != nil {
		return err
	}
	if err := refreshIdea(c, idea); err != nil {
		return err
	}
	return c.Reply(c.T("law.opinion.saved", idea.Ref()))
}
