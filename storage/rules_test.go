package storage_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"testing"
	"time"

	"thiduabot/storage"
)

// People of the rules' tables: a unit VP with a head, two staff and a head
// who left; another unit's head; a director and an admin from the
// configuration.
var (
	ruleAuthor    = storage.Member{UserID: 5001, Unit: "VP", Role: storage.RoleStaff, Status: storage.StatusActive}
	ruleColleague = storage.Member{UserID: 5002, Unit: "VP", Role: storage.RoleStaff, Status: storage.StatusActive}
	ruleHead      = storage.Member{UserID: 2001, Unit: "VP", Role: storage.RoleHead, Status: storage.StatusActive}
	ruleOtherHead = storage.Member{UserID: 2002, Unit: "CNTT", Role: storage.RoleHead, Status: storage.StatusActive}
	ruleFormer    = storage.Member{UserID: 2003, Unit: "VP", Role: storage.RoleHead, Status: storage.StatusInactive}
	ruleDirector  = storage.Member{UserID: 1002, Director: true, Status: storage.StatusActive}
	ruleAdmin     = storage.Member{UserID: 1001, Admin: true, Status: storage.StatusActive}
	ruleGuest     = storage.Member{UserID: 9001}
)

// outcome writes what a rule says as one letter: '.' allowed, 'F'
// forbidden (not theirs to do), 'C' conflict (theirs, not from this
// state), '?' anything else.
func outcome(err error) byte {
	switch storage.ErrorCode(err) {
	case "":
		return '.'
	case storage.EForbidden:
		return 'F'
	case storage.EConflict:
		return 'C'
	}
	return '?'
}

// Actions on an idea beside the decisions: the author's edit and progress.
const (
	actResubmit = "resubmit"
	actProgress = "progress"
)

var ideaActions = []string{storage.ActEndorse, storage.ActReturn, storage.ActReject, storage.ActAccept, storage.ActWithdraw, actResubmit, actProgress, storage.ActDuplicate,
	storage.ActRequestRecognition, storage.ActRecognise, storage.ActNotRecognise}

func mayOnIdea(m storage.Member, idea storage.Idea, action string) error {
	switch action {
	case actResubmit:
		return m.MayResubmit(idea)
	case actProgress:
		return m.MayReportProgress(idea)
	}
	return m.MayDecide(idea, action)
}

