# SPDX-License-Identifier: GPL-2.0-only
# Small helpers shared by the runner's files: word lists and fields.

# True when word $1 is one of the words in $2 (separated by spaces or commas).
word_in() { [[ " ${2//,/ } " == *" $1 "* ]]; }

# split_fields SEP TEXT: FIELDS, TEXT split at the character SEP alone, never
# globbed; an empty last field is kept (x holds its place).
split_fields() {
	local IFS=$1 -
	set -f
	# shellcheck disable=SC2206 # split on purpose
	FIELDS=($2$1x)
	unset 'FIELDS[-1]'
}
