# Parses one unittests.cfg (format: docs/unittests-cfg.md) in a single pass
# and prints bash assignments of the runner's T_* arrays for cfg.bash to
# eval. A parser in awk costs one fork per run; the same work in bash costs
# ~100 us per line, too slow for listing a large cfg in under 50 ms.
# Every problem becomes a CFG_ERRORS entry "FILE:LINE: message".
# Input: the cfg on stdin or as argument; ENVIRON["CFG_FILE"] names it.

function q(s)
{
	gsub(/'/, "'\\''", s)
	return "'" s "'"
}

function err(n, msg)
{
	errors = errors "CFG_ERRORS+=(" q(file ":" n ": " msg) ")\n"
}

function trim(s)
{
	sub(/^[ \t]+/, "", s)
	sub(/[ \t]+$/, "", s)
	return s
}

function replace_all(s, from, to,    out, p)
{
	out = ""
	while ((p = index(s, from)) > 0) {
		out = out substr(s, 1, p - 1) to
		s = substr(s, p + length(from))
	}
	return out s
}

# A '#' starts a comment at the start of a line or after a blank, but not
# inside quotes, so that disabled_if = [[ "$X" == "#" ]] keeps its '#'.
function strip_comment(s,    i, c, qc, prev, len)
{
	if (index(s, "#") == 0)
		return s
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

function end_section(    k)
{
	if (cur >= 0 && !((cur, "file") in val))
		err(line_of[cur], "test '" name[cur] "' has no 'file' key")
	for (k in seen)
		delete seen[k]
}

function begin_section(nm, n)
{
	end_section()
	if (nm !~ /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/) {
		err(n, "bad test name '[" nm "]': use letters, digits and _ . + -")
		nm = "?" n
	} else if (nm in index_of) {
		err(n, "duplicate test name '" nm "' (first defined on line " line_of[index_of[nm]] ")")
	}
	cur = ntests++
	name[cur] = nm
	line_of[cur] = n
	if (!(nm in index_of))
		index_of[nm] = cur
}

function set_key(key, v, n,    k, r, i, nw, words)
{
	k = key
	if (k == "qemu_params")
		k = "extra_params"
	if (cur < 0) {
		err(n, "'" key "' before the first [test] section")
		return
	}
	if (k in seen) {
		err(n, "duplicate key '" key "' in [" name[cur] "] (first set on line " seen[k] ")")
		return
	}
	seen[k] = n
	if (k == "file") {
		if (v == "" || v ~ /[ \t]/)
			err(n, "file '" v "' must be one image name")
	} else if (k == "smp") {
		# Only digits, operators and MAX_SMP: bash arithmetic would
		# otherwise run command substitutions hidden in subscripts.
		r = replace_all(replace_all(replace_all(v, "${MAX_SMP}", ""), "$MAX_SMP", ""), "MAX_SMP", "")
		if (r ~ /[^0-9 +*\/%()<>=?:!&|-]/ || trim(r) == "" && v !~ /MAX_SMP/) {
			err(n, "smp '" v "' is not a number or an expression over $MAX_SMP")
			return
		}
		v = trim(replace_all(replace_all(replace_all(v, "${MAX_SMP}", "MAX_SMP"), "$MAX_SMP", "MAX_SMP"), "MAX_SMP", max_smp))
		# A plain number is checked here; only real expressions are
		# left for bash arithmetic (cfg.bash).
		if (v !~ /^[0-9]+$/)
			smp_line[cur] = n
		else if (v + 0 < 1)
			err(n, "smp '" v "' does not give a CPU count of at least 1")
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
		if (v !~ /^[0-9]+(\.[0-9]+)?[smhd]?$/)
			err(n, "timeout '" v "' is not a duration (e.g. 90, 90s, 1.5m)")
	} else if (k == "check") {
		nw = split(v, words, /[ \t]+/)
		for (i = 1; i <= nw; i++)
			if (words[i] != "" && words[i] !~ /^[^=]+=/)
				err(n, "check '" words[i] "' is not path=value")
	} else if (k != "extra_params" && k != "test_args" && k != "disabled_if") {
		err(n, "unknown key '" key "' in [" name[cur] "]")
		return
	}
	val[cur, k] = v
}

function emit(array, key, dflt,    i, out)
{
	out = array "=("
	for (i = 0; i < ntests; i++)
		out = out " " q((i, key) in val ? val[i, key] : dflt)
	print out " )"
}

BEGIN {
	file = ENVIRON["CFG_FILE"]
	max_smp = ENVIRON["MAX_SMP"]
	cur = -1
	ntests = 0
	inblock = 0
}

{
	n = NR
	line = $0
	sub(/\r$/, "", line)
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
	printf "NTESTS=%d\n", ntests
	out = "T_NAME=("
	for (i = 0; i < ntests; i++)
		out = out " " q(name[i])
	print out " )"
	out = "T_LINE=("
	for (i = 0; i < ntests; i++)
		out = out " " line_of[i]
	print out " )"
	out = "T_INDEX=("
	for (nm in index_of)
		out = out " [" q(nm) "]=" index_of[nm]
	print out " )"
	emit("T_FILE", "file", "")
	emit("T_SMP", "smp", "1")
	emit("T_EXTRA", "extra_params", "")
	emit("T_ARGS", "test_args", "")
	emit("T_GROUPS", "groups", "")
	emit("T_ARCH", "arch", "")
	emit("T_MACHINE", "machine", "")
	emit("T_FIRMWARE", "firmware", "")
	emit("T_ACCEL", "accel", "")
	emit("T_TIMEOUT", "timeout", "")
	emit("T_CHECK", "check", "")
	emit("T_DISABLED", "disabled_if", "")
	out = "CFG_SMP_LINE=("
	for (i in smp_line)
		out = out " [" i "]=" smp_line[i]
	print out " )"
	printf "%s", errors
}
