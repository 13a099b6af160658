package bot

import (
	"strconv"
	"strings"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// formJoinDecline is a decline of a join request: its reason (or none),
// then the preview of what the person will read, then the confirm.
const formJoinDecline = "joindecline"

// joinDeclineForm is what the form holds: whose request is declined, the
// message of the request (its buttons go once answered), and the reason.
type joinDeclineForm struct {
	UID    string `json:"uid,omitempty"`
	Msg    string `json:"msg,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// joinDeclineStep takes the reason, then the confirm.
func joinDeclineStep(c *Ctx, f storage.Form) error {
	st := formState[joinDeclineForm](f)
	uid, _ := strconv.ParseInt(st.UID, 10, 64)
	who, err := c.tx.ExistingMember(uid)
	if err != nil {
		return err
	}
	if err := c.Me.MayDecideJoin(who); err != nil {
		c.clearForm()
		return err
	}
	unit, err := c.tx.ExistingUnit(who.Unit)
	if err != nil {
		return err
	}
	pressed := formAnswer(c)
	switch f.Step {
	case "reason":
		reason := ""
		if pressed != "skip" {
			if c.Req.CallbackID != "" {
				return c.Answer(c.T("form.stale"), false)
			}
			if reason, err = storage.CheckReason(c.Req.Text); err != nil {
				return err
			}
		}
		// The question's buttons go, whichever way it was answered.
		if msg, _ := strconv.Atoi(st.Msg); msg != 0 {
			if _, err := c.tx.Outbox().Enqueue(storage.Message{Method: storage.MethodEditMarkup, ChatID: c.Req.ChatID, MessageID: msg}); err != nil {
				return err
			}
		}
		f.Step, st.Reason = "confirm", reason
		if err := c.saveForm(f.Kind, f.Step, st); err != nil {
			return err
		}
		told := declinedText(c.bot.langOf(who), unit.Name, reason)
		return c.Reply(c.T("join.confirm_decline", who.FullName, unit.Name, texts.HTML(told)), []storage.Button{
			{Text: c.T("idea.cancel"), Data: data(actForm, "cancel")},
			{Text: c.T("join.decline_confirm"), Data: data(actForm, "ok")},
		})
	case "confirm":
		switch pressed {
		case "cancel":
			if err := c.clearForm(); err != nil {
				return err
			}
			if err := c.Edit(c.T("join.decline_cancelled", who.FullName, unit.Name)); err != nil {
				return err
			}
			// The request shows again as it was, with its buttons.
			if msg, _ := strconv.Atoi(st.Msg); msg != 0 {
				text := c.T("join.request", unit.Name, who.FullName, joinTGName(who), c.bot.at(who.RequestedAt))
				if _, err := c.tx.Outbox().Enqueue(storage.Message{Method: storage.MethodEditText, ChatID: c.Req.ChatID, MessageID: msg, Text: text,
					Keyboard: [][]storage.Button{joinButtons(c.Lang, st.UID)}}); err != nil {
					return err
				}
			}
			return nil
		case "ok":
			m, err := c.tx.DecideJoin(c.Me, uid, false)
			if err != nil {
				return err
			}
			if err := c.clearForm(); err != nil {
				return err
			}
			if err := c.Edit(c.T("join.declined_by", m.FullName, unit.Name, displayName(c.Lang, c.Me), c.bot.at(c.tx.Now()))); err != nil {
				return err
			}
			return c.bot.send(c.tx, uid, declinedText(c.bot.langOf(m), unit.Name, st.Reason), nil, nil)
		}
		if c.Req.CallbackID != "" {
			return c.Answer(c.T("form.stale"), false)
		}
		return c.Reply(c.T("form.choose"))
	}
	return c.Answer(c.T("form.stale"), false)
}

// declinedText is what a declined applicant reads: final, with the reason
// when one was given.
func declinedText(lang, unit, reason string) string {
	text := texts.T(lang, "join.declined", unit)
	if strings.TrimSpace(reason) != "" {
		text += texts.T(lang, "join.declined_reason", reason)
	}
	return text
}
