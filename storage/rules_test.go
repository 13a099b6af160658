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

var ideaActions = []string{storage.ActEndorse, storage.ActReturn, storage.ActReject, storage.ActAccept, storage.ActWithdraw, actResubmit, actProgress, storage.ActDuplicate}

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
// returned, rejected, accepted, in_progress, done, withdrawn.
func TestRules_WhoMayDoWhatToAnIdeaInEachState(t *testing.T) {
	const (
		none     = "FFFFFFFF"
		fromSub  = ".CCCCCCC"
		fromEnd  = "C.CCCCCC"
		withdraw = "...CCCCC"
		resubmit = "CC.CCCCC"
		progress = "CCCC..CC"
	)
	author := map[string]string{storage.ActEndorse: none, storage.ActReturn: none, storage.ActReject: none, storage.ActAccept: none,
		storage.ActWithdraw: withdraw, actResubmit: resubmit, actProgress: progress, storage.ActDuplicate: none}
	nothing := map[string]string{}
	for _, a := range ideaActions {
		nothing[a] = none
	}
	directorOwn := ruleDirector
	directorOwn.Unit, directorOwn.Role = "VP", storage.RoleStaff
	for _, tc := range []struct {
		who  string
		m    storage.Member
		own  bool // the idea is theirs
		want map[string]string
	}{
		{"author", ruleAuthor, true, author},
		{"author who left", func() storage.Member { m := ruleAuthor; m.Status = storage.StatusInactive; return m }(), true, author},
		{"colleague", ruleColleague, false, nothing},
		{"head of the unit", ruleHead, false, map[string]string{storage.ActEndorse: fromSub, storage.ActReturn: fromSub, storage.ActReject: fromSub, storage.ActAccept: none,
			storage.ActWithdraw: none, actResubmit: none, actProgress: none, storage.ActDuplicate: fromSub}},
		// Known, kept here (SPEC §2 says no one reviews their own work): a
		// head may endorse, return and reject their own idea.
		{"head, own idea", ruleHead, true, map[string]string{storage.ActEndorse: fromSub, storage.ActReturn: fromSub, storage.ActReject: fromSub, storage.ActAccept: none,
			storage.ActWithdraw: withdraw, actResubmit: resubmit, actProgress: progress, storage.ActDuplicate: fromSub}},
		{"head of another unit", ruleOtherHead, false, nothing},
		{"head who left", ruleFormer, false, nothing},
		{"director", ruleDirector, false, map[string]string{storage.ActEndorse: none, storage.ActReturn: none, storage.ActReject: fromEnd, storage.ActAccept: fromEnd,
			storage.ActWithdraw: none, actResubmit: none, actProgress: none, storage.ActDuplicate: fromEnd}},
		// Known, kept here likewise: a director may accept their own idea.
		{"director, own idea", directorOwn, true, map[string]string{storage.ActEndorse: none, storage.ActReturn: none, storage.ActReject: fromEnd, storage.ActAccept: fromEnd,
			storage.ActWithdraw: withdraw, actResubmit: resubmit, actProgress: progress, storage.ActDuplicate: fromEnd}},
		{"admin", ruleAdmin, false, nothing},
		{"guest", ruleGuest, false, nothing},
	} {
		for _, action := range ideaActions {
			got := make([]byte, len(storage.IdeaStatuses))
			for i, st := range storage.IdeaStatuses {
				idea := storage.Idea{ID: 42, Author: ruleAuthor.UserID, Unit: "VP", Status: st}
				if tc.own {
					idea.Author = tc.m.UserID
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

func TestRules_AnUnknownActionIsForbidden(t *testing.T) {
	idea := storage.Idea{Author: ruleAuthor.UserID, Unit: "VP", Status: storage.IdeaSubmitted}
	for _, m := range []storage.Member{ruleAuthor, ruleHead, ruleDirector, ruleAdmin} {
		if got := outcome(m.MayDecide(idea, "approve")); got != 'F' {
			t.Errorf("MayDecide(%d, %q) = %c; want F", m.UserID, "approve", got)
		}
	}
}

func TestRules_AConflictNamesTheIdea(t *testing.T) {
	idea := storage.Idea{ID: 42, Author: ruleAuthor.UserID, Unit: "VP", Status: storage.IdeaAccepted}
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
		want string // open, closed
	}{
		{"head", ruleHead, ".C"},
		{"head of another unit (for their own)", ruleOtherHead, ".C"},
		{"staff", ruleColleague, "FF"},
		{"head who left", ruleFormer, "FF"},
		{"director", ruleDirector, "FF"},
		{"admin", ruleAdmin, "FF"},
		{"guest", ruleGuest, "FF"},
	} {
		got := string([]byte{outcome(tc.m.MayReport(open)), outcome(tc.m.MayReport(closed))})
		if got != tc.want {
			t.Errorf("%s may report (open, closed): %s; want %s", tc.who, got, tc.want)
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

// TestRules_NeedNoDatabase keeps the rules plain: the files that hold them
// import nothing of bbolt and name no transaction or database, so that
// they are read, tested and fixed without one.
func TestRules_NeedNoDatabase(t *testing.T) {
	for _, name := range []string{"rules.go", "scoring.go", "remind.go", "commend.go"} {
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
