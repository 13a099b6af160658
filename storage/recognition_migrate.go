package storage

// lawStates takes a file of schema 8 to the states of an initiative as the
// law has them. What the director "accepted" was approved for application
// (nothing had been applied yet); a "rejected" idea was refused by its
// unit's head when it was still submitted and went through the head, and
// by the director otherwise. No idea becomes recognised: no decision was
// ever recorded. The history's steps are renamed alike, the status index
// follows, and the counters are rebuilt with the scoring stamp dropped, so
// the bot rebuilds the points when it starts.
func lawStates(t *Tx) error {
	tx := t.tx
	const (
		oldAccepted IdeaStatus = "accepted"
		oldRejected IdeaStatus = "rejected"
	)
	ideas, status := tx.Bucket(bucketIdeas), tx.Bucket(bucketIdeasStatus)
	type change struct {
		key  []byte
		idea Idea
		old  IdeaStatus
	}
	var changed []change
	err := ideas.ForEach(func(k, v []byte) error {
		var idea Idea
		if err := decode(bucketIdeas, k, v, &idea); err != nil {
			return err
		}
		old, moved := idea.Status, false
		prev := IdeaStatus("")
		for i, e := range idea.History {
			switch e.Status {
			case oldAccepted:
				idea.History[i].Status, moved = IdeaApproved, true
			case oldRejected:
				idea.History[i].Status, moved = IdeaNotApproved, true
				if prev == IdeaSubmitted && !idea.SkipHead {
					idea.History[i].Status = IdeaNotProposed
				}
			}
			if e.Step() {
				prev = idea.History[i].Status
			}
		}
		switch idea.Status {
		case oldAccepted:
			idea.Status = IdeaApproved
		case oldRejected:
			idea.Status = prev
			if prev != IdeaNotProposed && prev != IdeaNotApproved { // a history without its step
				idea.Status = IdeaNotApproved
			}
		}
		if moved || idea.Status != old {
			changed = append(changed, change{append([]byte{}, k...), idea, old})
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, c := range changed {
		if err := putJSON(ideas, c.key, c.idea); err != nil {
			return err
		}
		if c.old != c.idea.Status {
			if err := status.Delete(unitIndexKey(string(c.old), c.idea.ID)); err != nil {
				return err
			}
			if err := status.Put(unitIndexKey(string(c.idea.Status), c.idea.ID), nil); err != nil {
				return err
			}
		}
	}
	if err := t.recomputeStats(); err != nil {
		return err
	}
	return tx.Bucket(bucketMeta).Delete(keyScoring)
}
