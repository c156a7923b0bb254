# SPDX-License-Identifier: GPL-2.0-only
# Parses one unittests.cfg (docs/unittests-cfg.md) into lines for cfg.bash;
# values are data, expanded here, never run. ENVIRON: CFG_FILE (its name in
# messages), CFG_MAX_SMP, CFG_ARCH, CFG_TEST_DIR, CFG_PROCESSOR. Output: a
# line per test, fields separated by \036: name, groups, line, then the keys
# in BEGIN's order (extra_params' words separated by \037); then the errors,
# then "END NTESTS NERRORS".

function err(n, msg) {
	# A binary cfg must not reach the terminal as raw bytes.
	gsub(/[\001-\037\177]/, "?", msg)
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

# Arithmetic: every value within +-ARITH_MAX (awk's doubles are exact up to 2^53).

function a_fail(msg) {
	if (a_err == "")
		a_err = msg
	return 0
}

function a_range(v) {
	return v > ARITH_MAX || v < -ARITH_MAX ? a_fail("a value is out of range (at most " ARITH_MAX ")") : v
}

function a_primary(    v, t) {
	t = a_tok[a_pos++]
	if (t == "(") {
		v = a_sum()
		return a_tok[a_pos++] == ")" ? v : a_fail("missing ')'")
	}
	if (t == "-")
		return -a_primary()
	if (t == "+")
		return a_primary()
	if (t ~ /^[0-9]+$/)
		return length(t) > 9 ? a_fail("the number " t " is out of range (at most " ARITH_MAX ")") : t + 0
	if (t ~ /^[A-Za-z_]/)
		return t in numvar ? numvar[t] + 0 : a_fail("'" t "' is not a number variable (use MAX_SMP)")
	return a_fail(t == "" ? "the expression ends too early" : "unexpected '" t "'")
}

function a_product(    v, r, op) {
	v = a_primary()
	while (a_err == "" && a_tok[a_pos] ~ /^[*\/%]$/) {
		op = a_tok[a_pos++]
		r = a_primary()
		if (op == "*")
			v = a_range(v * r)
		else if (r == 0)
			return a_fail("division by zero")
		else
			v = op == "/" ? int(v / r) : v - int(v / r) * r
	}
	return v
}

function a_sum(    v, op) {
	v = a_product()
	while (a_err == "" && a_tok[a_pos] ~ /^[-+]$/) {
		op = a_tok[a_pos++]
		v = a_range(op == "+" ? v + a_product() : v - a_product())
	}
	return v
}

# arith(EXPR): the value, or "" with a_err set. $VAR is VAR, as in the shell.
function arith(s,    v, n) {
	a_err = ""
	n = 0
	gsub(/\$\{|\}|\$/, "", s)
	while (s != "") {
		if (match(s, /^[ \t]+/)) {
		} else if (match(s, /^([0-9]+|[A-Za-z_][A-Za-z0-9_]*|[-+*\/%()])/)) {
			a_tok[++n] = substr(s, 1, RLENGTH)
		} else {
			a_err = "'" substr(s, 1, 1) "' is not allowed in arithmetic (only numbers, MAX_SMP, + - * / % and parentheses)"
			return ""
		}
		s = substr(s, RLENGTH + 1)
	}
	a_pos = 1
	a_tok[n + 1] = ""
	v = a_sum()
	if (a_err == "" && a_pos <= n)
		a_err = "unexpected '" a_tok[a_pos] "'"
	return a_err == "" ? v : ""
}

function var_value(name) {
	if (name in strvar)
		return strvar[name]
	w_err = "unknown variable $" name " (a value may use $MAX_SMP, $ARCH, $TEST_DIR and $PROCESSOR)"
	return ""
}

# Expands the $... at position i of s onto w_out; returns the next position.
function expand_dollar(s, i,    j, depth, c, v) {
	c = substr(s, i + 1, 1)
	w_inword = 1
	if (substr(s, i + 1, 2) == "((") {
		depth = 0
		for (j = i + 1; j <= length(s); j++) {
			c = substr(s, j, 1)
			if (c == "(")
				depth++
			else if (c == ")" && --depth == 0)
				break
		}
		if (j > length(s) || substr(s, j - 1, 1) != ")")
			w_err = "$(( without its closing ))"
		v = arith(substr(s, i + 3, j - i - 4))
		if (w_err == "" && a_err != "")
			w_err = "$((" substr(s, i + 3, j - i - 4) ")): " a_err
		w_out = w_out v
		return j + 1
	}
	if (c == "(") {
		w_err = "command substitution $(...) is not allowed: cfg values are data, never run"
	} else if (c == "{") {
		j = index(substr(s, i + 2), "}")
		if (j == 0 || substr(s, i + 2, j - 1) !~ /^[A-Za-z_][A-Za-z0-9_]*$/)
			w_err = "bad ${...} expansion (only ${NAME} is allowed)"
		else
			w_out = w_out var_value(substr(s, i + 2, j - 1))
		return i + 2 + j
	} else if (match(substr(s, i + 1), /^[A-Za-z_][A-Za-z0-9_]*/)) {
		w_out = w_out var_value(substr(s, i + 1, RLENGTH))
		return i + 1 + RLENGTH
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

# words(S): S split into words as a shell would (quotes, backslashes, $VAR,
# $((...))), joined by \037; "" with w_err set on an error.
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

function set_key(key, v, n,    k, i, list, w) {
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
		w = arith(v)
		if (a_err != "")
			return err(n, "smp '" v "' is not a number or an expression over $MAX_SMP: " a_err)
		if (w < 1 || w > SMP_MAX)
			return err(n, "smp '" v "' gives " w " CPUs: expected 1 to " SMP_MAX)
		v = w
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
	ARITH_MAX = 1000000000
	SMP_MAX = 4096
	VALUE_MAX = 65536
	file = ENVIRON["CFG_FILE"]
	numvar["MAX_SMP"] = strvar["MAX_SMP"] = ENVIRON["CFG_MAX_SMP"]
	strvar["ARCH"] = ENVIRON["CFG_ARCH"]
	strvar["TEST_DIR"] = ENVIRON["CFG_TEST_DIR"]
	strvar["PROCESSOR"] = ENVIRON["CFG_PROCESSOR"]
	cur = -1
}

{
	line = $0
	sub(/\r$/, "", line)
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
	printf "END %d %d\n", cur + 1, nerrors
}
