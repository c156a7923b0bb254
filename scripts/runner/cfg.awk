# SPDX-License-Identifier: GPL-2.0-only
# Parses one unittests.cfg (docs/unittests-cfg.md) into lines for cfg.bash;
# values are data, expanded here, never run. ENVIRON: CFG_FILE (its name in
# messages), CFG_MAX_SMP, CFG_ARCH, CFG_TEST_DIR, CFG_PROCESSOR. Output: a
# line per test, fields separated by \036: name, groups, line, then the keys
# in BEGIN's order (extra_params' words separated by \037); then the errors;
# then cfg_smp's arguments for each smp; then "END NTESTS NERRORS NSMP".

function err(n, msg) {
	errors[nerrors++] = file ":" n ": " msg
}

function trim(s) {
	sub(/^[ \t]+/, "", s)
	sub(/[ \t]+$/, "", s)
	return s
}

# A '#' after a blank or at the start begins a comment, unless quoted.
function strip_comment(s,    i, c, qc, prev) {
	qc = ""
	prev = " "
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (qc != "") {
			if (c == qc)
				qc = ""
		} else if (c == "\"" || c == "'") {
			qc = c
		} else if (c == "#" && (prev == " " || prev == "\t")) {
			return substr(s, 1, i - 1)
		}
		prev = c
	}
	return s
}

function var_value(name) {
	if (name in strvar)
		return strvar[name]
	w_err = "unknown variable $" name " (a value may use $MAX_SMP, $ARCH, $TEST_DIR and $PROCESSOR)"
	return ""
}

