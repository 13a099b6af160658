package config

// Waste is when waste cases are chased and made public (the [waste]
// table): overdue handling is reminded on remind; the register of handled
// cases is previewed to the admins on register_schedule, and posted to the
// group once one confirms.
type Waste struct {
	Remind           CronSpec `toml:"remind"`
	RegisterSchedule CronSpec `toml:"register_schedule"`
}

func defaultWaste() Waste {
	return Waste{Remind: mustCron("0 8 * * *"), RegisterSchedule: mustCron("0 9 1 * *")}
}
