package main

import (
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"
)

// consoleSession drives the console as a person would: a line typed, then
// a wait for what the bot says.
type consoleSession struct {
	t    *testing.T
	in   *io.PipeWriter
	out  *lockedWriter
	seen int // how much of the output has been read
	done chan error
}

func startConsole(t *testing.T) *consoleSession {
	t.Helper()
	r, w := io.Pipe()
	s := &consoleSession{t: t, in: w, out: &lockedWriter{w: &bytes.Buffer{}}, done: make(chan error, 1)}
	go func() { s.done <- runConsole(nil, r, s.out) }()
	t.Cleanup(func() {
		w.Close()
		select {
		case err := <-s.done:
			if err != nil {
				t.Errorf("console: %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Error("the console did not end")
		}
	})
	return s
}

func (s *consoleSession) output() string {
	s.out.mu.Lock()
	defer s.out.mu.Unlock()
	return s.out.w.String()
}

// say types a line, then waits for the output that follows to contain want.
func (s *consoleSession) say(line, want string) string {
	s.t.Helper()
	if _, err := io.WriteString(s.in, line+"\n"); err != nil {
		s.t.Fatal(err)
	}
	return s.expect(want)
}

func (s *consoleSession) expect(want string) string {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		out := s.output()
		if i := strings.Index(out[s.seen:], want); i >= 0 {
			got := out[s.seen : s.seen+i+len(want)]
			s.seen += i + len(want)
			return got
		}
		time.Sleep(20 * time.Millisecond) // polling the terminal's output, not waiting for time to pass
	}
	s.t.Fatalf("the console never said %q; it said:\n%s", want, s.output()[s.seen:])
	return ""
}

// The README's walk-through, exactly as written, reaches an approved
// member's idea on its head's screen, endorsed.
func TestConsole_TheREADMEWalkThrough(t *testing.T) {
	s := startConsole(t)
	s.expect("you are now")
	s.say("/invite VP", "?start=")
	code := regexp.MustCompile(`start=([a-z0-9]+)`).FindStringSubmatch(s.expect("\n"))
	if code == nil {
		code = regexp.MustCompile(`start=([a-z0-9]+)`).FindStringSubmatch(s.output())
	}
	if code == nil {
		t.Fatalf("no invite code in:\n%s", s.output())
	}
	s.say("/as 5001 Nguyễn Văn An", "you are now Nguyễn Văn An")
	s.say("/start "+code[1], "Đồng ý")
	s.say("1", "họ và tên đầy đủ")
	s.say("Nguyễn Văn An, Chuyên viên", "bot → Trưởng VP") // the request reaches the head
	s.expect("[1]")
	s.say("/as 2001", "you are now Trưởng VP")
	s.say("1", "Đã duyệt Nguyễn Văn An")
	s.say("/as 5001", "you are now Nguyễn Văn An")
	s.say("/idea", "[1]")
	s.say("1", "Bước 2/4")
	s.say("In hai mặt giấy", "Bước 3/4")
	s.say("In hai mặt mọi văn bản nội bộ.", "Bước 4/4")
	s.say("1,5 tr", "[1]")
	s.say("1", "SK-1")
	s.say("/as 2001", "you are now Trưởng VP")
	s.say("/sk_1", "[1]")
	s.say("1", "bot → Giám đốc Sở") // endorsed: the idea goes on to the director
	s.expect("SK-1")
	// A second press on the same card is answered at once, in a pop-up
	// under the one who pressed, and does nothing.
	s.say("1", "⟨pop-up → Đỗ Văn Hùng (2001)⟩ Sáng kiến SK-1")
	// The director decides: the steps are key presses, whatever their words.
	s.say("/as 1002", "you are now Giám đốc Sở")
	s.say("/sk_1", "[1]")
	s.say("1", "[10]") // the first score
	s.say("8", "[10]")
	s.say("7", "[10]")
	s.say("9", "[1]") // the preview, with its confirm first
	s.say("1", "bot → staff group")
	s.expect("SK-1")
}

// /users lists the example people in order of their ids.
func TestConsole_UsersSorted(t *testing.T) {
	s := startConsole(t)
	s.expect("you are now")
	out := s.say("/users", "any other id is a guest")
	ids := regexp.MustCompile(`(?m)^  (\d+)  `).FindAllStringSubmatch(out, -1)
	if len(ids) < 9 {
		t.Fatalf("/users listed %d people:\n%s", len(ids), out)
	}
	for _, want := range []string{"1001  Phạm Thu Hà – Thường trực HĐTĐ-KT", "1002  Lê Quang Minh – Giám đốc Sở", "2001  Đỗ Văn Hùng – Trưởng VP"} {
		if !strings.Contains(out, want) {
			t.Errorf("/users does not say %q:\n%s", want, out)
		}
	}
	for i := 1; i < len(ids); i++ {
		if len(ids[i][1]) < len(ids[i-1][1]) || (len(ids[i][1]) == len(ids[i-1][1]) && ids[i][1] < ids[i-1][1]) {
			t.Errorf("/users is not sorted: %s before %s", ids[i-1][1], ids[i][1])
		}
	}
}
