package bot

import "thiduabot/storage"

// The system's matters (a backup that failed, a full disk, a damaged
// file, people Telegram refuses) go to the operators (SPEC §2: quản trị
// hệ thống, org.operators), and to the admins when none is set: the
// movement's office (Thường trực Hội đồng Thi đua – Khen thưởng) is not
// the one to fix a disk. Every such message asks operators, and nothing
// else decides who they are.

// operators are who receive the system's matters: org.operators, or the
// admins on record when none is set.
func (o *office) operators(tx *storage.Tx) ([]int64, error) {
	if len(o.cfg.Org.Operators) > 0 {
		return o.cfg.Org.Operators, nil
	}
	return tx.Admins()
}

// configuredOperators are the operators the configuration names, for when
// the file cannot be read: org.operators, or org.admins.
func (o *office) configuredOperators() []int64 {
	if len(o.cfg.Org.Operators) > 0 {
		return o.cfg.Org.Operators
	}
	return o.cfg.Org.Admins
}

// toOperators tells every operator the text key, each in their language.
func (o *office) toOperators(tx *storage.Tx, key string, args ...any) error {
	ids, err := o.operators(tx)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := o.tell(tx, id, key, args...); err != nil {
			return err
		}
	}
	return nil
}
