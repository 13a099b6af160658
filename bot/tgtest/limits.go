package tgtest

import (
	"fmt"
	"strconv"
	"time"

	"golang.org/x/time/rate"
)

// Limits are the sending limits the stand-in enforces, as token buckets.
type Limits struct {
	PerSecond      float64 // overall
	Burst          int
	PerChatSecond  float64 // per private chat
	PerChatBurst   int
	GroupPerMinute float64 // per group
	GroupBurst     int
}

// TelegramLimits are Telegram's published limits: about 30 messages a
// second overall, one a second in a chat (a short burst tolerated) and 20
// a minute in a group.
var TelegramLimits = Limits{PerSecond: 30, Burst: 30, PerChatSecond: 1, PerChatBurst: 3, GroupPerMinute: 20, GroupBurst: 3}

// Fault is a failure the stand-in answers with instead of doing the call.
type Fault struct {
	Status     int           // 429, 500, 502…
	RetryAfter int           // seconds, for 429
	Delay      time.Duration // wait this long before answering (a time-out)
	Drop       bool          // close the connection without an answer (a time-out, a reset)
}

type faultRule struct {
	method string
	chatID int64
	count  int
	fault  Fault
}

// EnforceLimits makes the stand-in answer 429 with retry_after to traffic
// over l, as Telegram does.
func (s *Server) EnforceLimits(l Limits) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limits = &l
	s.global = rate.NewLimiter(rate.Limit(l.PerSecond), l.Burst)
	s.perChat = map[int64]*rate.Limiter{}
}

// Inject makes the next count calls of method (any method, getUpdates
// too, when "") to chatID (any chat when 0) fail with f.
func (s *Server) Inject(method string, chatID int64, count int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, faultRule{method: method, chatID: chatID, count: count, fault: f})
}

// ClearFaults ends every failure injected and not used up: Telegram is
// back.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

func (s *Server) faultLocked(method, chat string) *Fault {
	chatID, _ := strconv.ParseInt(chat, 10, 64)
	for i := range s.faults {
		r := &s.faults[i]
		if r.count > 0 && (r.method == "" || r.method == method) && (r.chatID == 0 || r.chatID == chatID) {
			r.count--
			f := r.fault
			return &f
		}
	}
	return nil
}

func (s *Server) rateLimitLocked(chatID int64) *apiError {
	if t, ok := s.retryTill[chatID]; ok && time.Now().Before(t) {
		s.violation = append(s.violation, fmt.Sprintf("request to chat %d before its retry_after", chatID))
		return &apiError{status: 429, desc: "Too Many Requests: retry after 1", retryAfter: int(time.Until(t).Seconds()) + 1}
	}
	if s.limits == nil {
		return nil
	}
	l, ok := s.perChat[chatID]
	if !ok {
		if chatID < 0 {
			l = rate.NewLimiter(rate.Limit(s.limits.GroupPerMinute/60), s.limits.GroupBurst)
		} else {
			l = rate.NewLimiter(rate.Limit(s.limits.PerChatSecond), s.limits.PerChatBurst)
		}
		s.perChat[chatID] = l
	}
	now := time.Now()
	chat := l.ReserveN(now, 1)
	if wait := chat.DelayFrom(now); wait > 0 {
		chat.CancelAt(now)
		secs := int(wait/time.Second) + 1
		s.retryTill[chatID] = now.Add(time.Duration(secs) * time.Second)
		return &apiError{status: 429, desc: fmt.Sprintf("Too Many Requests: retry after %d", secs), retryAfter: secs}
	}
	if g := s.global.ReserveN(now, 1); g.DelayFrom(now) > 0 {
		g.CancelAt(now)
		chat.CancelAt(now)
		return &apiError{status: 429, desc: "Too Many Requests: retry after 1", retryAfter: 1}
	}
	return nil
}
