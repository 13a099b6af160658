package bot

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// /addwork: an admin adds a work (công trình, dự án) in chat: its code,
// its name, the unit responsible (buttons), the total investment, the part
// from outside the state budget, its milestones one a line, a preview,
// then a confirm. Nothing is stored before the confirm.

// formWork is the form of a work added in chat.
const formWork = "work"

// milestoneLine is one milestone as typed: "15/03/2026 Khởi công".
var milestoneLine = regexp.MustCompile(`^\s*(\d{1,2}/\d{1,2}/\d{4})\s+(.+?)\s*$`)

// workCode is a work's code as typed: capitals, digits and _.
var workCode = regexp.MustCompile(`^[A-Z][A-Z0-9_]{0,15}$`)

// workForm is what the form of a work holds; the sums are whole dong and
// the milestones one a line, as in the preview.
type workForm struct {
	Code       string `json:"code,omitempty"`
	Name       string `json:"name,omitempty"`
	Unit       string `json:"unit,omitempty"`
	Investment string `json:"investment,omitempty"`
	Outside    string `json:"outside,omitempty"`
	Milestones string `json:"milestones,omitempty"`
}

// cmdAddWork opens the form.
func cmdAddWork(c *Ctx) error {
	if err := c.saveForm(formWork, "code", workForm{}); err != nil {
		return err
	}
	return c.Reply(c.T("work.ask_code"))
}

// workStep takes one answer of the form.
func workStep(c *Ctx, f storage.Form) error {
	st := formState[workForm](f)
	pressed := formAnswer(c)
	text := strings.TrimSpace(c.Req.Text)
	if c.Req.CallbackID != "" && f.Step != "unit" && f.Step != "confirm" {
		return c.Answer(c.T("form.stale"), false)
	}
	switch f.Step {
	case "code":
		code := strings.ToUpper(text)
		if !workCode.MatchString(code) {
			return c.Reply(c.T("work.bad_code"))
		}
		if _, ok, err := c.tx.Work(code); err != nil {
			return err
		} else if ok {
			return storage.Errorf(storage.EConflict, storage.ReasonWorkCodeTaken, code)
		}
		st.Code = code
		return saveStep(c, f.Kind, st, "name", c.T("work.ask_name", storage.MaxTitleLen))
	case "name":
		name, err := storage.CheckTitle(text)
		if err != nil {
			return err
		}
		st.Name = name
		units, err := c.tx.Units()
		if err != nil {
			return err
		}
		var kb [][]storage.Button
		for _, u := range units {
			kb = append(kb, []storage.Button{{Text: truncate(u.Name, 60), Data: data(actForm, "u", u.Code)}})
		}
		return saveStep(c, f.Kind, st, "unit", c.T("work.ask_unit"), kb...)
	case "unit":
		code, ok := strings.CutPrefix(pressed, "u:")
		if !ok {
			return c.Reply(c.T("form.choose"))
		}
		u, err := c.tx.ExistingUnit(code)
		if err != nil {
			return err
		}
		if err := c.RemoveButtons(); err != nil {
			return err
		}
		st.Unit = u.Code
		return saveStep(c, f.Kind, st, "investment", c.T("work.ask_investment"))
	case "investment", "outside":
		v, err := storage.ParseVND(text)
		if err != nil {
			return err
		}
		if f.Step == "investment" {
			st.Investment = strconv.FormatInt(v, 10)
			return saveStep(c, f.Kind, st, "outside", c.T("work.ask_outside"))
		}
		total, _ := strconv.ParseInt(st.Investment, 10, 64)
		if v > total {
			return c.Reply(c.T("work.outside_over", texts.Money(total)))
		}
		st.Outside = strconv.FormatInt(v, 10)
		return saveStep(c, f.Kind, st, "milestones", c.T("work.ask_milestones"))
	case "milestones":
		ms, bad := parseMilestones(text, c.bot.loc)
		if bad != "" {
			return c.Reply(c.T("work.bad_milestones", bad))
		}
		var lines []string
		for _, m := range ms {
			lines = append(lines, m.Due.Format("02/01/2006")+" "+m.Name)
		}
		st.Milestones = strings.Join(lines, "\n")
		w := c.bot.formWork(st)
		preview := c.T("work.preview", w.Code, w.Name, w.Unit, texts.Money(w.Investment), texts.Money(w.OutsideBudget), texts.Money(w.Budget), st.Milestones)
		return saveStep(c, f.Kind, st, "confirm", preview, []storage.Button{{Text: c.T("btn.work_add"), Data: data(actForm, "ok")}, {Text: c.T("idea.cancel"), Data: data(actForm, "cancel")}})
	case "confirm":
		switch pressed {
		case "cancel":
			return c.leaveForm()
		case "ok":
			w, err := c.tx.AddWork(c.Me, c.bot.formWork(st))
			if err != nil {
				return err
			}
			if err := c.clearForm(); err != nil {
				return err
			}
			if err := c.RemoveButtons(); err != nil {
				return err
			}
			return c.Reply(c.T("work.added", w.Name, w.Code))
		}
		return c.Reply(c.T("form.choose"))
	}
	return c.Answer(c.T("form.stale"), false)
}

// formWork is the work the form describes.
func (o *office) formWork(st workForm) storage.Work {
	inv, _ := strconv.ParseInt(st.Investment, 10, 64)
	out, _ := strconv.ParseInt(st.Outside, 10, 64)
	ms, _ := parseMilestones(st.Milestones, o.loc)
	return storage.Work{Code: st.Code, Name: st.Name, Unit: st.Unit, Investment: inv, OutsideBudget: out, Budget: inv - out, Milestones: ms}
}

// parseMilestones reads milestones typed one a line, "dd/mm/yyyy name",
// in date order; bad names the first line it cannot take.
func parseMilestones(text string, loc *time.Location) (ms []storage.Milestone, bad string) {
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		m := milestoneLine.FindStringSubmatch(line)
		if m == nil {
			return nil, line
		}
		due, err := time.ParseInLocation("2/1/2006", m[1], loc)
		if err != nil || (len(ms) > 0 && due.Before(ms[len(ms)-1].Due)) || len([]rune(m[2])) > 100 {
			return nil, line
		}
		ms = append(ms, storage.Milestone{Name: m[2], Due: due})
	}
	if len(ms) == 0 {
		return nil, "—"
	}
	return ms, ""
}
