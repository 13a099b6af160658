package bot_test

import (
	"os"
	"strings"
	"testing"

	"thiduabot/storage"
)

// Search and the similar-idea check on the large database (bigdb_test.go).
// Seeded plainly, the ideas share their words: every one is titled "Sáng
// kiến tiết kiệm số N" over the same description, so a word of it is held
// by all 200,000 ideas, the most a search can have to rank. Seeded with
// -varied, they are made of the movement's words, some far commoner than
// others, and the same ideas come back again and again.

func BenchmarkBig_Search(b *testing.B) {
	_, db := bigBot(b)
	for _, bc := range []struct {
		name, query string
		who         int64
	}{
		{"every_idea_director", "tiết kiệm", 1002},
		{"every_idea_3_words", "tiet kiem dien", 1002},
		{"one_in_all_6_words", "sáng kiến tiết kiệm số 4242", 1002},
		{"10_words", "sáng kiến tiết kiệm số in hai mặt tắt thiết", 1002},
		{"no_match", "đường truyền cáp quang", 1002},
		{"head_of_a_unit", "tiết kiệm", 20000},
		{"staff", "tiết kiệm", 100000},
		{"500_words", strings.Repeat("tiết kiệm điện nước giấy mực in ấn phòng họp xe công ", 42), 1002},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var total int
			cpu := cpuTime()
			for b.Loop() {
				err := db.View(func(tx *storage.Tx) error {
					me, _, err := tx.Member(bc.who)
					if err != nil {
						return err
					}
					_, total, err = tx.SearchIdeas(me, storage.ParseQuery(bc.query), 0, 10)
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu)/1e6/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(total), "matches")
		})
	}
}

func BenchmarkBig_SimilarIdeas(b *testing.B) {
	_, db := bigBot(b)
	long := strings.Repeat("Lắp đặt hệ thống giám sát điện năng tiêu thụ cho từng phòng, cảnh báo khi vượt định mức, tổng hợp báo cáo hằng tháng gửi lãnh đạo. ", 24)[:storage.MaxDescriptionLen]
	for _, bc := range []struct{ name, title, desc string }{
		{"like_every_seeded_idea", "Sáng kiến tiết kiệm số 200001", "In hai mặt, tắt thiết bị khi không dùng, dùng văn bản điện tử thay giấy."},
		{"new_words_and_seeded_ones", "Tắt điện khi ra khỏi phòng", "Nhắc mọi người tắt đèn, quạt và điều hòa khi ra khỏi phòng; in hai mặt, dùng văn bản điện tử."},
		{"longest_description", "Giám sát điện năng từng phòng", long},
		// seed -varied's commonest idea, sent again: its words are in most ideas.
		{"repeat_of_the_commonest", "Tắt điều hòa khi không sử dụng", "Tiết kiệm điện năng và chi phí vận hành hằng tháng. Giao cho bộ phận hành chính theo dõi, nhắc nhở."},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var found int
			cpu := cpuTime()
			for b.Loop() {
				err := db.View(func(tx *storage.Tx) error {
					sim, err := tx.SimilarIdeas(bc.title, bc.desc, 0, 3)
					found = len(sim)
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu)/1e6/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(found), "similar")
		})
	}
}

func BenchmarkBig_SearchIndexSize(b *testing.B) {
	_, db := bigBot(b)
	for b.Loop() {
		n, err := db.SearchIndexSize()
		if err != nil {
			b.Fatal(err)
		}
		fi, err := os.Stat(db.Path())
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(n)/(1<<20), "MB-index")
		b.ReportMetric(float64(fi.Size())/(1<<20), "MB-file")
		b.ReportMetric(100*float64(n)/float64(fi.Size()), "%-of-file")
	}
}
