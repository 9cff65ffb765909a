# bash completion for tlsviz: its options, scenario names, lesson names and export formats.
# Installed by make install (as share/bash-completion/completions/tlsviz). The names are read
# at completion time from the very program being completed (its --list and --help), so they
# are always those of that build: an unavailable scenario is not offered, a lesson added to
# the lessons folder is.

# The available scenarios, then (with "lessons") the lessons, of `tlsviz --list`.
_tlsviz_list()
{
	"$1" --list 2>/dev/null | awk -v want="$2" '
		/^Scenarios/ { part = "scenarios"; next }
		/^Lessons \(/ { part = "lessons"; next }
		/^$/ { part = ""; next }
		part == "scenarios" && want == "scenarios" && $2 == "available" { print $1 }
		part == "lessons" && want == "lessons" { print $1 }'
}

# The export formats, from the "Formats:" line of `tlsviz --help`.
_tlsviz_formats()
{
	"$1" --help 2>/dev/null | sed -n 's/^Formats: //p' | tr -d ','
}

# Every option that `tlsviz --help` names.
_tlsviz_options()
{
	"$1" --help 2>/dev/null | grep -oE '(^|[ ,])--?[a-zA-Z][a-zA-Z-]*' | tr -d ' ,' | sort -u
}

_tlsviz()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local prog=${COMP_WORDS[0]}
	[[ $prog == "~/"* ]] && prog=$HOME/${prog#"~/"}
	# --option=value: bash makes the '=' a word of its own ("--rtt" "=" "20"), and
	# readline completes the text after it.
	if [[ $cur == = ]]; then
		cur=""
	elif [[ $prev == = && $COMP_CWORD -ge 2 ]]; then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	fi
	COMPREPLY=()
	case $prev in
	-s | --scenario)
		mapfile -t COMPREPLY < <(compgen -W "$(_tlsviz_list "$prog" scenarios)" -- "$cur")
		return
		;;
	--compare)
		# A,B: the part before the comma stays as it is.
		local first=""
		if [[ $cur == *,* ]]; then
			first=${cur%%,*},
			cur=${cur#*,}
		fi
		mapfile -t COMPREPLY < <(compgen -P "$first" -W "$(_tlsviz_list "$prog" scenarios)" \
			-- "$cur")
		return
		;;
	--lesson)
		# A lesson's name, or a path to a .lesson file.
		mapfile -t COMPREPLY < <(compgen -W "$(_tlsviz_list "$prog" lessons)" -- "$cur"
			compgen -f -X '!*.lesson' -- "$cur"
			compgen -d -S / -- "$cur")
		return
		;;
	-e | --export)
		mapfile -t COMPREPLY < <(compgen -W "$(_tlsviz_formats "$prog")" -- "$cur")
		return
		;;
	-o | --output | --open | --keylog | --rsa-key)
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return
		;;
	--seed | --rtt | --connection)
		return # a number: nothing to offer
		;;
	esac
	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$(_tlsviz_options "$prog")" -- "$cur")
	fi
}
complete -F _tlsviz tlsviz
