package delivery

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"thiduabot/storage"
)

// msg is a sendMessage to chat at priority p.
func msg(chat int64, p storage.Priority, text string) storage.Message {
	return storage.Message{Method: storage.MethodSendMessage, ChatID: chat, Text: text, Priority: p}
}

// roundTo is a bulk round: one reminder to each of n chats from first.
func roundTo(first int64, n int) []storage.Message {
	var out []storage.Message
	for i := range n {
		out = append(out, msg(first+int64(i), storage.PriorityBulk, fmt.Sprintf("Nhắc hạn báo cáo %d", i)))
	}
	return out
}

// drive moves the clock, each time to when the sender wakes next, until
// done, at most limit times; before each move it calls between (if any)
// with the number of moves so far. While the sender waits only for calls
// to end (idleWait), the clock stays.
func drive(t *testing.T, clock *fakeClock, limit int, done func() bool, between func(moves int)) {
	t.Helper()
	armings := 0
	for moves := 0; !done(); {
		at, n := clock.waitArmed(t, armings)
		armings = n
		d := at.Sub(clock.Now())
		if d == idleWait {
			continue
		}
		if moves++; moves > limit {
			t.Fatalf("not done after %d moves of the clock", limit)
		}
		if between != nil {
			between(moves)
		}
		clock.Advance(max(d, 0))
	}
}

// calls returns done for drive: when api has made n calls.
func calls(api *recorder, n int) func() bool {
	return func() bool { return len(api.made()) >= n }
}

// A reply enqueued while a round of 500 goes out goes next, not after the
// round: the person who typed /help does not wait 17 seconds.
func TestSender_AReplyGoesNextBehindARoundOf500(t *testing.T) {
	db := openDB(t)
	enqueue(t, db, roundTo(400000, 500)...)
	clock := newFakeClock()
	api := newRecorder(clock, nil)
	s := newTestSender(db, api, clock)
	start(t, s)
	api.waitCalls(t, 1)
	clock.waitUntil(t, func() bool { return s.Stats().Sent == 1 })

	enqueue(t, db, msg(5001, storage.PriorityReply, "Bạn có thể dùng các lệnh sau"))
	s.Notify()
	clock.Advance(time.Second / 30)
	made := api.waitCalls(t, 2)
	if got := made[1].msg.ChatID; got != 5001 {
		t.Errorf("the call after the reply was enqueued went to %d; want the reply's chat, 5001", got)
	}
}

// One chat's messages go in the order they were enqueued, whatever their
// priorities: a reply never overtakes an earlier message to its chat (it
// may be what the reply is about). The chat's reply takes the messages
// before it along, ahead of the round.
func TestSender_OneChatKeepsItsOrderWhateverThePriorities(t *testing.T) {
	db := openDB(t)
	const chat = 2001
	enqueue(t, db, roundTo(400000, 20)...)
	enqueue(t, db,
		msg(chat, storage.PriorityBulk, "Nhắc hạn báo cáo"),
		msg(chat, storage.PriorityNotice, "Sáng kiến mới SK-7"),
		msg(chat, storage.PriorityReply, "Bước 2/4"),
		msg(chat, storage.PriorityBulk, "Bảng xếp hạng"),
		msg(chat, storage.PriorityReply, "Đã lưu sáng kiến SK-8"),
	)
	clock := newFakeClock()
	api := newRecorder(clock, nil)
	s := newTestSender(db, api, clock)
	start(t, s)
	// One call may go at once (the overall limit): the clock has not moved.
	if first := api.waitCalls(t, 1)[0]; first.msg.ChatID != chat {
		t.Errorf("the first call went to %d; want the chat with replies waiting, %d, ahead of the round", first.msg.ChatID, chat)
	}
	var order []string
	drive(t, clock, 1000, calls(api, 25), nil)
	for _, c := range api.made() {
		if c.msg.ChatID == chat {
			order = append(order, c.msg.Text)
		}
	}
	want := []string{"Nhắc hạn báo cáo", "Sáng kiến mới SK-7", "Bước 2/4", "Bảng xếp hạng", "Đã lưu sáng kiến SK-8"}
	if !slices.Equal(order, want) {
		t.Errorf("chat %d got %q; want %q", chat, order, want)
	}
}

// With nothing else to send, a round goes at the overall limit; while
// replies keep coming faster than the limit, they go first, yet the round
// still gets its fair turns and completes.
func TestSender_ARoundCompletesEvenWhileRepliesKeepArriving(t *testing.T) {
	t.Run("alone", func(t *testing.T) {
		db := openDB(t)
		enqueue(t, db, roundTo(400000, 300)...)
		clock := newFakeClock()
		api := newRecorder(clock, nil)
		s := newTestSender(db, api, clock)
		start(t, s)
		began := clock.Now()
		drive(t, clock, 1000, calls(api, 300), nil)
		took := clock.Now().Sub(began)
		if rate := 300 / took.Seconds(); rate < 0.9*30 {
			t.Errorf("300 reminders took %v: %.1f a second; want at least 90 %% of 30", took, rate)
		}
	})
	t.Run("with replies", func(t *testing.T) {
		db := openDB(t)
		const round = 100
		enqueue(t, db, roundTo(400000, round)...)
		clock := newFakeClock()
		api := newRecorder(clock, nil)
		s := newTestSender(db, api, clock)
		start(t, s)
		// Twenty replies every ten calls: twice what the limit lets
		// through, so replies are always waiting.
		next := int64(100000)
		more := func(moves int) {
			if moves%10 != 0 {
				return
			}
			var replies []storage.Message
			for range 20 {
				replies = append(replies, msg(next, storage.PriorityReply, "Bước 2/4"))
				next++
			}
			enqueue(t, db, replies...)
			s.Notify()
		}
		reminded := func() int {
			n := 0
			for _, c := range api.made() {
				if c.msg.Priority == storage.PriorityBulk {
					n++
				}
			}
			return n
		}
		drive(t, clock, 20*round, func() bool { return reminded() >= round }, more)
		made := api.made()
		if share := float64(round) / float64(len(made)); share < 1.0/(fairTurn+2) {
			t.Errorf("the round had %d of %d calls; want at least one in %d", round, len(made), fairTurn+2)
		}
		if replies := len(made) - round; replies < 8*round {
			t.Errorf("the replies had %d of %d calls; want them first", replies, len(made))
		}
	})
}

// A priority is stored with its message: a sender started on an outbox
// written before (after a restart) still sends the reply first.
func TestSender_PrioritiesSurviveARestart(t *testing.T) {
	db := openDB(t)
	enqueue(t, db, roundTo(400000, 50)...)
	enqueue(t, db, msg(5001, storage.PriorityReply, "Đã lưu sáng kiến SK-9"))
	path := db.Path()
	db.Close()
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	clock := newFakeClock()
	api := newRecorder(clock, nil)
	s := newTestSender(db, api, clock)
	stop := start(t, s)
	made := api.waitCalls(t, 1)
	stop()
	if got := made[0].msg.ChatID; got != 5001 {
		t.Errorf("the first call after the restart went to %d; want the reply's chat, 5001", got)
	}
}
