package bot

import (
	"regexp"
	"strconv"
	"time"

	"thiduabot/storage"
)

// audience is a set of roles a command is for.
type audience uint8

const (
	forGuest audience = 1 << iota
	forStaff
	forHead
	forDirector
	forAdmin

	forMembers = forStaff | forHead | forDirector | forAdmin
	forAll     = forGuest | forMembers
)

// audienceOf is the set of roles a member holds now.
func audienceOf(m storage.Member) audience {
	var a audience
	if m.IsStaff() {
		a |= forStaff
	}
	if m.IsHead("") {
		a |= forHead
	}
	if m.IsDirector() {
		a |= forDirector
	}
	if m.IsAdmin() {
		a |= forAdmin
	}
	if a == 0 {
		a = forGuest
	}
	return a
}

type (
	// handler answers a command, or a tappable record command (/sk_42).
	handler func(*Ctx) error
	// presser answers a pressed button; it gets the data after the action.
	presser func(c *Ctx, data string) error
	// stepper takes one answer to a form.
	stepper func(*Ctx, storage.Form) error
	// preparer does a heavy command's reading in a read transaction of its
	// own, before the update's transaction, so a year's export never holds
	// up other people's writes. What it prepared reaches run in Ctx.
	preparer func(*Bot, *storage.Tx, Request, storage.Member) ([]storage.Message, error)
	// reader does the searching an update of the command needs (a search,
	// the similar-idea check of a form's step) in a read transaction of its
	// own before the update's, so that others' writes never wait on it.
	// form is the sender's open form (Kind "" for none); it returns nil
	// when the update needs nothing read. What it read reaches the handler
	// in Ctx.looked, and a handler that finds nothing there reads itself.
	reader func(b *Bot, tx *storage.Tx, req Request, me storage.Member, form storage.Form) (any, error)
)

// A command is everything about one slash command: who may use it, where,
// its handler, the buttons and forms it owns, and its heavy part. The
// router, /help, the command menus and button dispatch all read the table
// below; nothing else knows a command's name.
type command struct {
	name  string
	who   audience
	group bool // answered in the staff group too
	run   handler

	// record is a tappable command that opens one of the command's
	// records (/sk_42), and open shows it; the id is checked by the pattern.
	record *regexp.Regexp
	open   func(c *Ctx, id string) error

	buttons map[string]presser // button action (see buttons.go) → handler
	forms   map[string]stepper // form kind → its step
	prepare preparer
	// estimate, when set, guesses how long prepare will take, for the
	// person waiting (heavy.go).
	estimate func(*Bot, *storage.Tx, Request) time.Duration
	read     reader

	// periods, when set, are the kinds of period the command is about: in
	// a private chat, the command given none offers them as buttons.
	periods []storage.PeriodKind

	// beforeName: the command answers a person who has not yet given
	// their full name (every other one asks for the name first).
	beforeName bool
	// searches: the command's arguments are words to search for.
	searches bool
	// periodsUnder, with periods, answers at once for the period around
	// now and offers the others as buttons under the answer, instead of
	// asking first.
	periodsUnder bool
}

// commandList is every command, in the order menus and /help show them.
// Button actions and form kinds are unique across the table (a test says
// so). It is filled in init, since /help reads it.
var commandList []command

// The indexes of the table.
var (
	commandsByName = map[string]*command{}
	buttonOwners   = map[string]*command{}
	formOwners     = map[string]*command{}
)