// TestRules_WhoMayDoWhatToAnIdeaInEachState is SPEC §4 as a table. Each
// string reads the states in workflow order: submitted, endorsed,
// returned, not_proposed, approved, not_approved, in_progress, done
// (applied), requested, recognised, not_recognised, withdrawn.
func TestRules_WhoMayDoWhatToAnIdeaInEachState(t *testing.T) {
	const (
		none      = "FFFFFFFFFFFF"
		fromSub   = ".CCCCCCCCCCC"
		fromEnd   = "C.CCCCCCCCCC"
		withdraw  = "...CCCCCCCCC"
		resubmit  = "CC.CCCCCCCCC"
		progress  = "CCCC.C.CCCCC"
		applied   = "CCCCCCC.CCCC" // recognition asked for once applied
		requested = "CCCCCCCC.CCC" // and decided once asked for
	)
	// Who asks for an applied idea's recognition, and who decides it.
	asks := map[string]string{storage.ActRequestRecognition: applied, storage.ActRecognise: none, storage.ActNotRecognise: none}
	decides := map[string]string{storage.ActRequestRecognition: none, storage.ActRecognise: requested, storage.ActNotRecognise: requested}
	with := func(m, more map[string]string) map[string]string {
		out := map[string]string{}
		for k, v := range m {
			out[k] = v
		}
		for k, v := range more {
			out[k] = v
		}
		return out
	}
	author := map[string]string{storage.ActEndorse: none, storage.ActReturn: none, storage.ActReject: none, storage.ActAccept: none,
		storage.ActWithdraw: withdraw, actResubmit: resubmit, actProgress: progress, storage.ActDuplicate: none}
	author = with(author, asks)
	nothing := map[string]string{}
	for _, a := range ideaActions {
		nothing[a] = none
	}
	directorOwn := ruleDirector
	directorOwn.Unit, directorOwn.Role = "VP", storage.RoleStaff
	otherDirector := storage.Member{UserID: 1003, Director: true, Status: storage.StatusActive}
	// What the idea's author was when it was submitted (storage.Review).
	headsIdea := func(i *storage.Idea) { i.SkipHead = true }
	soleDirectorsIdea := func(i *storage.Idea) { i.ToAdmins = true }
	onlyAuthor := with(map[string]string{storage.ActEndorse: none, storage.ActReturn: none, storage.ActReject: none, storage.ActAccept: none,
		storage.ActWithdraw: withdraw, actResubmit: resubmit, actProgress: progress, storage.ActDuplicate: none}, asks)
	directorFromSub := with(map[string]string{storage.ActEndorse: none, storage.ActReturn: none, storage.ActReject: fromSub, storage.ActAccept: fromSub,
		storage.ActWithdraw: none, actResubmit: none, actProgress: none, storage.ActDuplicate: fromSub}, decides)
	director := with(map[string]string{storage.ActEndorse: none, storage.ActReturn: none, storage.ActReject: fromEnd, storage.ActAccept: fromEnd,
		storage.ActWithdraw: none, actResubmit: none, actProgress: none, storage.ActDuplicate: fromEnd}, decides)
	for _, tc := range []struct {
		who  string
		m    storage.Member
		own  bool                // the idea is theirs
		edit func(*storage.Idea) // how it was routed, when not the usual way
		want map[string]string
	}{
		{"author", ruleAuthor, true, nil, author},
		{"author who left", func() storage.Member { m := ruleAuthor; m.Status = storage.StatusInactive; return m }(), true, nil, author},
		{"colleague", ruleColleague, false, nil, nothing},
		{"head of the unit", ruleHead, false, nil, with(map[string]string{storage.ActEndorse: fromSub, storage.ActReturn: fromSub, storage.ActReject: fromSub, storage.ActAccept: none,
			storage.ActWithdraw: none, actResubmit: none, actProgress: none, storage.ActDuplicate: fromSub}, asks)},
		// No one reviews their own work (SPEC §2).
		{"head, own idea", ruleHead, true, headsIdea, onlyAuthor},
		{"head, own idea routed as a staff's", ruleHead, true, nil, onlyAuthor},
		{"head, a fellow head's idea", ruleHead, false, headsIdea, with(nothing, asks)},
		{"head of another unit", ruleOtherHead, false, nil, nothing},
		{"head who left", ruleFormer, false, nil, nothing},
		{"director", ruleDirector, false, nil, director},
		{"director, a head's idea", ruleDirector, false, headsIdea, directorFromSub},
		{"director, own idea", directorOwn, true, soleDirectorsIdea, onlyAuthor},
		{"another director, a director's idea", otherDirector, false, nil, director},
		{"admin", ruleAdmin, false, nil, nothing},
		{"admin, the sole director's idea", ruleAdmin, false, soleDirectorsIdea, director},
		{"admin, the sole director's idea as head", ruleAdmin, false, func(i *storage.Idea) { i.SkipHead, i.ToAdmins = true, true }, directorFromSub},
		{"admin, own idea when sole director's", func() storage.Member { m := directorOwn; m.Admin = true; return m }(), true, soleDirectorsIdea, onlyAuthor},
		{"guest", ruleGuest, false, nil, nothing},
	} {
		for _, action := range ideaActions {
			got := make([]byte, len(storage.IdeaStatuses))
			for i, st := range storage.IdeaStatuses {
				idea := storage.Idea{ID: 42, Author: ruleAuthor.UserID, Unit: "VP", Status: st}
				if tc.own {
					idea.Author = tc.m.UserID
				}
				if tc.edit != nil {
					tc.edit(&idea)
				}
				err := mayOnIdea(tc.m, idea, action)
				got[i] = outcome(err)
				if action != actResubmit && action != actProgress && tc.m.CanDecide(idea, action) != (err == nil) {
					t.Errorf("%s, %s from %s: CanDecide disagrees with MayDecide (%v)", tc.who, action, st, err)
				}
			}
			if string(got) != tc.want[action] {
				t.Errorf("%s may %s: %s; want %s", tc.who, action, got, tc.want[action])
			}
		}
	}
}

