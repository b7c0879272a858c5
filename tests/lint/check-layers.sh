#!/usr/bin/env bash
# Usage: check-layers.sh SOURCE_DIR [FILE...]. The include rules of DESIGN.md's layers, checked on
# every #include of every file of a layer (or only the files given, for a test of this script):
#   core     "core/..." only; no Qt, no libobs
#   render   "core/", "render/"; libobs graphics; no Qt
#   control  "core/", "control/"; no Qt, no libobs
#   chat     "core/", "chat/"; Qt; no libobs
#   offscreen "core/", "control/", "obs/", "offscreen/"; libobs, Qt Gui; no widgets
#   cli      "core/", "chat/", "cli/", "offscreen/render_job.hpp" (libobs-free); Qt; no libobs
#   ui       "control/", "ui/" (core only through control's types); Qt; no libobs
#   obs      the module: everything
# that no file of plugin/control is past 400 lines (a façade over per-domain parts), and that
# every connect and queued call of ui/ and plugin/chat/ hands Qt a guarded callable.
# Each library's include root already stops a quoted include of a layer it does not link; this
# also catches what a root cannot: system headers (<obs/obs.h>, Qt's) and a layer reachable
# through a dependency (ui -> control -> core).
set -uo pipefail
cd "$1" || exit 1
shift

# layer folder ; quoted prefixes allowed ; system headers refused (an extended regex)
qt='Q[A-Za-z]+(/|>)|Qt[A-Za-z]+/'
libobs='obs(-module|-frontend-api|-data|-source)?\.h>|obs/|util/|graphics/|callback/|media-io/|libobs/'
widgets='QtWidgets/|Q(Widget|Dialog|MainWindow|Application|PushButton|Label)>'
rules=(
    "plugin/core;core/;$qt|$libobs"
    "plugin/render;core/ render/;$qt"
    "plugin/control;core/ control/;$qt|$libobs"
    "plugin/chat;core/ chat/;$libobs"
    "plugin/offscreen;core/ control/ obs/ offscreen/;$widgets"
    "plugin/cli;core/ chat/ cli/ offscreen/render_job.hpp;$libobs"
    "ui;control/ ui/;$libobs"
)

bad=0
check_file() { # FILE FOLDER ALLOWED REFUSED
    local file=$1 folder=$2 allowed=$3 refused=$4 line n=0
    while IFS= read -r line; do
        n=$((n + 1))
        [[ $line =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*([\"\<])([^\"\>]+)[\"\>] ]] || continue
        local kind=${BASH_REMATCH[1]} path=${BASH_REMATCH[2]}
        if [ "$kind" = '"' ]; then
            local ok=0 prefix
            for prefix in $allowed; do
                [[ $path == "$prefix"* ]] && ok=1
            done
            # A generated header next to the file (Qt's moc output) has no folder.
            [[ $path != */* ]] && ok=1
            if [ $ok -eq 0 ]; then
                echo "$file:$n: $folder may include only ${allowed// /, } headers, not \"$path\""
                bad=$((bad + 1))
            fi
        elif [[ "<$path>" =~ ^\<($refused) ]]; then
            echo "$file:$n: $folder may not include <$path> (a layer below Qt and libobs)"
            bad=$((bad + 1))
        fi
    done < "$file"
}

rule_for() { # FILE -> prints the rule whose folder holds it
    local rule
    for rule in "${rules[@]}"; do
        [[ $1 == "${rule%%;*}/"* ]] && { echo "$rule"; return; }
    done
}

files=("$@")
if [ ${#files[@]} -eq 0 ]; then
    while IFS= read -r -d '' f; do files+=("$f"); done < \
        <(find plugin ui -type f \( -name '*.cpp' -o -name '*.hpp' \) -print0 | sort -z)
fi
checked=0
for f in "${files[@]}"; do
    rule=$(rule_for "$f")
    [ -n "$rule" ] || continue
    IFS=';' read -r folder allowed refused <<<"$rule"
    check_file "$f" "$folder" "$allowed" "$refused"
    checked=$((checked + 1))
done
# The control layer stays a façade over small per-domain parts: no file of it past 400 lines.
for f in "${files[@]}"; do
    [[ $f == plugin/control/* ]] || continue
    lines=$(wc -l <"$f")
    if [ "$lines" -gt 400 ]; then
        echo "$f: $lines lines; a file of plugin/control holds at most 400 (split it by domain)"
        bad=$((bad + 1))
    fi
done
# Qt does not support an exception leaving a slot: it unwinds through the event loop and ends
# OBS. Every connect and queued call of the dock and of the chat connectors (on the chat thread)
# hands Qt a guarded callable (core::guarded_slot, run_guarded; control/guard.hpp for the dock).
for f in "${files[@]}"; do
    [[ $f == ui/*.cpp || $f == plugin/chat/*.cpp ]] || continue
    while IFS= read -r found; do
        echo "$f:$found: a slot Qt calls goes through guarded_slot or run_guarded"
        bad=$((bad + 1))
    done < <(perl -0777 -ne '
        while (/\b(connect|QMetaObject::invokeMethod)\(/g) {
            my ($start, $depth, $at) = ($-[0], 1, $+[0]);
            while ($depth > 0 && $at < length) {
                my $c = substr($_, $at++, 1);
                $depth++ if $c eq "(";
                $depth-- if $c eq ")";
            }
            my $call = substr($_, $start, $at - $start);
            next if $call =~ /\b(guarded_slot|run_guarded)\(/;
            print 1 + (substr($_, 0, $start) =~ tr/\n//), "\n";
        }' "$f")
done
echo "layers: $checked files checked, $bad breaks of the layer rules"
[ "$bad" -eq 0 ]
