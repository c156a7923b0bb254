# SPDX-License-Identifier: GPL-2.0-only
# Parses one unittests.cfg (format: docs/unittests-cfg.md) in a single pass
# and prints the runner's T_* arrays as plain lines for cfg.bash to read
# with mapfile: nothing it prints is ever run. Values are data: extra_params
# is split into words here, $VAR and $((...)) are expanded here, and shell
# syntax that would run something is an error.
# Every problem becomes an error line "FILE:LINE: message".
# Input: the cfg as argument; ENVIRON: CFG_FILE (its name in messages),
# CFG_MAX_SMP, CFG_ARCH, CFG_TEST_DIR, CFG_PROCESSOR (the variables a value
# may use).
#
# Output: one line per test as its section ends, its fields separated by
# \036 (values never hold a newline or a control character: such a cfg
# line is an error): name, groups, line, file, smp, extra_params (words
# separated by \037), test_args, arch, machine, firmware, accel, timeout,
# check, disabled_if. Then the error lines, then "END NTESTS NERRORS",
# which tells cfg.bash that awk finished. A test is printed and forgotten:
# mawk's large arrays are chained hash tables whose lookups slow down as
# they outgrow the CPU's caches, so keeping the whole file would make a big
# cfg cost more per line than a small one.

function err(n, msg)
{
	# A binary cfg must not reach the terminal as raw bytes.
	gsub(/[\001-\037\177]/, "?", msg)
	errors[nerrors++] = file ":" n ": " msg
}

function trim(s)
{
	sub(/^[ \t]+/, "", s)
	sub(/[ \t]+$/, "", s)
	return s
}

