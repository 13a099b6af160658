package storage

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// GenerateOptions size a generated database.
type GenerateOptions struct {
	Units, Members, Ideas, Progress int
	From, To                        time.Time // the span the events are spread over
	Seed                            uint64
	// VariedTexts gives the ideas titles and descriptions made up from the
	// movement's words, some far more often than others, so that searching
	// and the similar-idea check meet what a real movement holds: common
	// words, and the same idea sent again and again. Without it every
	// idea is "Sáng kiến tiết kiệm số N" over one description.
	VariedTexts bool
	// Infra adds the infrastructure: indicators for every unit with three
	// years of quarterly reports, and works (GeneratedInfra).
	Infra bool
}

// Generate fills an empty database with a made-up organisation and its
// movement, through the same methods people's actions use (so every index,
// total and counter is as the bot would have kept it): for benchmarks and
// for trying the bot at scale. It writes in large transactions.
func Generate(db *DB, o GenerateOptions, progress func(string)) error {
	rng := rand.New(rand.NewPCG(o.Seed, 42))
	clock := o.From
	saved := db.opt.Clock
	defer func() { db.opt.Clock = saved }()
	db.opt.Clock = func() time.Time { return clock }
	span := o.To.Sub(o.From)
	at := func(i, n int) time.Time { return o.From.Add(time.Duration(float64(span) * float64(i) / float64(n))) }

	org := Org{Directors: []int64{1002}, Admins: []int64{1001}}
	for u := 0; u < o.Units; u++ {
		org.Units = append(org.Units, OrgUnit{Code: fmt.Sprintf("DV%02d", u+1), Name: fmt.Sprintf("Đơn vị số %d", u+1), Heads: []int64{int64(20000 + u)}, Target: 100_000_000})
	}
	if err := db.SyncOrg(org); err != nil {
		return err
	}
	const batch = 5000
	for start := 0; start < o.Members; start += batch {
		err := db.Update(func(tx *Tx) error {
			admin, _, _ := tx.Member(1001)
			for i := start; i < min(start+batch, o.Members); i++ {
				id := int64(100000 + i)
				if _, err := tx.RequestJoin(id, org.Units[i%o.Units].Code, madeUpName(i)); err != nil {
					return err
				}
				if _, err := tx.DecideJoin(admin, id, true); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	progress(fmt.Sprintf("%d members in %d units", o.Members, o.Units))
	if o.Infra {
		if err := generateInfra(db, o, org.Units, rng, func(t time.Time) { clock = t }); err != nil {
			return err
		}
		progress("infrastructure: indicators, works, three years of reports")
	}
	var accepted []uint64
	for start := 0; start < o.Ideas; start += batch {
		err := db.Update(func(tx *Tx) error {
			director, _, _ := tx.Member(1002)
			for i := start; i < min(start+batch, o.Ideas); i++ {
				clock = at(i, o.Ideas)
				author, _, _ := tx.Member(int64(100000 + rng.IntN(o.Members)))
				theme := ThemeThrift
				if rng.IntN(3) == 0 {
					theme = ThemeInfrastructure
				}
				title, desc := fmt.Sprintf("Sáng kiến tiết kiệm số %d", i), "In hai mặt, tắt thiết bị khi không dùng, dùng văn bản điện tử thay giấy."
				if o.VariedTexts {
					title, desc = madeUpIdea(rng)
				}
				idea, err := tx.SubmitIdea(author, Idea{Theme: theme, Title: title, Description: desc, EstSavings: int64(rng.IntN(50)) * 1_000_000})
				if err != nil {
					return err
				}
				if rng.IntN(2) == 0 {
					continue
				}
				heads, _ := tx.UnitHeads(idea.Unit)
				if _, err := tx.DecideIdea(heads[0], idea.ID, Decision{Action: ActEndorse}); err != nil {
					return err
				}
				if rng.IntN(2) == 0 {
					continue
				}
				s := Scores{Novelty: 1 + rng.IntN(10), Applicability: 1 + rng.IntN(10), Benefit: 1 + rng.IntN(10)}
				if _, err := tx.DecideIdea(director, idea.ID, Decision{Action: ActAccept, Scores: s}); err != nil {
					return err
				}
				accepted = append(accepted, idea.ID)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	// Every idea in the search index, not left in its queue for the
	// next start (a search reads what the queue holds, idea by idea).
	if err := db.DrainSearchQueue(); err != nil {
		return err
	}
	progress(fmt.Sprintf("%d ideas, %d accepted", o.Ideas, len(accepted)))
	if len(accepted) == 0 {
		return nil
	}
	savedSoFar := map[uint64]int64{}
	for start := 0; start < o.Progress; start += batch {
		err := db.Update(func(tx *Tx) error {
			for i := start; i < min(start+batch, o.Progress); i++ {
				clock = at(i, o.Progress)
				id := accepted[rng.IntN(len(accepted))]
				idea, err := tx.Idea(id)
				if err != nil {
					return err
				}
				if idea.Status == IdeaDone {
					continue
				}
				author, _, _ := tx.Member(idea.Author)
				savedSoFar[id] += int64(rng.IntN(300)) * 1000
				percent := min(99, idea.Percent+rng.IntN(3))
				if _, err := tx.ReportProgress(author, Progress{IdeaID: id, Percent: percent, Saved: savedSoFar[id]}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		if (start/batch)%40 == 0 {
			progress(fmt.Sprintf("%d progress entries", start+batch))
		}
	}
	return nil
}

// madeUpName makes a plausible Vietnamese full name for the i-th member.
func madeUpName(i int) string {
	family := []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"}
	middle := []string{"Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Đức", "Thu", "Quang", "Hoài"}
	given := []string{"An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vy", "Yến"}
	return family[i%len(family)] + " " + middle[(i/len(family))%len(middle)] + " " + given[(i/(len(family)*len(middle)))%len(given)]
}

// madeUpIdea makes a plausible idea: an action on a thing in a place, and
// a description of two to four sentences. Earlier words of each list come
// up far more often (the square of a uniform draw), as the same few ideas
// do in a real movement.
func madeUpIdea(rng *rand.Rand) (title, desc string) {
	pick := func(list []string) string {
		f := rng.Float64()
		return list[int(f*f*float64(len(list)))]
	}
	actions := []string{"Tắt", "Thay", "Lắp đặt", "Dùng chung", "Số hóa", "Giảm", "Sửa chữa", "Kiểm tra định kỳ", "Chuyển sang dùng", "Hạn chế",
		"Tận dụng", "Gộp", "Tối ưu", "Bảo dưỡng", "Thu hồi", "Cắt giảm", "Ứng dụng", "Triển khai", "Nâng cấp", "Quản lý"}
	things := []string{"điều hòa", "đèn chiếu sáng", "máy in", "giấy in", "xe công", "máy chủ", "đường truyền", "cáp quang", "văn phòng phẩm",
		"nước sinh hoạt", "điện thoại bàn", "phòng họp", "hồ sơ giấy", "máy photocopy", "thiết bị mạng", "camera", "trạm BTS", "cột treo cáp",
		"phần mềm", "hộp thư điện tử", "chữ ký số", "họp trực tuyến", "tủ lưu trữ", "bình nóng lạnh", "máy tính"}
	places := []string{"khi không sử dụng", "ở trụ sở", "tại các phòng", "ngoài giờ làm việc", "trong toàn Sở", "ở hành lang",
		"tại trung tâm dữ liệu", "cho các đơn vị", "vào cuối tuần", "theo lịch", "ở kho lưu trữ", "trên địa bàn tỉnh"}
	sentences := []string{
		"Tiết kiệm điện năng và chi phí vận hành hằng tháng.",
		"Giao cho bộ phận hành chính theo dõi, nhắc nhở.",
		"Người ra khỏi phòng cuối cùng kiểm tra và tắt thiết bị.",
		"Dùng văn bản điện tử thay cho bản giấy.",
		"In hai mặt, dùng lại giấy một mặt để in nháp.",
		"Đặt lịch tự động tắt sau 17 giờ.",
		"Gộp các hợp đồng nhỏ lẻ để được giá tốt hơn.",
		"Các đơn vị dùng chung hạ tầng, tránh đầu tư trùng lặp.",
		"Ước tính giảm khoảng một phần ba chi phí so với năm trước.",
		"Lập danh mục thiết bị, ghi rõ người phụ trách.",
		"Phối hợp với doanh nghiệp viễn thông trên địa bàn.",
		"Ngầm hóa cáp, chỉnh trang cột treo cáp ở các tuyến phố chính.",
		"Báo cáo kết quả hằng quý cho lãnh đạo Sở.",
		"Đặt nhiệt độ điều hòa từ 26 độ trở lên.",
		"Thay bóng huỳnh quang bằng đèn LED.",
		"Họp trực tuyến thay cho họp tập trung, bớt chi phí đi lại.",
		"Sửa ngay vòi nước, đường ống rò rỉ.",
		"Ký số văn bản, không in để ký tay.",
		"Ảo hóa máy chủ, tắt các máy chủ cũ tiêu tốn điện.",
		"Đăng ký xe công qua phần mềm, đi chung khi cùng tuyến.",
	}
	title = pick(actions) + " " + pick(things) + " " + pick(places)
	n := 2 + rng.IntN(3)
	parts := make([]string, n)
	for i := range parts {
		parts[i] = pick(sentences)
	}
	return title, strings.Join(parts, " ")
}
