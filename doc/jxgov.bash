# bash completion for jxgov (installed as share/bash-completion/completions/jxgov)
_jxgov()
{
    local cur prev cmd opts
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W 'ingest check index --help --version' -- "$cur"))
        return
    fi
    cmd=${COMP_WORDS[1]}
    case $cmd in
    ingest) opts='--db= --jobs= --quiet --verbose --recursive --timeout= --no-search --help --version -j -q -v -r -h -V --' ;;
    check) opts='--quiet --verbose --recursive --help --version -q -v -r -h -V --' ;;
    index) opts='--db= --timeout= --help --version -h -V' ;;
    *) return ;;
    esac
    case $prev in
    -j|--jobs|--timeout) return ;;
    esac
    case $cur in
    --db=*) cur=${cur#--db=}; COMPREPLY=($(compgen -f -- "$cur")); return ;;
    -*) COMPREPLY=($(compgen -W "$opts" -- "$cur")); [[ $COMPREPLY == *= ]] && compopt -o nospace; return ;;
    esac
    # files: texts and directories
    COMPREPLY=($(compgen -f -X '!*.txt' -- "$cur") $(compgen -d -- "$cur"))
}
complete -o filenames -F _jxgov jxgov
