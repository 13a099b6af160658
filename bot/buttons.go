package bot

import (
	"fmt"
	"strings"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// A button's data is an action and its arguments, joined by ":", such as
// "r:e:42" (review: endorse idea 42). Only this file knows the format.
// The actions name their owner in the command table (commands.go).
const (
	actForm        = "f"  // an answer to the open form
	actJoin        = "j"  // a join request: approve or decline
	actMember      = "m"  // a member's card
	actLang        = "l"  // a language
	actReview      = "r"  // a decision on an idea
	actEdit        = "e"  // edit a returned idea
	actProgress    = "g"  // report progress on an idea
	actWaste       = "w"  // handle a waste report
	actReport      = "rp" // report for a period
	actClosePeriod = "dc" // close a period
	actDeadline    = "dl" // correct or delete a single deadline
	actIdeasPage   = "i"  // another page of a listing
	actPeriod      = "p"  // a period for a command: p:summary:Q4/2026
	actInvite      = "iv" // an invite link for a unit
	actMembersPage = "mb" // a unit's members (or everyone's), a page
	actMyData      = "md" // a request about one's personal data
	actSearchPage  = "q"  // another page of a search: q:10:tiet kiem dien
	actPosition    = "ps" // correct a member's position (chức vụ)
	actHonour      = "hv" // the council's vote, the decisions, the honour roll: hv:c:2026:m5001
	actRegister    = "dk" // đăng ký thi đua: dk:u:VP, dk:m
	actWasteCase   = "wc" // a waste case handled to the end: wc:a:7, wc:u:7:TT, wc:h:7, wc:P:0
)

// maxButtonData is Telegram's limit on callback_data, in bytes.
const maxButtonData = 64

// data encodes a button's action and arguments.
func data(action string, args ...string) string {
	return strings.Join(append([]string{action}, args...), ":")
}

// parseData splits a pressed button's data into its action and the rest,
// which the action's handler reads.
func parseData(s string) (action, rest string) {
	action, rest, _ = strings.Cut(s, ":")
	return action, rest
}

// formAnswer is what a form's button answered ("" for a typed answer).
func formAnswer(c *Ctx) string {
	if action, rest := parseData(c.Req.Data); action == actForm {
		return rest
	}
	return ""
}

// awaitConfirm reads the answer to a preview's confirm buttons: a
// cancel leaves the form, anything but the confirm asks again; answered
// says it has answered (then err is its reply's), and false that the
// person confirmed.
func awaitConfirm(c *Ctx) (answered bool, err error) {
	switch formAnswer(c) {
	case "ok":
		return false, nil
	case "cancel":
		return true, c.leaveForm()
	}
	return true, c.Reply(c.T("form.choose"), confirmButtons(c.Lang)...)
}

// checkKeyboard refuses a keyboard Telegram would refuse: a button whose
// data is too long is a bug, found before the message is stored.
func checkKeyboard(kb [][]storage.Button) error {
	for _, row := range kb {
		for _, btn := range row {
			if len(btn.Data) > maxButtonData {
				return fmt.Errorf("bot: button %q: data %q over %d bytes", btn.Text, btn.Data, maxButtonData)
			}
		}
	}
	return nil
}

// RemoveButtons takes the buttons off the message whose button was pressed.
func (c *Ctx) RemoveButtons() error {
	if c.Req.MessageID == 0 || c.buttonsOff {
		return nil
	}
	c.buttonsOff = true
	_, err := c.tx.Outbox().Enqueue(storage.Message{Method: storage.MethodEditMarkup, ChatID: c.Req.ChatID, MessageID: c.Req.MessageID})
	return err
}

func keepButton(lang string) []storage.Button {
	return []storage.Button{{Text: texts.T(lang, "btn.keep"), Data: data(actForm, "keep")}}
}

func skipButton(c *Ctx) []storage.Button {
	return []storage.Button{{Text: c.T("btn.skip"), Data: data(actForm, "skip")}}
}

func confirmButtons(lang string) [][]storage.Button {
	return confirmButtonsAs(lang, "idea.send")
}

// confirmButtonsAs are a form's confirm and cancel, the confirm saying the
// act it does: "✅ Đăng" for a post, "✅ Gửi đề nghị" for a request.
func confirmButtonsAs(lang, key string) [][]storage.Button {
	return [][]storage.Button{{{Text: texts.T(lang, key), Data: data(actForm, "ok")}, {Text: texts.T(lang, "idea.cancel"), Data: data(actForm, "cancel")}}}
}
