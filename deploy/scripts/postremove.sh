#!/bin/sh
# After removal (.deb: "remove", then "purge" if asked; .rpm: 0 on erase).
# Neither removing nor purging deletes /var/lib/thiduabot: it holds the
# organisation's records and their backups, and losing them by a package
# command would be worse than keeping them. Purging also leaves the
# thiduabot user, which still owns those files. The configuration goes:
# dpkg deletes the conffiles on purge (rpm keeps edited ones as .rpmsave).
set -e
case "$1" in
remove|0)
	if [ -d /run/systemd/system ]; then
		systemctl daemon-reload || true
	fi
	echo "thiduabot: the database and backups stay in /var/lib/thiduabot"
	;;
purge)
	rm -rf /etc/thiduabot
	echo "thiduabot: purged the configuration; the database and backups stay in /var/lib/thiduabot"
	echo "thiduabot: delete them with: rm -rf /var/lib/thiduabot && userdel thiduabot"
	;;
esac
exit 0