func TestRules_WhoReviewsANewIdea(t *testing.T) {
	otherDirector := storage.Member{UserID: 1003, Director: true, Status: storage.StatusActive}
	formerDirector := storage.Member{UserID: 1004, Director: true, Status: storage.StatusInactive}
	directorInVP := ruleDirector
	directorInVP.Unit, directorInVP.Role = "VP", storage.RoleStaff
	directorHeadingVP := directorInVP
	directorHeadingVP.Role = storage.RoleHead
	for _, tc := range []struct {
		who                string
		author             storage.Member
		directors          []storage.Member
		skipHead, toAdmins bool
	}{
		{"staff", ruleAuthor, []storage.Member{ruleDirector}, false, false},
		{"head", ruleHead, []storage.Member{ruleDirector}, true, false},
		{"director, another in office", directorInVP, []storage.Member{ruleDirector, otherDirector}, false, false},
		{"director, the only one", directorInVP, []storage.Member{ruleDirector}, false, true},
		{"director, the other one left", directorInVP, []storage.Member{ruleDirector, formerDirector}, false, true},
		{"director heading a unit, the only one", directorHeadingVP, []storage.Member{ruleDirector}, true, true},
	} {
		skip, admins := storage.Review(tc.author, tc.directors)
		if skip != tc.skipHead || admins != tc.toAdmins {
			t.Errorf("Review(%s) = skip head %v, to admins %v; want %v, %v", tc.who, skip, admins, tc.skipHead, tc.toAdmins)
		}
	}
}

func TestRules_AnUnknownActionIsForbidden(t *testing.T) {
	idea := storage.Idea{Author: ruleAuthor.UserID, Unit: "VP", Status: storage.IdeaSubmitted}
	for _, m := range []storage.Member{ruleAuthor, ruleHead, ruleDirector, ruleAdmin} {
		if got := outcome(m.MayDecide(idea, "approve")); got != 'F' {
			t.Errorf("MayDecide(%d, %q) = %c; want F", m.UserID, "approve", got)
		}
	}
}

func TestRules_AConflictNamesTheIdea(t *testing.T) {
	idea := storage.Idea{ID: 42, Author: ruleAuthor.UserID, Unit: "VP", Status: storage.IdeaApproved}
	for _, err := range []error{ruleHead.MayDecide(idea, storage.ActEndorse), ruleAuthor.MayResubmit(idea),
		ruleAuthor.MayReportProgress(storage.Idea{ID: 42, Author: ruleAuthor.UserID, Status: storage.IdeaDone})} {
		e, ok := err.(*storage.Error)
		if !ok || len(e.Args) != 1 || e.Args[0] != "SK-42" {
			t.Errorf("conflict %v; want one naming SK-42", err)
		}
	}
}

func TestRules_WhoMayDecideAJoin(t *testing.T) {
	pending := func(unit string) storage.Member {
		return storage.Member{UserID: 7001, Unit: unit, Role: storage.RoleStaff, Status: storage.StatusPending}
	}
	active, inactive := ruleColleague, ruleColleague
	inactive.Status = storage.StatusInactive
	// Whom: pending to VP, pending to CNTT, active in VP, inactive in VP, a guest.
	whom := []storage.Member{pending("VP"), pending("CNTT"), active, inactive, ruleGuest}
	for _, tc := range []struct {
		who  string
		m    storage.Member
		want string
	}{
		{"head of VP", ruleHead, ".FCCC"},
		{"head of CNTT", ruleOtherHead, "F.FFC"},
		{"admin", ruleAdmin, "..CCC"},
		{"director", ruleDirector, "FFFFF"},
		{"staff of VP", ruleColleague, "FFFFF"},
		{"head who left", ruleFormer, "FFFFF"},
		{"guest", ruleGuest, "FFFFF"},
	} {
		got := make([]byte, len(whom))
		for i, w := range whom {
			got[i] = outcome(tc.m.MayDecideJoin(w))
		}
		if string(got) != tc.want {
			t.Errorf("%s may decide joins: %s; want %s", tc.who, got, tc.want)
		}
	}
}

