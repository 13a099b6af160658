#!/bin/sh
# Before removal (.deb: "remove"; .rpm: 0 on erase). On an upgrade
# (.deb "upgrade", .rpm 1) the bot keeps running until postinstall restarts it.
set -e
case "$1" in
remove|0)
	if [ -d /run/systemd/system ]; then
		systemctl disable --now thiduabot >/dev/null 2>&1 || true
	fi
	;;
esac
exit 0
