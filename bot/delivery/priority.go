package delivery

import "thiduabot/storage"

// Which chat goes next: the classes of storage.Priority, most urgent
// first, with a fair turn for the others so that none starves.

// classes is how many priorities the sender tells apart (see
// storage.Priority): replies, notices, rounds. Class 0 goes first.
const classes = 3

// classOf is the class of a priority. One this version does not know
// (written by a newer one) counts as the nearest it knows.
func classOf(p storage.Priority) int {
	return min(max(int(p-storage.PriorityReply), 0), classes-1)
}

// fairTurn is how many calls in a row may go before a class that has a
// chat ready: then it gets the next (after the other class so owed, if
// both are). Replies go first and notices before rounds, yet a stream of
// replies starves neither: each still gets about one call in eleven, some
// three a second at Telegram's 30, while a reply waits for at most two
// calls (70 ms at 30 a second) more than it would with no fair turns.
const fairTurn = 10

// turn returns the class whose first ready chat goes next (-1: none is
// ready): the most urgent class with a chat ready, unless a less urgent
// one has been passed over fairTurn times in a row.
func (s *Sender) turn() int {
	first := -1
	for k := range s.ready {
		if s.ready[k].Len() == 0 {
			continue
		}
		if first < 0 {
			first = k
		} else if s.passed[k] >= fairTurn {
			return k
		}
	}
	return first
}

// served notes that a call of class k went: the less urgent classes with a
// chat ready were passed over once more.
func (s *Sender) served(k int) {
	s.passed[k] = 0
	for j := k + 1; j < classes; j++ {
		if s.ready[j].Len() > 0 {
			s.passed[j]++
		}
	}
}
