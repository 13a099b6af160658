package bot

import (
	"strconv"
	"strings"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// cmdAudit shows the latest changes in words: when, who, what, to whom;
// refusals too.
func cmdAudit(c *Ctx) error {
	entries, err := c.tx.LatestAudit(40)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return c.Reply(c.T("audit.none"))
	}
	var text strings.Builder
	text.WriteString(c.T("audit.title"))
	for _, e := range entries {
		line, err := c.bot.auditLine(c.tx, c.Lang, e)
		if err != nil {
			return err
		}
		// A part an entry does not have (the unit of a request declined,
		// a button with no arguments) leaves no empty brackets.
		line = strings.ReplaceAll(line, " ()", "")
		text.WriteString("\n" + line)
	}
	return c.Reply(text.String())
}

// auditLine says one audit entry as a sentence: "09:12 28/11/2026 – Trần
// Văn B duyệt Nguyễn Văn An vào Văn phòng Sở". The records it names are
// read for their names; an entry of a kind this version does not know is
// still shown, as it was stored.
func (o *office) auditLine(tx *storage.Tx, lang string, e storage.AuditEntry) (string, error) {
	actor, _, err := tx.Member(e.Actor)
	if err != nil {
		return "", err
	}
	who := displayName(lang, actor)
	when := texts.FormatTime(lang, e.At, o.loc) + " – "
	if e.Refused {
		return when + texts.T(lang, "audit.refused", who, o.refusedWhat(lang, e.Detail)), nil
	}
	object := o.auditObject(tx, lang, e.Object)
	say, ok := auditSentences[e.Action]
	if !ok {
		return when + who + " " + string(e.Action) + " " + e.Object + " " + e.Detail, nil
	}
	var args []any
	switch say.shape {
	case auditWho:
		args = []any{who}
	case auditObject:
		args = []any{who, object}
	case auditObjectDetail:
		args = []any{who, object, truncate(e.Detail, 80)}
	case auditDetail:
		args = []any{who, e.Detail}
	case auditObjectUnit:
		args = []any{who, object, o.auditObject(tx, lang, "unit:"+e.Detail)}
	case auditObjectState:
		args = []any{who, object, texts.T(lang, say.state(e.Detail))}
	case auditPeriodUnit:
		period := e.Object
		if p, err := tx.Period(e.Object); err == nil {
			period = p.Name + " (" + texts.FormatTime(lang, p.Due, o.loc) + ")"
		}
		args = []any{who, period, o.auditObject(tx, lang, "unit:"+e.Detail)}
	}
	return when + texts.T(lang, say.key, args...), nil
}

// auditShape is what an audit sentence says beside who acted.
type auditShape int

const (
	auditWho          auditShape = iota // who alone: "%s đồng ý …"
	auditObject                         // who and the record
	auditObjectDetail                   // who, the record and the entry's detail (a reason)
	auditDetail                         // who and the detail (a deadline's name)
	auditObjectUnit                     // who, the record and the unit its detail names
	auditObjectState                    // who, the record and a state named by text
	auditPeriodUnit                     // who, the period (its object) and the unit
)

// auditSentence is how /audit says one action: its text and its shape.
type auditSentence struct {
	key   string
	shape auditShape
	// state names the text of the state an auditObjectState entry's
	// detail or action moves to.
	state func(detail string) string
}