# A '#' starts a comment at the start of a line or after a blank, but not
# inside quotes, so that disabled_if = [[ "$X" == "#" ]] keeps its '#'.
function strip_comment(s,    i, c, qc, prev, len)
{
	if (index(s, "#") == 0)
		return s
	# Without quotes, the first '#' after a blank is the comment.
	if (s !~ /["']/) {
		if (match(s, /(^|[ \t])#/))
			return substr(s, 1, RSTART - 1 + (RLENGTH == 2))
		return s
	}
	qc = ""
	prev = " "
	len = length(s)
	for (i = 1; i <= len; i++) {
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

# --- arithmetic: + - * / % and parentheses over integers -----------------
# Every intermediate value stays within +-ARITH_MAX, so nothing overflows
# (awk's numbers are doubles: exact up to 2^53).

function arith_error(msg)
{
	if (a_err == "")
		a_err = msg
	return 0
}

function arith_check(v)
{
	if (v > ARITH_MAX || v < -ARITH_MAX)
		return arith_error("a value is out of range (at most " ARITH_MAX ")")
	return v
}

function arith_primary(    v, name)
{
	if (a_tok[a_pos] == "(") {
		a_pos++
		v = arith_sum()
		if (a_tok[a_pos] != ")")
			return arith_error("missing ')'")
		a_pos++
		return v
	}
	if (a_tok[a_pos] == "-") {
		a_pos++
		return -arith_primary()
	}
	if (a_tok[a_pos] == "+") {
		a_pos++
		return arith_primary()
	}
	if (a_tok[a_pos] ~ /^[0-9]+$/) {
		if (length(a_tok[a_pos]) > 9)
			return arith_error("the number " a_tok[a_pos] " is out of range (at most " ARITH_MAX ")")
		return a_tok[a_pos++] + 0
	}
	if (a_tok[a_pos] ~ /^[A-Za-z_][A-Za-z0-9_]*$/) {
		name = a_tok[a_pos++]
		if (!(name in numvar))
			return arith_error("'" name "' is not a number variable (use MAX_SMP)")
		return numvar[name] + 0
	}
	return arith_error(a_pos > a_n ? "the expression ends too early" : "unexpected '" a_tok[a_pos] "'")
}

function arith_product(    v, r, op)
{
	v = arith_primary()
	while (a_err == "" && (a_tok[a_pos] == "*" || a_tok[a_pos] == "/" || a_tok[a_pos] == "%")) {
		op = a_tok[a_pos++]
		r = arith_primary()
		if (op == "*") {
			v = arith_check(v * r)
		} else if (r == 0) {
			return arith_error("division by zero")
		} else if (op == "/") {
			v = int(v / r)
		} else {
			v = v - int(v / r) * r
		}
	}
	return v
}

function arith_sum(    v, r, op)
{
	v = arith_product()
	while (a_err == "" && (a_tok[a_pos] == "+" || a_tok[a_pos] == "-")) {
		op = a_tok[a_pos++]
		r = arith_product()
		v = arith_check(op == "+" ? v + r : v - r)
	}
	return v
}

# arith(EXPR): the value, or "" with a_err set. $VAR and ${VAR} are the
# variable's value, as in the shell's arithmetic.
function arith(expr,    v, s)
{
	a_err = ""
	a_n = 0
	s = expr
	gsub(/\$\{/, "", s)
	gsub(/\}/, "", s)
	gsub(/\$/, "", s)
	while (s != "") {
		if (match(s, /^[ \t]+/)) {
		} else if (match(s, /^[0-9]+/) || match(s, /^[A-Za-z_][A-Za-z0-9_]*/) || match(s, /^[-+*\/%()]/)) {
			a_tok[++a_n] = substr(s, 1, RLENGTH)
		} else {
			a_err = "'" substr(s, 1, 1) "' is not allowed in arithmetic (only numbers, MAX_SMP, + - * / % and parentheses)"
			return ""
		}
		s = substr(s, RLENGTH + 1)
	}
	a_pos = 1
	a_tok[a_n + 1] = ""
	v = arith_sum()
	if (a_err == "" && a_pos <= a_n)
		a_err = "unexpected '" a_tok[a_pos] "'"
	return a_err == "" ? v : ""
}

# --- extra_params: shell-like words, without a shell ---------------------

# The value of $NAME or ${NAME} for a word, or "" with w_err set.
function var_value(name)
{
	if (name in strvar)
		return strvar[name]
	w_err = "unknown variable $" name " (a value may use $MAX_SMP, $ARCH, $TEST_DIR and $PROCESSOR)"
	return ""
}

# Expands the $... at position i of s into w_out; returns the next position.
function expand_dollar(s, i, len,    j, depth, c, name, v)
{
	c = substr(s, i + 1, 1)
	if (substr(s, i + 1, 2) == "((") {
		depth = 0
		for (j = i + 1; j <= len; j++) {
			c = substr(s, j, 1)
			if (c == "(")
				depth++
			else if (c == ")" && --depth == 0)
				break
		}
		if (j > len || substr(s, j - 1, 1) != ")") {
			w_err = "$(( without its closing ))"
			return len + 1
		}
		v = arith(substr(s, i + 3, j - i - 4))
		if (a_err != "") {
			w_err = "$((" substr(s, i + 3, j - i - 4) ")): " a_err
			return len + 1
		}
		w_out = w_out v
		w_inword = 1
		return j + 1
	}
	if (c == "(") {
		w_err = "command substitution $(...) is not allowed: cfg values are data, never run"
		return len + 1
	}
	if (c == "{") {
		j = index(substr(s, i + 2), "}")
		name = substr(s, i + 2, j - 1)
		if (j == 0 || name !~ /^[A-Za-z_][A-Za-z0-9_]*$/) {
			w_err = "bad ${...} expansion (only ${NAME} is allowed)"
			return len + 1
		}
		w_out = w_out var_value(name)
		w_inword = 1
		return i + 2 + j
	}
	if (match(substr(s, i + 1), /^[A-Za-z_][A-Za-z0-9_]*/)) {
		w_out = w_out var_value(substr(s, i + 1, RLENGTH))
		w_inword = 1
		return i + 1 + RLENGTH
	}
	if (c ~ /[0-9@*#?$!-]/) {
		w_err = "$" c " is not allowed (a value may use $MAX_SMP, $ARCH, $TEST_DIR and $PROCESSOR)"
		return len + 1
	}
	w_out = w_out "$"
	w_inword = 1
	return i + 1
}

# words(S): S split into words as a shell would (quotes, backslashes, $VAR,
# $((...))), joined by \037; "" with w_err set on an error.
function words(s,    i, len, c, q, out, n, plain)
{
	w_err = ""
	# Most values are plain options: no quote, escape or expansion.
	if (s !~ /["'\\$`;|&<>()]/) {
		n = split(s, plain, /[ \t]+/)
		out = ""
		for (i = 1; i <= n; i++)
			if (plain[i] != "")
				out = out (out == "" ? "" : "\037") plain[i]
		return out
	}
	out = ""
	w_out = ""
	w_inword = 0
	q = ""
	len = length(s)
	i = 1
	while (i <= len && w_err == "") {
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
			i = expand_dollar(s, i, len)
		} else if (q == "\"") {
			if (c == "\"") {
				q = ""
			} else if (c == "\\" && substr(s, i + 1, 1) ~ /[$`"\\]/) {
				w_out = w_out substr(s, ++i, 1)
			} else {
				w_out = w_out c
			}
			i++
		} else if (c == " " || c == "\t") {
			if (w_inword)
				out = out (out == "" ? "" : "\037") w_out
			w_out = ""
			w_inword = 0
			i++
		} else if (c == "'" || c == "\"") {
			q = c
			w_inword = 1
			i++
		} else if (c == "\\") {
			if (i == len)
				w_err = "a backslash ends the value"
			w_out = w_out substr(s, i + 1, 1)
			w_inword = 1
			i += 2
		} else if (c ~ /[;|&<>()]/) {
			w_err = "'" c "' is shell syntax, not allowed: cfg values are data, never run (quote it if it is part of an option)"
		} else {
			w_out = w_out c
			w_inword = 1
			i++
		}
	}
	if (w_err == "" && q != "")
		w_err = "unbalanced " (q == "'" ? "single" : "double") " quote"
	if (w_err != "")
		return ""
	if (w_inword)
		out = out (out == "" ? "" : "\037") w_out
	return out
}

# --- sections and keys ----------------------------------------------------

# Prints the current test's line (the defaults for keys it does not set:
# smp 1, the others empty) and forgets it.
function end_section(    i, row)
{
	if (cur < 0)
		return
	if (!("file" in cv))
		err(cur_line, "test '" cur_name "' has no 'file' key")
	row = cur_name "\036" ("groups" in cv ? cv["groups"] : "") "\036" cur_line
	for (i = 1; i <= nk; i++)
		row = row "\036" (keys[i] in cv ? cv[keys[i]] : (keys[i] == "smp" ? 1 : ""))
	print row
	split("", cv)
	split("", seen)
}

function begin_section(nm, n)
{
	end_section()
	if (nm !~ /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/) {
		err(n, "bad test name '[" nm "]': use letters, digits and _ . + -")
		nm = "?" n
	} else if (nm in first_line) {
		err(n, "duplicate test name '" nm "' (first defined on line " first_line[nm] ")")
	} else {
		first_line[nm] = n
	}
	cur = ntests++
	cur_name = nm
	cur_line = n
}

function set_key(key, v, n,    k, i, nw, list, w)
{
	k = key
	if (k == "qemu_params")
		k = "extra_params"
	if (cur < 0) {
		err(n, "'" key "' before the first [test] section")
		return
	}
	if (k in seen) {
		err(n, "duplicate key '" key "' in [" cur_name "] (first set on line " seen[k] ")")
		return
	}
	seen[k] = n
	if (k == "file") {
		if (v == "" || v ~ /[ \t]/)
			err(n, "file '" v "' must be one image name")
	} else if (k == "smp") {
		w = arith(v)
		if (a_err != "") {
			err(n, "smp '" v "' is not a number or an expression over $MAX_SMP: " a_err)
			return
		}
		if (w < 1 || w > SMP_MAX) {
			err(n, "smp '" v "' gives " w " CPUs: expected 1 to " SMP_MAX)
			return
		}
		v = w
	} else if (k == "extra_params") {
		w = words(v)
		if (w_err != "") {
			err(n, "extra_params: " w_err)
			return
		}
		v = w
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
		# duration_valid's rule (scripts/run-image.bash): timeout(1)'s
		# durations, at most 7 digits before the point, 0 for none.
		if (v !~ /^[0-9]+(\.[0-9]+)?[smhd]?$/)
			err(n, "timeout '" v "' is not a duration (e.g. 90, 90s, 1.5m, 2h; 0: none)")
		else if (match(v, /^[0-9]+/) && RLENGTH > 7)
			err(n, "timeout '" v "' is out of range (at most 7 digits before the point)")
	} else if (k == "check") {
		nw = split(v, list, /[ \t]+/)
		for (i = 1; i <= nw; i++)
			if (list[i] != "" && list[i] !~ /^[^=]+=/)
				err(n, "check '" list[i] "' is not path=value")
	} else if (k != "test_args" && k != "disabled_if") {
		err(n, "unknown key '" key "' in [" cur_name "]")
		return
	}
	cv[k] = v
}

BEGIN {
	nk = split("file smp extra_params test_args arch machine firmware accel timeout check disabled_if", keys, " ")
	ARITH_MAX = 1000000000
	SMP_MAX = 4096
	file = ENVIRON["CFG_FILE"]
	numvar["MAX_SMP"] = ENVIRON["CFG_MAX_SMP"]
	strvar["MAX_SMP"] = ENVIRON["CFG_MAX_SMP"]
	strvar["ARCH"] = ENVIRON["CFG_ARCH"]
	strvar["TEST_DIR"] = ENVIRON["CFG_TEST_DIR"]
	strvar["PROCESSOR"] = ENVIRON["CFG_PROCESSOR"]
	cur = -1
	ntests = 0
	nerrors = 0
	inblock = 0
}

{
	n = NR
	line = $0
	sub(/\r$/, "", line)
	if (line ~ /[\000-\010\012-\037\177]/) {
		err(n, "control character in the line (is this a text file?)")
		next
	}
}

inblock {
	if (line ~ /^[ \t]*#/)
		next
	if ((p = index(line, "\"\"\"")) > 0) {
		part = trim(substr(line, 1, p - 1))
		rest = substr(line, p + 3)
		inblock = 0
		if (rest !~ /^[ \t]*$/)
			err(n, "text after the closing \"\"\" of '" bkey "': '" rest "'")
	} else {
		part = trim(line)
	}
	if (part != "")
		bval = bval (bval == "" ? "" : " ") part
	if (!inblock)
		set_key(bkey, bval, bline)
	next
}

line ~ /^[ \t]*(#|$)/ {
	next
}

{
	line = strip_comment(line)
	if (line ~ /^[ \t]*\[.*\][ \t]*$/) {
		nm = line
		sub(/^[ \t]*\[/, "", nm)
		sub(/\][ \t]*$/, "", nm)
		begin_section(nm, n)
		next
	}
	if (line !~ /^[ \t]*[A-Za-z_][A-Za-z0-9_]*[ \t]*=/) {
		err(n, "malformed line (expected [name], key = value or # comment): '" line "'")
		next
	}
	eq = index(line, "=")
	key = trim(substr(line, 1, eq - 1))
	v = trim(substr(line, eq + 1))
	if (substr(v, 1, 3) != "\"\"\"") {
		set_key(key, v, n)
		next
	}
	v = substr(v, 4)
	if ((p = index(v, "\"\"\"")) > 0) {
		rest = substr(v, p + 3)
		if (rest !~ /^[ \t]*$/)
			err(n, "text after the closing \"\"\" of '" key "': '" rest "'")
		set_key(key, trim(substr(v, 1, p - 1)), n)
		next
	}
	inblock = 1
	bkey = key
	bval = trim(v)
	bline = n
}

END {
	if (inblock)
		err(bline, "'" bkey "' opens \"\"\" but the file ends before the closing \"\"\"")
	end_section()
	for (i = 0; i < nerrors; i++)
		print errors[i]
	printf "END %d %d\n", ntests, nerrors
}
