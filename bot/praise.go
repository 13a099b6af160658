package bot

import (
	"strconv"
	"strings"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// formPraise is the form of a praise: whom, then why.
const formPraise = "praise"

// praiseForm is what the form of a praise holds: the member praised (their
// user id) or the unit, and the reason.
type praiseForm struct {
	Member string `json:"member,omitempty"`
	Unit   string `json:"unit,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// cmdPraise lets a director praise a member or a unit in public.
func cmdPraise(c *Ctx) error {
	if err := c.saveForm(formPraise, "whom", praiseForm{}); err != nil {
		return err
	}
	return c.Reply(c.T("praise.whom"), []storage.Button{{Text: c.T("btn.person"), Data: data(actForm, "person")}, {Text: c.T("btn.unit"), Data: data(actForm, "unit")}})
}

// praiseStep: whom (a person, found by name, or a unit) → reason.
func praiseStep(c *Ctx, f storage.Form) error {
	st := formState[praiseForm](f)
	pressed := formAnswer(c)
	typed := strings.TrimSpace(c.Req.Text)
	if c.Req.CallbackID != "" {
		typed = ""
		if err := c.RemoveButtons(); err != nil {
			return err
		}
	}
	save := func(step, prompt string, kb ...[]storage.Button) error {
		f.Step = step
		if err := c.saveForm(f.Kind, f.Step, st); err != nil {
			return err
		}
		return c.Reply(prompt, kb...)
	}
	switch {
	case f.Step == "whom" && pressed == "unit":
		units, err := c.tx.Units()
		if err != nil {
			return err
		}
		var kb [][]storage.Button
		for _, u := range units {
			kb = append(kb, []storage.Button{{Text: u.Name, Data: data(actForm, "u", u.Code)}})
		}
		return save("pick", c.T("praise.pick_unit"), kb...)
	case f.Step == "whom" && pressed == "person":
		return save("name", c.T("praise.ask_name"))
	case f.Step == "name" && typed != "":
		matches, err := findMembers(c.tx, typed, 8)
		if err != nil {
			return err
		}
		if len(matches) == 0 {
			return c.Reply(c.T("praise.no_match", typed))
		}
		var kb [][]storage.Button
		for _, m := range matches {
			unit, _, _ := c.tx.Unit(m.Unit)
			kb = append(kb, []storage.Button{{Text: truncate(displayName(c.Lang, m)+" – "+unit.Code, 60), Data: data(actForm, "m", strconv.FormatInt(m.UserID, 10))}})
		}
		return save("pick", c.T("praise.pick_person"), kb...)
	case f.Step == "pick" && strings.HasPrefix(pressed, "u:"):
		st.Unit = strings.TrimPrefix(pressed, "u:")
		return save("reason", c.T("praise.ask_reason", storage.MaxReasonLen))
	case f.Step == "pick" && strings.HasPrefix(pressed, "m:"):
		st.Member = strings.TrimPrefix(pressed, "m:")
		return save("reason", c.T("praise.ask_reason", storage.MaxReasonLen))
	case f.Step == "reason" && typed != "":
		// A praise is public: previewed, and posted only once confirmed.
		reason, err := storage.CheckReason(typed)
		if err != nil {
			return err
		}
		whom, err := praised(c, st)
		if err != nil {
			return err
		}
		st.Reason = reason
		return save("confirm", c.T("praise.preview", whom, reason), confirmButtonsAs(c.Lang, "btn.post")...)
	case f.Step == "confirm" && pressed == "cancel":
		return c.leaveForm()
	case f.Step == "confirm" && pressed == "ok":
		if err := c.RemoveButtons(); err != nil {
			return err
		}
		member, _ := strconv.ParseInt(st.Member, 10, 64)
		p, err := c.tx.AddPraise(c.Me, storage.Praise{Member: member, Unit: st.Unit, Reason: st.Reason})
		if err != nil {
			return err
		}
		if err := c.clearForm(); err != nil {
			return err
		}
		var whom, post string
		if p.Member != 0 {
			m, _, err := c.tx.Member(p.Member)
			if err != nil {
				return err
			}
			unit, _, _ := c.tx.Unit(m.Unit)
			whom = displayName(c.Lang, m) + " (" + unit.Name + ")"
			post = texts.T(c.bot.cfg.Org.Language, "law.group.praise_member", c.bot.comradeAhead(c.tx, c.bot.cfg.Org.Language, c.Me), c.bot.comrade(c.tx, c.bot.cfg.Org.Language, m), p.Reason)
			if err := c.bot.tell(c.tx, p.Member, "praise.you", displayName(c.Lang, c.Me), p.Reason); err != nil {
				return err
			}
		} else {
			unit, _, _ := c.tx.Unit(p.Unit)
			whom = unit.Name
			heads, err := c.tx.UnitHeads(p.Unit)
			if err != nil {
				return err
			}
			for _, h := range heads {
				if err := c.bot.tell(c.tx, h.UserID, "praise.your_unit", unit.Name, displayName(c.Lang, c.Me), p.Reason); err != nil {
					return err
				}
			}
		}
		if post == "" {
			post = texts.T(c.bot.cfg.Org.Language, "law.group.praise_unit", c.bot.comradeAhead(c.tx, c.bot.cfg.Org.Language, c.Me), whom, p.Reason)
		}
		if c.bot.cfg.Telegram.GroupChatID != 0 {
			if err := c.bot.send(c.tx, c.bot.cfg.Telegram.GroupChatID, post, nil, nil); err != nil {
				return err
			}
		}
		return c.Reply(c.T("praise.done", whom))
	}
	if c.Req.CallbackID != "" {
		return c.Answer(c.T("form.stale"), false)
	}
	if f.Step == "confirm" {
		return c.Reply(c.T("form.choose"), confirmButtonsAs(c.Lang, "btn.post")...)
	}
	return storage.Errorf(storage.EInvalid, reasonTextExpected)
}

// praised names whom a praise form is about: a member with their unit, or
// a unit.
func praised(c *Ctx, st praiseForm) (string, error) {
	if st.Member != "" {
		id, _ := strconv.ParseInt(st.Member, 10, 64)
		m, err := c.tx.ExistingMember(id)
		if err != nil {
			return "", err
		}
		unit, _, _ := c.tx.Unit(m.Unit)
		return displayName(c.Lang, m) + " (" + unit.Name + ")", nil
	}
	unit, err := c.tx.ExistingUnit(st.Unit)
	return unit.Name, err
}

// findMembers finds active members whose name contains q, ignoring case.
func findMembers(tx *storage.Tx, q string, limit int) ([]storage.Member, error) {
	q = strings.ToLower(q)
	var out []storage.Member
	err := tx.Members(func(m storage.Member) bool {
		if m.IsStaff() && strings.Contains(strings.ToLower(m.Name()), q) {
			out = append(out, m)
		}
		return len(out) < limit
	})
	return out, err
}