// auditSentences says every action of storage.AuditActions (the refused
// one is said apart, by auditLine).
var auditSentences = map[storage.AuditAction]auditSentence{
	storage.AuditIdeaSubmit:     {key: "audit.idea.submit", shape: auditObject},
	storage.AuditIdeaEndorse:    {key: "audit.idea.endorse", shape: auditObject},
	storage.AuditIdeaAccept:     {key: "audit.idea.accept", shape: auditObject},
	storage.AuditIdeaWithdraw:   {key: "audit.idea.withdraw", shape: auditObject},
	storage.AuditIdeaResubmit:   {key: "audit.idea.resubmit", shape: auditObject},
	storage.AuditWasteReport:    {key: "audit.waste.report", shape: auditObject},
	storage.AuditIdeaReturn:     {key: "audit.idea.return", shape: auditObjectDetail},
	storage.AuditIdeaReject:     {key: "audit.idea.reject", shape: auditObjectDetail},
	storage.AuditIdeaProgress:   {key: "audit.idea.progress", shape: auditObjectDetail},
	storage.AuditPraise:         {key: "audit.praise", shape: auditObjectDetail},
	storage.AuditWasteChecking:  {key: "audit.waste.move", shape: auditObjectState, state: func(string) string { return "waste.checking" }},
	storage.AuditWasteHandled:   {key: "audit.waste.move", shape: auditObjectState, state: func(string) string { return "waste.handled" }},
	storage.AuditWasteDismissed: {key: "audit.waste.move", shape: auditObjectState, state: func(string) string { return "waste.dismissed" }},
	storage.AuditInviteCreate:   {key: "audit.invite.create", shape: auditObject},
	storage.AuditJoinApprove:    {key: "audit.join.approve", shape: auditObjectUnit},
	storage.AuditJoinDecline:    {key: "audit.join.decline", shape: auditObjectUnit},
	storage.AuditMemberDeact:    {key: "audit.member.deactivate", shape: auditObjectUnit},
	storage.AuditMemberMove:     {key: "audit.member.move", shape: auditObjectUnit},
	storage.AuditMemberAnon:     {key: "audit.member.anonymise", shape: auditObjectUnit},
	storage.AuditMemberConsent:  {key: "audit.member.consent", shape: auditWho},
	storage.AuditMemberAskName:  {key: "audit.member.ask_name", shape: auditWho},
	storage.AuditMemberAskErase: {key: "audit.member.ask_erase", shape: auditWho},
	storage.AuditMemberRename:   {key: "audit.member.rename", shape: auditObject},
	storage.AuditMemberKeepName: {key: "audit.member.keep_name", shape: auditObject},
	storage.AuditMemberRole:     {key: "audit.member.role", shape: auditObjectState, state: roleText},
	storage.AuditDeadlineAdd:    {key: "audit.deadline.add", shape: auditDetail},
	storage.AuditDeadlineFix:    {key: "audit.deadline.correct", shape: auditDetail},
	storage.AuditDeadlineDelete: {key: "audit.deadline.delete", shape: auditDetail},
	storage.AuditPeriodClose:    {key: "audit.period.close", shape: auditPeriodUnit},
	storage.AuditReportSubmit:   {key: "audit.report.submit", shape: auditPeriodUnit},

	storage.AuditIdeaAskRecognition: {key: "audit.idea.request_recognition", shape: auditObject},
	storage.AuditIdeaRecognise:      {key: "audit.idea.recognise", shape: auditObjectDetail},
	storage.AuditIdeaNotRecognise:   {key: "audit.idea.not_recognise", shape: auditObjectDetail},
	storage.AuditIdeaOpinion:        {key: "audit.idea.opinion", shape: auditObjectDetail},
	storage.AuditIdeaDuplicate:      {key: "audit.idea.duplicate", shape: auditObjectDetail},
	storage.AuditMemberPosition:     {key: "audit.member.position", shape: auditObjectDetail},
	storage.AuditHonourVote:         {key: "audit.honour.vote", shape: auditObjectDetail},
	storage.AuditHonourDecide:       {key: "audit.honour.decide", shape: auditObjectDetail},
	storage.AuditHonourRoll:         {key: "audit.honour.roll", shape: auditObject},
	storage.AuditRegister:           {key: "audit.register", shape: auditObjectDetail},
	storage.AuditWasteAssign:        {key: "audit.waste.assign", shape: auditObjectDetail},
	storage.AuditWasteRegister:      {key: "audit.waste.register", shape: auditObjectDetail},
	storage.AuditMemberWithdraw:     {key: "audit.member.withdraw_consent", shape: auditWho},
	storage.AuditIndicatorReport:    {key: "audit.indicator.report", shape: auditObjectDetail},
	storage.AuditWorkAdd:            {key: "audit.work.add", shape: auditObjectDetail},
	storage.AuditWorkReport:         {key: "audit.work.report", shape: auditObjectDetail},
}

// roleText names the role an audit entry gave.
func roleText(role string) string {
	return map[string]string{string(storage.RoleHead): "audit.role.head", string(storage.RoleStaff): "audit.role.staff"}[role]
}

// auditObject names the record an entry is about: a member by name, a
// unit by its name, an idea or a waste report by its ref.
func (o *office) auditObject(tx *storage.Tx, lang, ref string) string {
	kind, id, ok := strings.Cut(ref, ":")
	if !ok {
		if u, found, err := tx.Unit(ref); err == nil && found {
			return u.Name
		}
		return ref
	}
	switch kind {
	case "member":
		n, _ := strconv.ParseInt(id, 10, 64)
		if m, found, err := tx.Member(n); err == nil && found {
			return displayName(lang, m)
		}
	case "unit":
		if u, found, err := tx.Unit(id); err == nil && found {
			return u.Name
		}
		return id
	}
	return ref
}

// refusedWhat says what a refused person tried: a command, or a button of
// a command's card.
func (o *office) refusedWhat(lang, detail string) string {
	if data, ok := strings.CutPrefix(detail, "button "); ok {
		action, rest := parseData(data)
		if cmd, ok := buttonOwners[action]; ok {
			return texts.T(lang, "audit.refused_button", "/"+cmd.name, rest)
		}
		return texts.T(lang, "audit.refused_button", "?", data)
	}
	return texts.T(lang, "audit.refused_command", "/"+detail)
}
