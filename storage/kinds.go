package storage

import (
	"slices"
	"strconv"
	"strings"
)

// Kind describes one kind of record the movement keeps: how people name
// one, the buckets it lives in, and where it shows — its sheet in the
// workbook, its section of /mydata, its audit actions, what an erasure
// does to it. A new kind is declared here once; the tests take their lists
// from Kinds, so a kind left out of /mydata, the erasure, the audit or the
// export fails a test before it ships.
type Kind struct {
	// Name is the kind's name, and the prefix of its audit actions
	// ("idea" for "idea.submit") unless Audit names others.
	Name string
	// Audit are the prefixes of its audit actions, when not its Name.
	Audit []string
	// Prefix makes its refs, as people write them (SK-42); Command its
	// tappable command (/sk_42). Empty for kinds not named that way.
	Prefix, Command string
	// Sheet is the text key of its sheet in the workbook (/export), or
	// empty with NoSheet saying why it has none.
	Sheet, NoSheet string
	// MyData is the text key of its section in /mydata, or empty with
	// NotPersonal saying why it holds nothing about a person.
	MyData, NotPersonal string
	// Erasure says what Anonymise does to a person's records of the kind
	// (TestAnonymise_LeavesTheNameNowhere checks that no name stays).
	Erasure string

	buckets [][]byte
}

// Audits reports whether action is one of the kind's audit actions.
func (k Kind) Audits(action AuditAction) bool {
	prefix, _, _ := strings.Cut(string(action), ".")
	if len(k.Audit) == 0 {
		return prefix == k.Name
	}
	return slices.Contains(k.Audit, prefix)
}

// Ref is the ref of the record id, as people write it: SK-42.
func (k Kind) Ref(id uint64) string { return k.Prefix + "-" + strconv.FormatUint(id, 10) }

// Link is the tappable command that opens record id: /sk_42.
func (k Kind) Link(id uint64) string { return "/" + k.Command + "_" + strconv.FormatUint(id, 10) }

