# Parses an arch's unittests.cfg into the T_* arrays (one slot per test, in
# file order). The whole file is read with one mapfile and parsed with bash
# builtins only: listing a 100-entry cfg has to stay well under 50 ms, so
# nothing here may fork per line. Every problem is collected as FILE:LINE so
# that one run shows them all; the caller refuses to run anything if any.

declare -ga T_NAME=() T_LINE=() T_FILE=() T_SMP=() T_EXTRA=() T_ARGS=() \
	T_GROUPS=() T_ARCH=() T_MACHINE=() T_ACCEL=() T_TIMEOUT=() T_CHECK=() \
	T_DISABLED=()
declare -gA T_INDEX=()
declare -ga CFG_ERRORS=()
declare -g CFG_FILE=''
declare -gi NTESTS=0
# Keys seen in the current section, with the line that set them.
declare -gA CFG_SEEN=()
declare -g CFG_CUR=-1

cfg_error()
{
	CFG_ERRORS+=("$CFG_FILE:$1: $2")
}

# Drops a trailing comment from $line. A '#' starts a comment at the start
# of a line or after a blank, but not inside quotes, so that values such as
# disabled_if = [[ "$X" == "#" ]] keep their '#'.
cfg_strip_comment()
{
	local i c q='' prev=' ' len=${#line}
	for (( i = 0; i < len; i++ )); do
		c=${line:i:1}
		if [[ -n $q ]]; then
			[[ $c == "$q" ]] && q=
		elif [[ $c == [\"\'] ]]; then
			q=$c
		elif [[ $c == '#' && $prev == [[:space:]] ]]; then
			line=${line:0:i}
			return
		fi
		prev=$c
	done
}

cfg_end_section()
{
	if (( CFG_CUR >= 0 )) && [[ -z ${T_FILE[CFG_CUR]} ]]; then
		cfg_error "${T_LINE[CFG_CUR]}" "test '${T_NAME[CFG_CUR]}' has no 'file' key"
	fi
	CFG_SEEN=()
}

# cfg_begin_section NAME LINE
cfg_begin_section()
{
	local name=$1 n=$2
	cfg_end_section
	if [[ ! $name =~ ^[A-Za-z0-9_][A-Za-z0-9_.+-]*$ ]]; then
		cfg_error "$n" "bad test name '[$name]': use letters, digits and _ . + -"
		name="?$n"
	elif [[ -n ${T_INDEX[$name]} ]]; then
		cfg_error "$n" "duplicate test name '$name' (first defined on line ${T_LINE[T_INDEX[$name]]})"
	fi
	CFG_CUR=$NTESTS
	(( NTESTS++ ))
	T_NAME[CFG_CUR]=$name T_LINE[CFG_CUR]=$n T_FILE[CFG_CUR]=''
	T_SMP[CFG_CUR]=1 T_EXTRA[CFG_CUR]='' T_ARGS[CFG_CUR]='' T_GROUPS[CFG_CUR]=''
	T_ARCH[CFG_CUR]='' T_MACHINE[CFG_CUR]='' T_ACCEL[CFG_CUR]='' T_TIMEOUT[CFG_CUR]=''
	T_CHECK[CFG_CUR]='' T_DISABLED[CFG_CUR]=''
	[[ -n ${T_INDEX[$name]} ]] || T_INDEX[$name]=$CFG_CUR
}

# cfg_smp EXPR LINE: a number or an arithmetic expression over $MAX_SMP.
# The character check comes first because bash arithmetic would otherwise
# run command substitutions hidden in array subscripts.
cfg_smp()
{
	local expr=$1 n=$2 rest v
	# The single quotes are meant: these are the literal spellings.
	# shellcheck disable=SC2016
	rest=${expr//'$MAX_SMP'/}
	rest=${rest//'${MAX_SMP}'/}
	rest=${rest//MAX_SMP/}
	if [[ $rest == *[!0-9\ +*/%\(\)\<\>=?:!\&\|-]* ]]; then
		cfg_error "$n" "smp '$expr' is not a number or an expression over \$MAX_SMP"
		return
	fi
	# shellcheck disable=SC2016
	expr=${expr//'${MAX_SMP}'/$MAX_SMP}
	expr=${expr//'$MAX_SMP'/$MAX_SMP}
	expr=${expr//MAX_SMP/$MAX_SMP}
	{ (( v = expr )); } 2>/dev/null
	if [[ -z $v ]] || (( v < 1 )); then
		cfg_error "$n" "smp '$1' does not give a CPU count of at least 1"
		return
	fi
	T_SMP[CFG_CUR]=$v
}

# cfg_set_key KEY VALUE LINE
cfg_set_key()
{
	local key=$1 val=$2 n=$3 w
	[[ $key == qemu_params ]] && key=extra_params
	if (( CFG_CUR < 0 )); then
		cfg_error "$n" "'$1' before the first [test] section"
		return
	fi
	if [[ -n ${CFG_SEEN[$key]} ]]; then
		cfg_error "$n" "duplicate key '$1' in [${T_NAME[CFG_CUR]}] (first set on line ${CFG_SEEN[$key]})"
		return
	fi
	CFG_SEEN[$key]=$n
	case $key in
	file)
		if [[ -z $val || $val == *[[:space:]]* ]]; then
			cfg_error "$n" "file '$val' must be one image name"
		fi
		T_FILE[CFG_CUR]=$val ;;
	smp)
		cfg_smp "$val" "$n" ;;
	extra_params)
		T_EXTRA[CFG_CUR]=$val ;;
	test_args)
		T_ARGS[CFG_CUR]=$val ;;
	groups)
		T_GROUPS[CFG_CUR]=${val//,/ } ;;
	arch)
		[[ -n $val ]] || cfg_error "$n" "arch needs a value"
		T_ARCH[CFG_CUR]=$val ;;
	machine)
		[[ $val =~ ^[A-Za-z0-9_.,=-]+$ ]] || cfg_error "$n" "machine '$val' is not a QEMU machine name"
		T_MACHINE[CFG_CUR]=$val ;;
	accel)
		[[ $val =~ ^(kvm|tcg)(,[^[:space:]]+)?$ ]] ||
			cfg_error "$n" "accel '$val' must be kvm or tcg, optionally followed by ,property=value"
		T_ACCEL[CFG_CUR]=$val ;;
	timeout)
		[[ $val =~ ^[0-9]+(\.[0-9]+)?[smhd]?$ ]] ||
			cfg_error "$n" "timeout '$val' is not a duration (e.g. 90, 90s, 1.5m)"
		T_TIMEOUT[CFG_CUR]=$val ;;
	check)
		for w in $val; do
			[[ $w == ?*=* ]] || cfg_error "$n" "check '$w' is not path=value"
		done
		T_CHECK[CFG_CUR]=$val ;;
	disabled_if)
		T_DISABLED[CFG_CUR]=$val ;;
	*)
		cfg_error "$n" "unknown key '$1' in [${T_NAME[CFG_CUR]}]" ;;
	esac
}

