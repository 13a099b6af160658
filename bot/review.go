package bot

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// Forms of a review.
const (
	formReason    = "reason"    // a reason to return or reject an idea
	formScore     = "score"     // a director's three marks
	formDuplicate = "duplicate" // the idea another duplicates
)

// reviewQueueLimit bounds the cards /review sends at once.
const reviewQueueLimit = 10

// cmdReview sends each reviewer the ideas waiting for them: a head their
// unit's new ideas, a director the endorsed ones and the heads' own, an
// admin (who is a head too) a sole director's; never their own.
func cmdReview(c *Ctx) error {
	waiting := func(action string) func(storage.Idea) bool {
		return func(idea storage.Idea) bool { return c.Me.CanDecide(idea, action) }
	}
	var queues []storage.IdeaFilter
	if c.Me.IsHead("") {
		queues = append(queues, storage.IdeaFilter{Unit: c.Me.Unit, Status: storage.IdeaSubmitted, Match: waiting(storage.ActEndorse)})
	}
	if c.Me.IsDirector() || c.Me.IsAdmin() {
		queues = append(queues, storage.IdeaFilter{Status: storage.IdeaEndorsed, Match: waiting(storage.ActAccept)},
			storage.IdeaFilter{Status: storage.IdeaSubmitted, Match: waiting(storage.ActAccept)})
	}
	if len(queues) == 0 {
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	var ideas []storage.Idea
	total := 0
	for _, f := range queues {
		some, n, err := c.tx.Ideas(f, reviewQueueLimit)
		if err != nil {
			return err
		}
		ideas, total = append(ideas, some...), total+n
	}
	slices.SortFunc(ideas, func(x, y storage.Idea) int { return cmp.Compare(y.ID, x.ID) }) // newest first, as each queue
	ideas = ideas[:min(len(ideas), reviewQueueLimit)]
	if total == 0 {
		return c.Reply(c.T("review.empty"))
	}
	if err := c.Reply(c.T("review.title", total)); err != nil {
		return err
	}
	for i := len(ideas) - 1; i >= 0; i-- { // oldest first: first come, first reviewed
		if err := c.bot.sendCard(c.tx, c.Me, ideas[i], "review.card"); err != nil {
			return err
		}
	}
	if total > len(ideas) {
		return c.Reply(c.T("review.more", total-len(ideas)))
	}
	return nil
}

// decisionAbout is what every reviewer's form holds: the idea decided
// (its id) and the decision (storage.Act*).
type decisionAbout struct {
	ID     string `json:"id,omitempty"`
	Action string `json:"action,omitempty"`
}

// reasonForm is what the form of a return or a refusal holds: the reason
// (kept while a refusal is previewed).
type reasonForm struct {
	decisionAbout
	Reason string `json:"reason,omitempty"`
}

// duplicateForm is what the form of a duplicate holds: the idea alone.
type duplicateForm struct {
	decisionAbout
}

// onReviewButton starts a decision on an idea: at once for endorse and
// withdraw, through a short form for a reason or the scores.
func onReviewButton(c *Ctx, pressed string) error {
	verb, arg, _ := strings.Cut(pressed, ":")
	id, err := strconv.ParseUint(arg, 10, 64)
	if err != nil {
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	idea, err := c.tx.Idea(id)
	if err != nil {
		return err
	}
	if verb == "o" { // the initiative council's opinion (recognition.go)
		return startOpinion(c, idea)
	}
	if verb == "N" { // "Không": the withdrawal asked about is not made
		if err := c.RemoveButtons(); err != nil {
			return err
		}
		return c.Answer(c.T("withdraw.kept", storage.IdeaRef(recordID(arg))), false)
	}
	action := map[string]string{"e": storage.ActEndorse, "r": storage.ActReturn, "x": storage.ActReject, "a": storage.ActAccept, "w": storage.ActWithdraw, "W": storage.ActWithdraw, "d": storage.ActDuplicate,
		"q": storage.ActRequestRecognition, "R": storage.ActRecognise, "n": storage.ActNotRecognise}[verb]
	if action == "" {
		return storage.Errorf(storage.EForbidden, storage.ReasonNotAllowed)
	}
	if err := c.Me.MayDecide(idea, action); err != nil {
		return err
	}
	about := decisionAbout{ID: arg, Action: action}
	switch verb {
	case "e":
		return decide(c, id, storage.Decision{Action: action})
	case "W", "q":
		return decide(c, id, storage.Decision{Action: action})
	case "R":
		return startRecognise(c, idea)
	case "w":
		return c.Reply(c.T("withdraw.confirm", idea.Ref(), idea.Title), []storage.Button{
			{Text: c.T("btn.withdraw_yes"), Data: data(actReview, "W", arg)},
			{Text: c.T("btn.no"), Data: data(actReview, "N", arg)},
		})
	case "r", "x", "n":
		if err := c.saveForm(formReason, "reason", reasonForm{decisionAbout: about}); err != nil {
			return err
		}
		key := "reason.ask." + action
		if action == storage.ActReject {
			key = rejectKey(key, c.Me.RefusalOf(idea))
		}
		if action == storage.ActNotRecognise {
			key = "law.reason.ask.not_recognise"
		}
		return c.Reply(c.T(key, idea.Ref(), storage.MaxReasonLen))
	case "a":
		if err := c.saveForm(formScore, "novelty", scoreForm{decisionAbout: about}); err != nil {
			return err
		}
		return c.Reply(c.T("score.ask.novelty", idea.Ref()), scoreButtons()...)
	case "d":
		if err := c.saveForm(formDuplicate, "of", duplicateForm{decisionAbout: about}); err != nil {
			return err
		}
		var row []storage.Button // the ideas found like it when it was sent
		for _, id := range idea.Similar {
			row = append(row, storage.Button{Text: storage.IdeaRef(id), Data: data(actForm, strconv.FormatUint(id, 10))})
		}
		var kb [][]storage.Button
		if len(row) > 0 {
			kb = append(kb, row)
		}
		return c.Reply(c.T("duplicate.ask", idea.Ref()), kb...)
	}
	return nil
}

// duplicateStep takes the idea another duplicates: pressed, or typed as
// SK-12, sk_12 or 12.
func duplicateStep(c *Ctx, f storage.Form) error {
	st := formState[duplicateForm](f)
	answer := formAnswer(c)
	if c.Req.CallbackID == "" {
		answer = strings.TrimLeft(strings.ToLower(strings.TrimSpace(c.Req.Text)), "sk-_#/ ")
	}
	of, err := strconv.ParseUint(answer, 10, 64)
	if err != nil {
		return storage.Errorf(storage.EInvalid, reasonDuplicateRef)
	}
	if c.Req.CallbackID != "" {
		if err := c.RemoveButtons(); err != nil {
			return err
		}
	}
	id, _ := strconv.ParseUint(st.ID, 10, 64)
	if err := c.clearForm(); err != nil {
		return err
	}
	return decide(c, id, storage.Decision{Action: storage.ActDuplicate, Of: of})
}

func scoreButtons() [][]storage.Button {
	var kb [][]storage.Button
	for r := 0; r < 2; r++ {
		var row []storage.Button
		for i := 1; i <= 5; i++ {
			n := strconv.Itoa(r*5 + i)
			row = append(row, storage.Button{Text: n, Data: data(actForm, n)})
		}
		kb = append(kb, row)
	}
	return kb
}

// reasonStep takes the reason for a return or a refusal; a refusal is
// final, and previewed first (refusalStep).
func reasonStep(c *Ctx, f storage.Form) error {
	if f.Step == "confirm" {
		return refusalStep(c, f)
	}
	st := formState[reasonForm](f)
	if c.Req.CallbackID != "" {
		return c.Answer(c.T("form.stale"), false)
	}
	if c.Req.Text == "" {
		return storage.Errorf(storage.EInvalid, reasonTextExpected)
	}
	if a := st.Action; a == storage.ActReject || a == storage.ActNotRecognise {
		return previewRefusal(c, f, c.Req.Text)
	}
	id, _ := strconv.ParseUint(st.ID, 10, 64)
	if err := c.clearForm(); err != nil {
		return err
	}
	return decide(c, id, storage.Decision{Action: st.Action, Reason: c.Req.Text})
}

// decide applies a decision and tells everyone concerned: the author of
// every decision, the directors of an endorsed idea, the staff group of an
// accepted one, the reviewers of a withdrawal. The buttons on every card of
// the idea come off, so nobody decides twice.
func decide(c *Ctx, id uint64, d storage.Decision) error {
	idea, err := c.tx.DecideIdea(c.Me, id, d)
	if err != nil {
		return err
	}
	var original storage.Idea
	say := d.Action // the texts' name for it
	if d.Action == storage.ActReject {
		say = rejectKey(say, idea.Status)
	}
	decided := c.T("decided."+say, idea.Ref(), idea.Title)
	if d.Action == storage.ActDuplicate {
		if original, err = c.tx.Idea(d.Of); err != nil {
			return err
		}
		decided = c.T("decided.duplicate", idea.Ref(), idea.Title, original.Ref())
		if err := refreshIdea(c, original); err != nil { // its history links the duplicate
			return err
		}
	}
	if err := c.Reply(decided); err != nil {
		return err
	}
	if err := refreshIdea(c, idea); err != nil {
		return err
	}
	author, _, err := c.tx.Member(idea.Author)
	if err != nil {
		return err
	}
	unit, _, err := c.tx.Unit(idea.Unit)
	if err != nil {
		return err
	}
	// Whether the idea was with the directors (endorsed, or a head's own
	// sent straight to them) when this was decided.
	prev := idea.History[len(idea.History)-2].Status
	withDirectors := prev == storage.IdeaEndorsed || (idea.SkipHead && prev == storage.IdeaSubmitted)
	lang := c.bot.langOf(author)
	if idea.Author != c.Me.UserID {
		var kb [][]storage.Button
		text := texts.T(lang, "author."+say, idea.Ref(), idea.Title, displayName(c.Lang, c.Me))
		switch d.Action {
		case storage.ActDuplicate:
			text = texts.T(lang, "author.duplicate", idea.Ref(), idea.Title, original.Ref(), original.Title, c.Me.Name())
		case storage.ActReturn, storage.ActReject, storage.ActNotRecognise:
			text += texts.T(lang, "author.reason", d.Reason)
		case storage.ActRecognise:
			r := idea.Recognition
			text = texts.T(lang, "author.recognise", idea.Ref(), idea.Title, r.No, formatDate(r.Date, c.bot.loc), texts.T(lang, "law.level."+r.Level))
		case storage.ActAccept:
			s := idea.Scores
			text += texts.T(lang, "idea.scores", s.Novelty, s.Applicability, s.Benefit, s.Total())
		}
		if d.Action == storage.ActReturn || d.Action == storage.ActDuplicate {
			kb = [][]storage.Button{{{Text: texts.T(lang, "btn.edit"), Data: data(actEdit, strconv.FormatUint(id, 10))}}}
		}
		if err := c.bot.send(c.tx, idea.Author, text, kb, nil); err != nil {
			return err
		}
	}
	switch d.Action {
	case storage.ActRequestRecognition, storage.ActRecognise, storage.ActNotRecognise:
		return afterRecognitionStep(c, idea, d, author, unit)
	case storage.ActEndorse:
		return toDirectors(c, idea, "director.endorsed", unit.Name+" – "+displayName(c.Lang, c.Me))
	case storage.ActAccept:
		if err := c.bot.toGroup(c.tx, "group.accepted", idea.Ref(), idea.Title, c.bot.comradeAhead(c.tx, c.bot.cfg.Org.Language, author), idea.Scores.Total()); err != nil {
			return err
		}
		return toHeads(c, idea, "head.accepted", idea.Ref(), idea.Title)
	case storage.ActReject:
		if withDirectors { // the heads learn what became of what they passed on
			return toHeads(c, idea, "head.rejected", idea.Ref(), idea.Title, d.Reason)
		}
	case storage.ActWithdraw:
		if err := toHeads(c, idea, "head.withdrawn", idea.Ref(), idea.Title, displayName(c.bot.cfg.Org.Language, author)); err != nil {
			return err
		}
		if withDirectors {
			return toDirectors(c, idea, "director.withdrawn", idea.Ref(), idea.Title, displayName(c.bot.cfg.Org.Language, author))
		}
	}
	return nil
}
