module thiduabot

go 1.26.8

require (
	github.com/BurntSushi/toml v1.6.0
	github.com/go-telegram/bot v1.19.0
	github.com/robfig/cron/v3 v3.0.1
	go.etcd.io/bbolt v1.4.3
	golang.org/x/time v0.16.0
)

require golang.org/x/sys v0.29.0 // indirect