func TestRules_WhoMayAskToJoin(t *testing.T) {
	left := ruleColleague
	left.Status = storage.StatusInactive
	for _, tc := range []struct {
		who  string
		m    storage.Member
		want byte
	}{
		{"guest", ruleGuest, '.'},
		{"pending, asking again", storage.Member{UserID: 7001, Unit: "VP", Status: storage.StatusPending}, '.'},
		{"member who left", left, '.'},
		{"active member", ruleColleague, 'C'},
		{"head", ruleHead, 'C'},
		{"director with no unit", ruleDirector, '.'},
		{"admin with no unit", ruleAdmin, '.'},
	} {
		if got := outcome(tc.m.MayRequestJoin()); got != tc.want {
			t.Errorf("%s MayRequestJoin = %c; want %c", tc.who, got, tc.want)
		}
	}
}

func TestRules_WhoMayFileAReport(t *testing.T) {
	due := time.Date(2026, 12, 20, 17, 0, 0, 0, time.UTC)
	open := storage.Period{Key: "q@1", Name: "Báo cáo quý", Due: due}
	closed := open
	closed.Closed = true
	for _, tc := range []struct {
		who  string
		m    storage.Member
		want string // open, closed; for VP (a button's unit), open
	}{
		{"head", ruleHead, ".C."},
		{"head of another unit (for their own)", ruleOtherHead, ".CF"},
		{"staff", ruleColleague, "FFF"},
		{"head who left", ruleFormer, "FFF"},
		{"director", ruleDirector, "FFF"},
		{"admin", ruleAdmin, "FFF"},
		{"guest", ruleGuest, "FFF"},
	} {
		got := string([]byte{outcome(tc.m.MayReport(open, "")), outcome(tc.m.MayReport(closed, "")), outcome(tc.m.MayReport(open, "VP"))})
		if got != tc.want {
			t.Errorf("%s may report (open, closed, VP's): %s; want %s", tc.who, got, tc.want)
		}
	}
	for _, tc := range []struct {
		at   time.Time
		want bool
	}{
		{due.Add(-7 * 24 * time.Hour), false},
		{due, false},
		{due.Add(time.Second), true},
		{due.Add(30 * 24 * time.Hour), true},
	} {
		if got := open.LateAt(tc.at); got != tc.want {
			t.Errorf("LateAt(due%+v) = %v; want %v", tc.at.Sub(due), got, tc.want)
		}
	}
}

func TestRules_WhoMayChangeADeadline(t *testing.T) {
	chat := storage.Deadline{ID: "a1", Name: "Báo cáo tổng kết năm", DueAt: time.Date(2026, 12, 31, 17, 0, 0, 0, time.UTC), FromChat: true}
	fileSingle := chat
	fileSingle.FromChat = false
	recurring := storage.Deadline{ID: "c1", Name: "Báo cáo quý", Spec: "0 17 20 3,6,9,12 *"}
	for _, tc := range []struct {
		who  string
		m    storage.Member
		want string // added in chat; the same, reported; the file's single; the file's recurring
	}{
		{"admin", ruleAdmin, ".CCC"},
		{"director", ruleDirector, "FFFF"},
		{"head", ruleHead, "FFFF"},
		{"guest", ruleGuest, "FFFF"},
	} {
		got := string([]byte{outcome(tc.m.MayChangeDeadline(chat, false)), outcome(tc.m.MayChangeDeadline(chat, true)),
			outcome(tc.m.MayChangeDeadline(fileSingle, false)), outcome(tc.m.MayChangeDeadline(recurring, false))})
		if got != tc.want {
			t.Errorf("%s may change deadlines: %s; want %s", tc.who, got, tc.want)
		}
	}
}

func TestRules_WhoMaySeeAnIdea(t *testing.T) {
	idea := storage.Idea{Author: ruleAuthor.UserID, Unit: "VP", Status: storage.IdeaSubmitted}
	for _, tc := range []struct {
		who  string
		m    storage.Member
		want bool
	}{
		{"author", ruleAuthor, true},
		{"colleague", ruleColleague, false},
		{"head", ruleHead, true},
		{"head of another unit", ruleOtherHead, false},
		{"head who left", ruleFormer, false},
		{"director", ruleDirector, true},
		{"admin", ruleAdmin, true},
		{"guest", ruleGuest, false},
	} {
		if got := tc.m.CanSee(idea); got != tc.want {
			t.Errorf("%s CanSee = %v; want %v", tc.who, got, tc.want)
		}
	}
}