# Expands the $... at position i of s onto w_out; returns the next position.
function expand_dollar(s, i,    c, name) {
	c = substr(s, i + 1, 1)
	w_inword = 1
	if (substr(s, i + 1, 2) == "((") {
		w_err = "arithmetic $((...)) is not allowed here, only in smp: write the number"
	} else if (c == "(") {
		w_err = "command substitution $(...) is not allowed: cfg values are data, never run"
	} else if (match(substr(s, i + 1), /^([A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*\})/)) {
		name = substr(s, i + 1, RLENGTH)
		gsub(/[{}]/, "", name)
		w_out = w_out var_value(name)
		return i + 1 + RLENGTH
	} else if (c == "{") {
		w_err = "bad ${...} expansion (only ${NAME} is allowed)"
	} else if (c ~ /[0-9@*#?$!-]/) {
		w_err = "$" c " is not allowed (a value may use $MAX_SMP, $ARCH, $TEST_DIR and $PROCESSOR)"
	} else {
		w_out = w_out "$"
	}
	return i + 1
}

# The word in w_out, if any, joins out (words separated by \037).
function end_word() {
	if (w_inword)
		w_words = w_words (w_words == "" ? "" : "\037") w_out
	w_out = ""
	w_inword = 0
}

# words(S): S split into words as a shell would (quotes, backslashes, $VAR),
# joined by \037; "" with w_err set on an error.
function words(s,    i, c, q) {
	w_err = w_out = w_words = q = ""
	w_inword = 0
	i = 1
	while (i <= length(s) && w_err == "") {
		c = substr(s, i, 1)
		if (q == "'") {
			if (c == "'")
				q = ""
			else
				w_out = w_out c
			i++
		} else if (c == "`") {
			w_err = "backticks are not allowed: cfg values are data, never run"
		} else if (c == "$") {
			i = expand_dollar(s, i)
		} else if (q == "\"") {
			if (c == "\"")
				q = ""
			else if (c == "\\" && substr(s, i + 1, 1) ~ /[$`"\\]/)
				w_out = w_out substr(s, ++i, 1)
			else
				w_out = w_out c
			i++
		} else if (c == " " || c == "\t") {
			end_word()
			i++
		} else if (c == "'" || c == "\"") {
			q = c
			w_inword = 1
			i++
		} else if (c == "\\") {
			if (i == length(s))
				w_err = "a backslash ends the value"
			w_out = w_out substr(s, i + 1, 1)
			w_inword = 1
			i += 2
		} else if (c ~ /[;|&<>()]/) {
			w_err = "'" c "' is shell syntax, not allowed: cfg values are data, never run" \
				" (quote it if it is part of an option)"
		} else {
			w_out = w_out c
			w_inword = 1
			i++
		}
	}
	if (w_err == "" && q != "")
		w_err = "unbalanced " (q == "'" ? "single" : "double") " quote"
	end_word()
	return w_err == "" ? w_words : ""
}

# Prints the current test's line and forgets it.
function end_section(    i, row) {
	if (cur < 0)
		return
	if (!("file" in cv))
		err(cur_line, "test '" cur_name "' has no 'file' key")
	row = cur_name "\036" cv["groups"] "\036" cur_line
	for (i = 1; i <= nk; i++)
		row = row "\036" (keys[i] in cv ? cv[keys[i]] : (keys[i] == "smp" ? 1 : ""))
	print row
	split("", cv)
	split("", seen)
}

function begin_section(nm, n) {
	end_section()
	if (nm !~ /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/) {
		err(n, "bad test name '[" nm "]': use letters, digits and _ . + -")
		nm = "?" n
	} else if (nm in first_line) {
		err(n, "duplicate test name '" nm "' (first defined on line " first_line[nm] ")")
	} else {
		first_line[nm] = n
	}
	cur++
	cur_name = nm
	cur_line = n
}

function set_key(key, v, n,    k, i, list, w, x) {
	k = key == "qemu_params" ? "extra_params" : key
	if (cur < 0)
		return err(n, "'" key "' before the first [test] section")
	if (k in seen)
		return err(n, "duplicate key '" key "' in [" cur_name "] (first set on line " seen[k] ")")
	seen[k] = n
	# A command-line argument of Linux is at most 128 KiB (MAX_ARG_STRLEN).
	if (length(v) > VALUE_MAX)
		return err(n, "'" key "' is " length(v) " bytes long: at most " VALUE_MAX " (QEMU takes it as one argument)")
	if (k == "file") {
		if (v == "" || v ~ /[ \t]/)
			err(n, "file '" v "' must be one image name")
	} else if (k == "smp") {
		# A count or $MAX_SMP is taken here, cfg_smp evaluates the rest: with no
		# name but MAX_SMP, no '[' and no '$(', bash's arithmetic runs nothing.
		w = v
		gsub(/\$\{MAX_SMP\}|\$MAX_SMP/, "MAX_SMP", w)
		gsub(/\$\(\(/, "((", w)
		x = w
		gsub(/MAX_SMP/, "", x)
		if (w == "" || x !~ /^[0-9 \t+*\/%()<>=!?:&|-]*$/ || w ~ /[0-9A-Za-z_]MAX_SMP|MAX_SMP[0-9A-Za-z_]/)
			return err(n, "smp '" v "' is not a number or an arithmetic expression over $MAX_SMP" \
				" (numbers, MAX_SMP, blanks and + - * / % ( ) < > = ! ? : & |)")
		if (w == "MAX_SMP")
			w = strvar["MAX_SMP"]
		if (w ~ /^[1-9][0-9]*$/ && w + 0 <= 4096)
			v = w
		else
			smp[nsmp++] = cur "\036" n "\036" w "\036" v
	} else if (k == "extra_params") {
		v = words(v)
		if (w_err != "")
			return err(n, "extra_params: " w_err)
	} else if (k == "groups") {
		gsub(/,/, " ", v)
	} else if (k == "arch") {
		if (v == "")
			err(n, "arch needs a value")
	} else if (k == "machine") {
		if (v !~ /^[A-Za-z0-9_.,=-]+$/)
			err(n, "machine '" v "' is not a QEMU machine name")
	} else if (k == "firmware") {
		if (v !~ /^[A-Za-z0-9_.\/-]+$/)
			err(n, "firmware '" v "' is not qboot, seabios or the path of a ROM")
	} else if (k == "accel") {
		if (v !~ /^(kvm|tcg)(,[^ \t]+)?$/)
			err(n, "accel '" v "' must be kvm or tcg, optionally followed by ,property=value")
	} else if (k == "timeout") {
		# duration_check's rule (scripts/run-image.bash).
		if (v !~ /^[0-9]+(\.[0-9]+)?[smhd]?$/)
			err(n, "timeout '" v "' is not a duration (e.g. 90, 90s, 1.5m, 2h; 0: none)")
		else if (match(v, /^[0-9]+/) && RLENGTH > 7)
			err(n, "timeout '" v "' is out of range (at most 7 digits before the point)")
	} else if (k == "check") {
		split(v, list, /[ \t]+/)
		for (i in list)
			if (list[i] != "" && list[i] !~ /^[^=]+=/)
				err(n, "check '" list[i] "' is not path=value")
	} else if (k != "test_args" && k != "disabled_if") {
		return err(n, "unknown key '" key "' in [" cur_name "]")
	}
	cv[k] = v
}

# block_part(S, N): line N's part S of a """ value, joined to bval by a blank.
function block_part(s, n,    p) {
	if ((p = index(s, "\"\"\"")) > 0) {
		if (substr(s, p + 3) !~ /^[ \t]*$/)
			err(n, "text after the closing \"\"\" of '" bkey "': '" substr(s, p + 3) "'")
		inblock = 0
		s = substr(s, 1, p - 1)
	}
	s = trim(s)
	if (s != "")
		bval = bval (bval == "" ? "" : " ") s
	if (!inblock)
		set_key(bkey, bval, bline)
}

BEGIN {
	nk = split("file smp extra_params test_args arch machine firmware accel timeout check disabled_if", keys, " ")
	VALUE_MAX = 65536
	file = ENVIRON["CFG_FILE"]
	strvar["MAX_SMP"] = ENVIRON["CFG_MAX_SMP"]
	strvar["ARCH"] = ENVIRON["CFG_ARCH"]
	strvar["TEST_DIR"] = ENVIRON["CFG_TEST_DIR"]
	strvar["PROCESSOR"] = ENVIRON["CFG_PROCESSOR"]
	cur = -1
}

{
	line = $0
	sub(/\r$/, "", line)
	# Messages quote lines: a binary cfg's raw bytes must not reach the terminal.
	if (line ~ /[\000-\010\012-\037\177]/) {
		err(NR, "control character in the line (is this a text file?)")
		next
	}
}

inblock {
	if (line !~ /^[ \t]*#/)
		block_part(line, NR)
	next
}

line ~ /^[ \t]*(#|$)/ {
	next
}

{
	line = strip_comment(line)
	if (line ~ /^[ \t]*\[.*\][ \t]*$/) {
		sub(/^[ \t]*\[/, "", line)
		sub(/\][ \t]*$/, "", line)
		begin_section(line, NR)
		next
	}
	if (line !~ /^[ \t]*[A-Za-z_][A-Za-z0-9_]*[ \t]*=/) {
		err(NR, "malformed line (expected [name], key = value or # comment): '" line "'")
		next
	}
	key = trim(substr(line, 1, index(line, "=") - 1))
	v = trim(substr(line, index(line, "=") + 1))
	if (substr(v, 1, 3) != "\"\"\"") {
		set_key(key, v, NR)
		next
	}
	inblock = 1
	bkey = key
	bval = ""
	bline = NR
	block_part(substr(v, 4), NR)
}

END {
	if (inblock)
		err(bline, "'" bkey "' opens \"\"\" but the file ends before the closing \"\"\"")
	end_section()
	for (i = 0; i < nerrors; i++)
		print errors[i]
	for (i = 0; i < nsmp; i++)
		print smp[i]
	printf "END %d %d %d\n", cur + 1, nerrors, nsmp
}