// The kinds of record.
var (
	KindMember = Kind{Name: "member", Audit: []string{"member", "join"}, MyData: "mydata.member", Sheet: "x.sheet_board",
		Erasure: "names, Telegram handle, language and any name asked for are cleared; the record stays, inactive, for the unit's figures",
		buckets: [][]byte{bucketMembers, bucketMembersUnit, bucketRoles}}
	KindUnit = Kind{Name: "unit", Sheet: "x.sheet_board", NotPersonal: "an organisation's unit, from the configuration",
		Erasure: "not personal", buckets: [][]byte{bucketUnits}}
	KindInvite = Kind{Name: "invite", NoSheet: "a link to join, not a result of the movement",
		NotPersonal: "made by a head, names only the unit", Erasure: "not personal", buckets: [][]byte{bucketInvites}}
	KindIdea = Kind{Name: "idea", Prefix: "SK", Command: "sk", Sheet: "x.sheet_ideas", MyData: "mydata.ideas",
		Erasure: "kept, credited to the unit: the author is shown as anonymised",
		buckets: [][]byte{bucketIdeas, bucketIdeasAuthor, bucketIdeasUnit, bucketIdeasStatus, bucketTagged}}
	KindProgress = Kind{Name: "progress", Sheet: "x.sheet_progress", MyData: "mydata.ideas",
		Erasure: "kept with its idea", buckets: [][]byte{bucketProgress}}
	KindWaste = Kind{Name: "waste", Prefix: "PA", Sheet: "x.sheet_waste", MyData: "mydata.wastes",
		Erasure: "kept: the reporter was never shown, and is now anonymised", buckets: [][]byte{bucketWaste}}
	KindPraise = Kind{Name: "praise", NoSheet: "counted in the points of the leaderboard sheet", MyData: "mydata.praises",
		Erasure: "kept with the anonymised member", buckets: [][]byte{bucketPraise}}
	KindPoints = Kind{Name: "points", Sheet: "x.sheet_board", MyData: "mydata.points",
		Erasure: "kept: numbers under the member's id", buckets: [][]byte{bucketPoints}}
	KindDeadline = Kind{Name: "deadline", Audit: []string{"deadline", "period"}, Sheet: "x.sheet_reports", NotPersonal: "the organisation's reporting calendar",
		Erasure: "not personal", buckets: [][]byte{bucketDeadlines, bucketPeriods, bucketReminders}}
	KindReport = Kind{Name: "report", Sheet: "x.sheet_reports", NotPersonal: "a unit's report",
		Erasure: "not personal", buckets: [][]byte{bucketReports}}
	KindForm = Kind{Name: "form", NoSheet: "half-typed, not yet anything", MyData: "mydata.form",
		Erasure: "dropped", buckets: [][]byte{bucketForms}}
	KindHonour = Kind{Name: "honour", NoSheet: "in /commend's workbook, beside the proposal", MyData: "law.mydata.honours",
		Erasure: "kept: the decision names the person by id, and the name went with the member record",
		buckets: [][]byte{bucketHonours}}
	KindRegister = Kind{Name: "register", NoSheet: "in /commend's workbook, as the register", MyData: "mydata.registrations",
		Erasure: "kept: by id, as the year's register", buckets: [][]byte{bucketRegister}}
	KindIndicator = Kind{Name: "indicator", Sheet: "x.sheet_indicators",
		NotPersonal: "a unit's indicator, its targets and reported values; the head who reported is kept by id",
		Erasure:     "not personal", buckets: [][]byte{bucketIndicators, bucketTargets, bucketIndicatorReports}}
	KindWork = Kind{Name: "work", Sheet: "x.sheet_works",
		NotPersonal: "a unit's work and its reports; the head who reported is kept by id",
		Erasure:     "not personal", buckets: [][]byte{bucketWorks, bucketWorkReports}}
	KindAudit = Kind{Name: "audit", NoSheet: "read in /audit", MyData: "mydata.audit",
		Erasure: "kept: entries name people by id only", buckets: [][]byte{bucketAudit}}
)

// Kinds lists every kind of record.
var Kinds = []Kind{KindMember, KindUnit, KindInvite, KindIdea, KindProgress, KindWaste, KindPraise,
	KindPoints, KindDeadline, KindReport, KindForm, KindAudit, KindHonour, KindRegister,
	KindIndicator, KindWork}

// systemBuckets hold no record of the movement, only the machinery's own
// state, and why.
var systemBuckets = map[string][]byte{
	"the schema version and the scoring stamp":                         bucketMeta,
	"figures kept up to date (stats.go)":                               bucketStats,
	"messages to send, then forgotten (outbox.go)":                     bucketOutbox,
	"messages Telegram refused, kept for the operators":                bucketUndelivered,
	"who could not be reached this round, by id":                       bucketUnreachable,
	"rounds of reminders in flight":                                    bucketRounds,
	"the ids of updates already applied":                               bucketUpdates,
	"the ideas' words, rebuilt from the ideas (search.go)":             bucketSearch,
	"messages set aside, never to be sent (deadletter.go)":             bucketDeadLetters,
	"kinds of set-aside message the operators were told of":            bucketDeadTold,
	"the outbox by chat, for the sender's window":                      bucketOutboxChat,
	"replies and notices queued behind a backlog":                      bucketOutboxUrgent,
	"new ideas waiting for their words to be indexed (searchqueue.go)": bucketSearchQueue,
}

// IdeaRef is idea id's ref: SK-42.
func IdeaRef(id uint64) string { return KindIdea.Ref(id) }

// WasteRef is waste report id's ref: PA-7.
func WasteRef(id uint64) string { return KindWaste.Ref(id) }

// buckets is every bucket Open makes: each kind's, and the system's.
func buckets() [][]byte {
	var out [][]byte
	for _, k := range Kinds {
		out = append(out, k.buckets...)
	}
	for _, b := range systemBuckets {
		out = append(out, b)
	}
	return out
}