// What is kept of whom, and who may ask or do what about their personal
// data (Law 91/2025/QH15).
func TestRules_PersonalData(t *testing.T) {
	consented := storage.Member{UserID: 9002, ConsentAt: time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)}
	pending := storage.Member{UserID: 9003, Unit: "VP", Role: storage.RoleStaff, Status: storage.StatusPending, FullName: "Trần Văn Mới"}
	declined := storage.Member{UserID: 9004, FullName: "Trần Văn Cũ", RequestedAt: time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)}
	named := ruleAuthor
	named.FullName = "Nguyễn Văn An"
	left := ruleFormer
	left.FullName, left.JoinedAt = "Đỗ Văn Cũ", time.Date(2025, 1, 5, 9, 0, 0, 0, time.UTC)
	erased := left
	erased.FullName, erased.Anonymised = "", true
	asking := named
	asking.NameRequest = "Nguyễn Văn Ân"
	for _, tc := range []struct {
		who       string
		m         storage.Member
		keepNames bool
		erased    bool // on a refusal to consent
		askName   byte // MayAskNameCorrection, as outcome writes it
		askErase  byte // MayAskErasure
	}{
		{"a guest who has not consented", ruleGuest, false, true, 'F', 'F'},
		{"a guest who consented", consented, true, true, 'F', 'F'},
		{"one whose request waits", pending, true, true, 'F', '.'},
		{"one who was turned down", declined, false, true, 'F', 'F'},
		{"staff", named, true, false, '.', '.'},
		{"staff without a name yet", ruleAuthor, true, false, 'F', '.'},
		{"a head who left", left, true, false, '.', '.'},
		{"one erased", erased, true, false, 'F', 'C'},
		{"a director", ruleDirector, true, false, 'F', 'F'},
		{"an admin", ruleAdmin, true, false, 'F', 'F'},
	} {
		if got := tc.m.MayKeepNames(); got != tc.keepNames {
			t.Errorf("%s: MayKeepNames = %v; want %v", tc.who, got, tc.keepNames)
		}
		if got := tc.m.ErasedOnRefusal(); got != tc.erased {
			t.Errorf("%s: ErasedOnRefusal = %v; want %v", tc.who, got, tc.erased)
		}
		if got := outcome(tc.m.MayAskNameCorrection()); got != tc.askName {
			t.Errorf("%s: MayAskNameCorrection = %c; want %c", tc.who, got, tc.askName)
		}
		if got := outcome(tc.m.MayAskErasure()); got != tc.askErase {
			t.Errorf("%s: MayAskErasure = %c; want %c", tc.who, got, tc.askErase)
		}
	}
	for _, tc := range []struct {
		who  string
		by   storage.Member
		whom storage.Member
		want byte
	}{
		{"an admin, a name asked for", ruleAdmin, asking, '.'},
		{"an admin, no name asked for", ruleAdmin, named, 'C'},
		{"the unit's head", ruleHead, asking, 'F'},
		{"a director", ruleDirector, asking, 'F'},
		{"the member themselves", asking, asking, 'F'},
	} {
		if got := outcome(tc.by.MayDecideNameCorrection(tc.whom)); got != tc.want {
			t.Errorf("%s: MayDecideNameCorrection = %c; want %c", tc.who, got, tc.want)
		}
	}
}

// TestRules_NeedNoDatabase keeps the rules plain: the files that hold them
// import nothing of bbolt and name no transaction or database, so that
// they are read, tested and fixed without one.
func TestRules_NeedNoDatabase(t *testing.T) {
	for _, name := range []string{"rules.go", "scoring.go", "remind.go", "commend.go", "count.go", "infra_rules.go"} {
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			if path, _ := strconv.Unquote(imp.Path.Value); path == "go.etcd.io/bbolt" {
				t.Errorf("%s imports %s", name, path)
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && (id.Name == "Tx" || id.Name == "DB") {
				t.Errorf("%s names %s", name, id.Name)
			}
			return true
		})
	}
}