# cfg_parse FILE: fills the T_* arrays; problems land in CFG_ERRORS.
cfg_parse()
{
	local lines line key val rest open part total n=0 closed
	CFG_FILE=$1
	[[ -r $CFG_FILE ]] || runner_die "cannot read $CFG_FILE"
	mapfile -t lines < "$CFG_FILE"
	total=${#lines[@]}
	while (( n < total )); do
		line=${lines[n]%$'\r'}
		(( n++ ))
		[[ $line =~ ^[[:space:]]*(#|$) ]] && continue
		[[ $line == *#* ]] && cfg_strip_comment
		if [[ $line =~ ^[[:space:]]*\[(.*)\][[:space:]]*$ ]]; then
			cfg_begin_section "${BASH_REMATCH[1]}" "$n"
			continue
		fi
		if [[ ! $line =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*=[[:space:]]*(.*)$ ]]; then
			cfg_error "$n" "malformed line (expected [name], key = value or # comment): '$line'"
			continue
		fi
		key=${BASH_REMATCH[1]} val=${BASH_REMATCH[2]}
		val=${val%"${val##*[![:space:]]}"}
		open=$n
		if [[ $val == '"""'* ]]; then
			val=${val#'"""'} closed=
			if [[ $val == *'"""'* ]]; then
				rest=${val#*'"""'} val=${val%%'"""'*} closed=1
			else
				while (( n < total )); do
					line=${lines[n]%$'\r'}
					(( n++ ))
					[[ $line =~ ^[[:space:]]*# ]] && continue
					part=${line%%'"""'*}
					part=${part#"${part%%[![:space:]]*}"}
					part=${part%"${part##*[![:space:]]}"}
					[[ -n $part ]] && val+=" $part"
					if [[ $line == *'"""'* ]]; then
						rest=${line#*'"""'} closed=1
						break
					fi
				done
			fi
			if [[ -z $closed ]]; then
				cfg_error "$open" "'$key' opens \"\"\" but the file ends before the closing \"\"\""
				continue
			fi
			[[ $rest =~ ^[[:space:]]*$ ]] ||
				cfg_error "$n" "text after the closing \"\"\" of '$key': '$rest'"
			val=${val#"${val%%[![:space:]]*}"}
		fi
		cfg_set_key "$key" "$val" "$open"
	done
	cfg_end_section
}