func init() {
	commandList = []command{
		{name: "start", who: forAll, run: cmdStart,
			forms: map[string]stepper{formJoin: joinStep, formName: nameStep}},
		{name: "help", who: forAll, group: true, run: cmdHelp},
		{name: "idea", who: forStaff, run: cmdIdea, read: (*Bot).readIdeaForm,
			buttons: map[string]presser{actEdit: onEditButton},
			forms:   map[string]stepper{formIdea: ideaStep}},
		{name: "ideas", who: forMembers, run: cmdIdeas,
			record: regexp.MustCompile(`^sk_?(\d{1,12})$`), open: openIdea,
			buttons: map[string]presser{actIdeasPage: onIdeasPage}},
		{name: "tim", who: forMembers, run: cmdSearch, read: (*Bot).readSearch, searches: true,
			buttons: map[string]presser{actSearchPage: onSearchPage},
			forms:   map[string]stepper{formSearch: searchStep}},
		{name: "review", who: forHead | forDirector, run: cmdReview,
			buttons: map[string]presser{actReview: onReviewButton},
			forms:   map[string]stepper{formReason: reasonStep, formScore: scoreStep, formDuplicate: duplicateStep, formRecognise: recogniseStep, formOpinion: opinionStep}},
		{name: "progress", who: forStaff, run: cmdProgress,
			buttons: map[string]presser{actProgress: onProgressButton},
			forms:   map[string]stepper{formProgress: progressStep}},
		{name: "waste", who: forMembers, run: cmdWaste,
			record: regexp.MustCompile(`^pa_?(\d{1,12})$`), open: openWaste,
			buttons: map[string]presser{actWaste: onWasteButton, actWasteCase: onWasteCaseButton},
			forms:   map[string]stepper{formWaste: wasteStep, formOutcome: outcomeStep, formAssign: assignStep, formHandle: handleStep}},
		{name: "wastes", who: forAdmin | forDirector, run: cmdWastes},
		{name: "praise", who: forDirector, run: cmdPraise,
			forms: map[string]stepper{formPraise: praiseStep}},
		{name: "leaderboard", who: forMembers, group: true, run: cmdLeaderboard, periods: allPeriods, periodsUnder: true},
		{name: "summary", who: forDirector | forAdmin, run: cmdSummary, periods: allPeriods},
		{name: "export", who: forDirector | forAdmin, run: cmdPrepared, prepare: (*Bot).prepareExport, estimate: estimateExport, periods: allPeriods},
		{name: "commend", who: forDirector | forAdmin, run: cmdPrepared, prepare: (*Bot).prepareCommend, periods: []storage.PeriodKind{storage.Year},
			buttons: map[string]presser{actHonour: onHonourButton},
			forms:   map[string]stepper{formVote: voteStep, formConferral: conferralStep}},
		{name: "report", who: forHead, run: cmdReport,
			buttons: map[string]presser{actReport: onReportButton},
			forms:   map[string]stepper{formReport: reportStep}},
		{name: "deadlines", who: forMembers, run: cmdDeadlines,
			buttons: map[string]presser{actClosePeriod: onCloseButton, actDeadline: onDeadlineButton}},
		{name: "adddeadline", who: forAdmin, run: cmdAddDeadline,
			forms: map[string]stepper{formDeadline: deadlineStep}},
		{name: "invite", who: forHead | forAdmin, run: cmdInvite,
			buttons: map[string]presser{actInvite: onInviteButton}},
		{name: "members", who: forHead | forAdmin, run: cmdMembers,
			record: regexp.MustCompile(`^m_(\d{1,15})$`), open: openMember,
			buttons: map[string]presser{actMember: onMemberButton, actJoin: onJoinButton, actMembersPage: onMembersPage, actPosition: onPositionButton},
			forms:   map[string]stepper{formPosition: positionStep, formJoinDecline: joinDeclineStep}},
		{name: "audit", who: forAdmin, run: cmdAudit},
		{name: "backup", who: forAdmin, run: cmdPrepared, prepare: (*Bot).prepareBackup},
		{name: "lang", who: forAll, run: cmdLang, beforeName: true,
			buttons: map[string]presser{actLang: onLangButton}},
		{name: "mydata", who: forAll, run: cmdMyData, prepare: (*Bot).prepareMyData,
			buttons: map[string]presser{actMyData: onMyDataButton},
			forms:   map[string]stepper{formNameFix: nameFixStep}},
		{name: "cancel", who: forAll, run: cmdCancel},
		{name: "dangky", who: forMembers, run: cmdDangky,
			buttons: map[string]presser{actRegister: onRegisterButton},
			forms:   map[string]stepper{formRegister: registerStep}},
		{name: "hatang", who: forMembers, run: cmdHatang,
			buttons: map[string]presser{actHatang: onHatangButton}},
		{name: "infra", who: forMembers, run: cmdHatang},
		{name: "addwork", who: forAdmin, run: cmdAddWork,
			forms: map[string]stepper{formWork: workStep}},
	}
	for i := range commandList {
		c := &commandList[i]
		commandsByName[c.name] = c
		for action := range c.buttons {
			buttonOwners[action] = c
		}
		for kind := range c.forms {
			formOwners[kind] = c
		}
	}
}

// allPeriods are a month, a quarter and a year.
var allPeriods = []storage.PeriodKind{storage.Month, storage.Quarter, storage.Year}

// recordID reads the numeric id a record pattern matched.
func recordID(id string) uint64 {
	n, _ := strconv.ParseUint(id, 10, 64)
	return n
}
