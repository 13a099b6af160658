package bot_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

// The people of the property test: four staff members (not heads, so
// that nobody reviews their own idea) in three units.
var figureAuthors = map[int64]string{5001: "VP", 5002: "VP", 5003: "CNTT", 5004: "TT"}

// TestFigures_SummaryAndExportEqualARecomputationFromTheRecords is a
// property test: after random sequences of events (ideas submitted,
// decided, resubmitted, withdrawn; progress; deadlines and the units'
// reports; praise; waste reports), at times across a year, every figure
// /summary shows for a month, a quarter and the year equals one recomputed
// here from the records alone, by the rules of docs/figures.md, and the
// workbook /export sends adds up to the same.
func TestFigures_SummaryAndExportEqualARecomputationFromTheRecords(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			h := newHarnessAt(t, time.Date(2026, 1, 5, 9, 0, 0, 0, hcm))
			rng := rand.New(rand.NewPCG(seed, 13))
			h.figureEvents(rng, 160)
			h.say(director, "/start")
			now := h.clock.Now().In(hcm)
			for _, period := range []string{"2026", fmt.Sprintf("Q%d/2026", (int(now.Month())+2)/3), "Q1/2026", fmt.Sprintf("%d/2026", now.Month()-1)} {
				want := h.recompute(period)
				got := h.sayLong(director, "/summary "+period, "Phản ánh lãng phí đang xử lý")
				want.check(t, period, got)
				h.checkWorkbook(t, period, want)
				h.checkInfraFigures(t, period, got)
			}
		})
	}
}

// sayLong sends text as u and returns the bot's answer, every part of it
// (one over 4,096 characters is split) up to the one containing last.
func (h *harness) sayLong(u tgtest.User, text, last string) string {
	h.t.Helper()
	mark := h.srv.Mark()
	h.srv.SendText(u, text)
	h.waitText(mark, u.ID, last)
	var parts []string
	for _, m := range h.srv.LogSince(mark) {
		if m.ChatID == u.ID {
			parts = append(parts, m.Plain)
		}
	}
	return strings.Join(parts, "\n")
}

// figureEvents plays n random events, moving the clock on between them.
func (h *harness) figureEvents(rng *rand.Rand, n int) {
	h.t.Helper()
	err := h.db.Update(func(tx *storage.Tx) error {
		adm, _, _ := tx.Member(admin.ID)
		for id, unit := range figureAuthors {
			if _, err := tx.RequestJoin(id, unit, fmt.Sprintf("Cán bộ %c", 'A'+rune(id-5001))); err != nil {
				return err
			}
			if _, err := tx.DecideJoin(adm, id, true); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		h.t.Fatal(err)
	}
	authors := []int64{5001, 5002, 5003, 5004}
	for i := 0; i < n; i++ {
		h.clock.Set(h.clock.Now().Add(time.Duration(rng.IntN(60)) * time.Hour))
		err := h.db.Update(func(tx *storage.Tx) error {
			get := func(id int64) storage.Member { m, _, _ := tx.Member(id); return m }
			ideas, count, err := tx.Ideas(storage.IdeaFilter{}, 1000)
			if err != nil {
				return err
			}
			var idea storage.Idea
			if count > 0 {
				idea = ideas[rng.IntN(count)]
			}
			// Most of the time, an idea in a state the event applies to.
			pick := func(statuses ...storage.IdeaStatus) {
				var fit []storage.Idea
				for _, i := range ideas {
					if slices.Contains(statuses, i.Status) {
						fit = append(fit, i)
					}
				}
				if len(fit) > 0 && rng.IntN(5) > 0 {
					idea = fit[rng.IntN(len(fit))]
				}
			}
			event := rng.IntN(12)
			switch event {
			case 3:
				pick(storage.IdeaSubmitted)
			case 4:
				pick(storage.IdeaEndorsed)
			case 6:
				pick(storage.IdeaReturned)
			case 7, 8:
				pick(storage.IdeaApproved, storage.IdeaInProgress)
			}
			heads, _ := tx.UnitHeads(idea.Unit)
			dir := get(director.ID)
			// Refusals (a decision on an idea in the wrong state) change
			// nothing and are part of the sequence too.
			switch event {
			case 0, 1, 2:
				theme := []storage.Theme{storage.ThemeThrift, storage.ThemeInfrastructure}[rng.IntN(2)]
				_, err = tx.SubmitIdea(get(authors[rng.IntN(len(authors))]), storage.Idea{Theme: theme, Title: "Ý tưởng", Description: "Mô tả.", EstSavings: int64(rng.IntN(200)) * 1_000_000})
			case 3:
				if len(heads) > 0 {
					action := []string{storage.ActEndorse, storage.ActEndorse, storage.ActReturn, storage.ActReject}[rng.IntN(4)]
					_, err = tx.DecideIdea(heads[0], idea.ID, storage.Decision{Action: action, Reason: "Ý kiến"})
				}
			case 4:
				if rng.IntN(3) == 0 {
					_, err = tx.DecideIdea(dir, idea.ID, storage.Decision{Action: storage.ActReject, Reason: "Trùng"})
				} else {
					_, err = tx.DecideIdea(dir, idea.ID, storage.Decision{Action: storage.ActAccept, Scores: storage.Scores{Novelty: 1 + rng.IntN(10), Applicability: 1 + rng.IntN(10), Benefit: 1 + rng.IntN(10)}})
				}
			case 5:
				_, err = tx.DecideIdea(get(idea.Author), idea.ID, storage.Decision{Action: storage.ActWithdraw})
			case 6:
				idea.EstSavings = int64(rng.IntN(50)) * 1_000_000
				_, err = tx.ResubmitIdea(get(idea.Author), idea.ID, idea)
			case 7, 8:
				pct := min(100, idea.Percent+rng.IntN(40))
				_, err = tx.ReportProgress(get(idea.Author), storage.Progress{IdeaID: idea.ID, Percent: pct, Saved: idea.Saved + int64(rng.IntN(5_000_000))})
			case 9:
				if rng.IntN(3) != 0 {
					break
				}
				// Adding a single deadline opens its period at once.
				_, _, err = tx.AddDeadline(get(admin.ID), "Báo cáo đợt", tx.Now().Add(time.Duration(1+rng.IntN(40*24))*time.Hour))
			case 10:
				periods, _ := tx.Periods(true)
				unit := []string{"VP", "CNTT", "TT", "KHTC", "BCVT", "TTCNTT"}[rng.IntN(6)]
				uh, _ := tx.UnitHeads(unit)
				if len(periods) > 0 && len(uh) > 0 {
					p := periods[rng.IntN(len(periods))]
					if _, err = tx.SubmitReport(uh[0], storage.Report{PeriodKey: p.Key, Saved: int64(rng.IntN(30)) * 1_000_000, Infra: "Đã triển khai."}); err == nil {
						err = infraEvents(tx, rng, uh[0], p)
					}
				}
			case 11:
				if rng.IntN(2) == 0 {
					_, err = tx.AddPraise(dir, storage.Praise{Member: authors[rng.IntN(len(authors))], Reason: "Tích cực"})
				} else {
					_, err = tx.ReportWaste(get(authors[rng.IntN(len(authors))]), storage.Waste{Description: "Đèn hành lang sáng cả đêm."})
				}
			}
			switch storage.ErrorCode(err) {
			case storage.EConflict, storage.EForbidden, storage.ENotFound, storage.EInvalid:
				return nil
			}
			return err
		})
		if err != nil {
			h.t.Fatalf("event %d: %v", i, err)
		}
	}
}
