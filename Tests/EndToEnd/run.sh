#!/usr/bin/env bash
# End-to-end checks of the real `camxuc` binary, as a user runs it. Sound goes to ALSA's null device; the terminal
# cases run inside tmux. Prints one line per check and a closing "e2e: N passed, M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
camxuc=${CAMXUC:-$root/.build/release/camxuc}
# mido, the independent MIDI library that writes primers and reads outputs.
mido_python=${CAMXUC_PYTHON:-$root/.build/e2e-venv/bin/python}
fixtures=$root/Tests/Fixtures
work=$(mktemp -d)
trap 'rm -rf "$work"; tmux -L camxuc-e2e kill-server 2>/dev/null || true' EXIT
export XDG_STATE_HOME=$work/state XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/xdg-config
export ALSA_CONFIG_PATH=$fixtures/alsa-null.conf
unset CAMXUC_SOUNDFONT
passed=0
failed=0
# One session lives for the whole run, so the tmux server never exits between checks (a new session started while
# the last one's server shuts down fails with "server exited unexpectedly").
tmux -L camxuc-e2e new-session -d -s keepalive "sleep 3600"

check() {  # check NAME CONDITION-COMMAND...
    local name=$1
    shift
    if "$@"; then
        passed=$((passed + 1))
        echo "ok - $name"
    else
        failed=$((failed + 1))
        echo "not ok - $name"
        echo "    stdout: $(head -c 600 "$work/out" 2>/dev/null)"
        echo "    stderr: $(head -c 600 "$work/err" 2>/dev/null)"
    fi
}

# run ARGS...: runs camxuc, keeping stdout, stderr and the exit code.
run() {
    "$camxuc" "$@" >"$work/out" 2>"$work/err" </dev/null
    code=$?
}
wait_until_caught() {  # wait_until_caught PID NUMBER: until process PID catches signal NUMBER (or has ended)
    local mask
    for _ in $(seq 400); do
        mask=$(awk '/^SigCgt:/ {print $2}' "/proc/$1/status" 2>/dev/null)
        [ -z "$mask" ] && return
        (( (16#$mask >> ($2 - 1)) & 1 )) && return
        sleep 0.05
    done
}
run_signalled() {  # run_signalled SIGNAL SECONDS ARGS...: run camxuc as `run` does, send SIGNAL after SECONDS
    local signal=$1 seconds=$2
    shift 2
    # A background job of a script starts with SIGINT and SIGQUIT ignored, and camxuc leaves a signal it started
    # with ignored so (as every program does); a user's Ctrl-C reaches a foreground command with them at their
    # defaults, as `env --default-signal` sets them here.
    env --default-signal=INT,QUIT "$camxuc" "$@" >"$work/out" 2>"$work/err" </dev/null &
    local pid=$!
    # The signal goes once camxuc catches it (its bit in /proc's SigCgt), not after a guess at how long starting
    # takes: on a loaded machine an early SIGINT met the ignored disposition a background job inherits, and a
    # 1-hour render ran to its end.
    wait_until_caught $pid "$(kill -l "$signal")"
    sleep "$seconds"
    kill -"$signal" $pid
    wait $pid
    code=$?
}
exit_is() { [ "$code" = "$1" ]; }
out_has() { grep -q -- "$1" "$work/out"; }
err_is_one_line_with() { [ "$(wc -l <"$work/err")" = 1 ] && grep -q -- "$1" "$work/err"; }
err_is_empty() { [ ! -s "$work/err" ]; }

# --- help and info ----------------------------------------------------------------------------------------------
run --help
check "help lists the commands" bash -c "[ $code = 0 ] && grep -q play '$work/out' && grep -q render '$work/out' && grep -q info '$work/out'"
check "help documents exit codes" bash -c "tr '\\n' ' ' <'$work/out' | grep -q '69 no audio device.*78 bad config'"

run info "$fixtures/midi/mido-format1.mid"
check "info reads a mido file" bash -c "[ $code = 0 ] && grep -q 'notes     9 (C2–G5) on 2 channels' '$work/out'"

run info --json "$fixtures/midi/bench-30s.mid"
check "info --json is JSON" bash -c "[ $code = 0 ] && python3 -c 'import json,sys; d=json.load(open(\"$work/out\")); assert d[\"notes\"]==300' "
run info "$fixtures/midi/mido-format1.mid" "$work/nowhere.mid" "$fixtures/midi/bench-30s.mid"
check "info describes several files in turn, one it cannot read said on stderr, exit its code" bash -c "[ $code = 66 ] && grep -q 'notes     9 (C2–G5)' '$work/out' && grep -q 'notes     300' '$work/out' && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'nowhere.mid' '$work/err'"
run info --json "$fixtures/midi/mido-format1.mid" "$fixtures/midi/bench-30s.mid"
check "info --json with several files is one JSON array" bash -c "[ $code = 0 ] && python3 -c 'import json; d=json.load(open(\"$work/out\")); assert [x[\"notes\"] for x in d]==[9,300]'"

# --- analyze ------------------------------------------------------------------------------------------------------
run analyze "Hôm nay tôi rất vui"
check "analyze: a happy sentence reads as vui vẻ in Q1" bash -c "[ $code = 0 ] && head -1 '$work/out' | grep -q 'vui vẻ .*◀' && grep -q 'Q1' '$work/out'"
run analyze --lang EN --no-personal "vui quá"
check "analyze --lang EN is English (upper case was refused)" bash -c "[ $code = 0 ] && head -1 '$work/out' | grep -q 'enjoyment .*◀'"
run analyze "$fixtures/midi/mido-format1.mid"
check "analyze given a file's path says it reads text (it read the path as words, silently)" bash -c "[ $code = 0 ] && grep -q \"^camxuc: note: '.*mido-format1.mid' is a MIDI file, read here as text; to describe it: camxuc info \" '$work/err'"
run analyze --lang fr "vui quá"
check "analyze --lang fr: exit 64, naming the languages there are" bash -c "[ $code = 64 ] && grep -q \"one of 'vi' and 'en'\" '$work/err'"
run analyze --no-personal "tooi buoonf quas"
check "analyze: text typed with Telex off is read as the words its keys type, and says so" bash -c "[ $code = 0 ] && head -1 '$work/out' | grep -q 'buồn bã .*◀' && grep -q 'gõ khi tắt bộ gõ? đọc là: «tôi buồn quá»' '$work/out'"
run compose --no-personal --text "tooi buoonf quas" --seconds 2 --seed 1 -o "$work/keys.mid"
check "compose: text typed with Telex off is composed for what it says, and the note says how it was read" bash -c "[ $code = 0 ] && grep -q '^target .*Q3' '$work/out' && grep -q 'note: read as typed with the input method off: «tôi buồn quá»' '$work/err'"
run analyze --json buồn quá, tôi muốn khóc
check "analyze --json: a sad sentence has negative valence" bash -c "[ $code = 0 ] && python3 -c 'import json; d=json.load(open(\"$work/out\")); assert d[\"winner\"]==\"Sadness\" and d[\"valence\"]<0, d'"
run analyze --json hom nay dc di choi vui qua
check "analyze: text typed without diacritics is read by the plain head and still reads as joy" bash -c "[ $code = 0 ] && python3 -c 'import json; d=json.load(open(\"$work/out\")); assert d[\"winner\"]==\"Enjoyment\" and d[\"withoutDiacritics\"] is True, d'"
run analyze "   "
check "analyze: empty text is exit 65 with one line" bash -c "[ $code = 65 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'the text is empty' '$work/err'"
printf 'vui quá\n\xc3\x28 lỗi\nsợ lắm\n' | "$camxuc" analyze >"$work/out" 2>"$work/err"
code=$?
check "analyze batch: invalid UTF-8 named with its byte offset, other lines still analysed" bash -c "[ $code = 65 ] && grep -q 'line 2: invalid UTF-8 byte 0xC3 at byte 0 of the line (byte 9 of the input)' '$work/err' && [ \$(wc -l <'$work/out') = 3 ] && [ -z \"\$(sed -n 2p '$work/out')\" ]"
printf 'vui quá\nsợ lắm\n' | "$camxuc" analyze - >"$work/out" 2>"$work/err"
code=$?
check "analyze -: a lone dash reads standard input, as with no text" bash -c "[ $code = 0 ] && [ \$(wc -l <'$work/out') = 2 ] && ! grep -q ghê '$work/out'"
python3 -c "print('vui ' * 300000)" | "$camxuc" analyze --json >"$work/out" 2>"$work/err"
code=$?
check "analyze: a 1.2 MB line is cut to the model's window and says so" bash -c "[ $code = 0 ] && grep -q '\"truncatedTokens\":299488' '$work/out'"
mkdir -p "$work/tc/camxuc" && printf 'zuiiz\tvui\n' >"$work/tc/camxuc/teencode.tsv"
XDG_CONFIG_HOME=$work/tc run analyze --json zuiiz
check "analyze reads the user's own teencode entries" bash -c "[ $code = 0 ] && grep -q '\"winner\":\"Enjoyment\"' '$work/out'"
mkdir -p "$work/lang-config/camxuc" && printf '[studio]\nlanguage = "en"\n' >"$work/lang-config/camxuc/config.toml"
XDG_CONFIG_HOME=$work/lang-config run analyze "Buồn ghê"
check "analyze follows the config's language where --lang is not given (a user who set English got Vietnamese names)" bash -c "[ $code = 0 ] && grep -q '^  point (V, A) = .* · Q3 sad$' '$work/out' && XDG_CONFIG_HOME='$work/lang-config' '$camxuc' analyze --lang vi 'Buồn ghê' | grep -q '· Q3 buồn$'"
(unset CAMXUC_MODELS; run analyze "vui"; echo "$code" >"$work/code")
code=$(cat "$work/code")
check "analyze finds its model beside the binary's repository" exit_is 0

# --- compose ------------------------------------------------------------------------------------------------------
run compose --text "Hôm nay tôi rất vui" --seed 11 --seconds 8 -o "$work/happy.mid"
check "compose from text writes a take and reports the target, settings and features" bash -c "[ $code = 0 ] && grep -q 'target    (V, A) = (+' '$work/out' && grep -q 'seed 11' '$work/out' && grep -q 'notes/s' '$work/out'"
run compose --text "Hôm nay tôi rất vui" --seed 11 --seconds 8 -o "$work/happy2.mid"
check "the same seed and settings give the same file" cmp -s "$work/happy.mid" "$work/happy2.mid"
run info "$work/happy.mid"
check "the take carries its text, emotion and sampling settings" bash -c "[ $code = 0 ] && grep -q 'text      Hôm nay tôi rất vui' '$work/out' && grep -q 'seed 11' '$work/out' && grep -q 'model     music-lstm' '$work/out'"
long="Hôm nay trời mưa to quá nên tôi ở nhà nghe nhạc buồn và nhớ về những ngày xưa cũ bên gia đình"
run compose --text "$long" --seed 3 --seconds 3 -o "$work/long-title.mid"
run info "$work/long-title.mid"
check "compose: a long text's title is cut at a word, with …, within 80 characters" bash -c "[ $code = 0 ] && grep -q 'title     Hôm nay trời mưa to quá nên tôi ở nhà nghe nhạc buồn và nhớ về những ngày xưa…\$' '$work/out'"
fluidsynth -ni -q -F "$work/happy-fs.wav" /usr/share/sounds/sf2/TimGM6mb.sf2 "$work/happy.mid" >/dev/null 2>&1
check "the fluidsynth program renders the composed file" bash -c "[ -s '$work/happy-fs.wav' ] && python3 -c 'import sys; assert float(sys.argv[1]) > 0.01' \$(sox '$work/happy-fs.wav' -n stat 2>&1 | awk '/Maximum amplitude/ {print \$3}')"
run compose --valence -0.8 --arousal -0.6 --seed 3 --seconds 6 --key C -o "$work/sad.mid" --wav "$work/sad.wav"
check "compose from a point writes MIDI and WAV" bash -c "[ $code = 0 ] && [ -s '$work/sad.mid' ] && [ -s '$work/sad.wav' ] && grep -q 'C minor' '$work/out'"
check "compose names the chord plan of the controls and counts the take's pitch classes" bash -c "grep -Eq '^controls  C minor i–.* \\(chord plan, [0-9]+ chords\\)' '$work/out' && grep -q '^take .*, [0-9]* pitch classes$' '$work/out'"
# The file says the tempo the take played at (it said 120 bpm whatever the emotion's tempo): mido reads 120 × the
# printed tempo scale, and the chord plan's first change on a whole beat.
check "compose: the file's tempo is 120 bpm × the take's tempo scale (mido)" bash -c "'$mido_python' -c \"import mido,re,sys; s=float(re.search(r'tempo ×([0-9.]+)', open(sys.argv[2]).read()).group(1)); t=[m.tempo for tr in mido.MidiFile(sys.argv[1]).tracks for m in tr if m.type=='set_tempo']; b=[mido.tempo2bpm(x) for x in t]; sys.exit(0 if len(b)==1 and abs(b[0]-120*s) < 0.7 and abs(s-1) > 0.1 else 1)\" '$work/sad.mid' '$work/out'"
# A key the user named is written as they wrote it: --key C# was printed and written as Db major (five flats).
run compose --valence 0.6 --arousal 0.4 --seed 3 --seconds 3 --key C# -o "$work/csharp.mid"
check "compose --key C# prints C# major and the file's key signature is C# (mido)" bash -c "[ $code = 0 ] && grep -q '^controls  C# major' '$work/out' && [ \"\$('$mido_python' -c \"import mido,sys; print([m.key for t in mido.MidiFile(sys.argv[1]).tracks for m in t if m.type=='key_signature'])\" '$work/csharp.mid')\" = \"['C#']\" ]"
# Continued in its own key, a C# major file says no change to "Db major" where the new music starts.
run compose --primer "$work/csharp.mid" --valence 0.6 --arousal 0.4 --seed 6 --seconds 4 -o "$work/csharp-on.mid"
check "compose --primer of a C# major file goes on in C# major, no key change to Db written (mido)" bash -c "[ $code = 0 ] && grep -q '^controls  C# major' '$work/out' && [ \"\$('$mido_python' -c \"import mido,sys; print([m.key for t in mido.MidiFile(sys.argv[1]).tracks for m in t if m.type=='key_signature'])\" '$work/csharp-on.mid')\" = \"['C#']\" ]"
run render --soundfont "" "$fixtures/midi/overlapping.mid" -o "$work/x.wav"
check "render --soundfont '': 64 and one line (it fell back to the system soundfont)" bash -c "[ $code = 64 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q -- '--soundfont is empty' '$work/err'"
mkdir -p "$work/no-music"
cp "$root"/Models/emotion-vi* "$root"/Models/diacritics-vi* "$work/no-music/"
# (A binary away from the repository, which it would otherwise find its models beside.)
mkdir -p "$work/away" && cp "$camxuc" "$work/away/camxuc"
CAMXUC_MODELS="$work/no-music" "$work/away/camxuc" compose --valence 0 --arousal 0 --seconds 2 -o "$work/nm.mid" >"$work/out" 2>"$work/err" </dev/null; code=$?
check "compose without a music model: 66 (model missing), one line" bash -c "[ $code = 66 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'music model .* not found' '$work/err'"
rm -f "$work/no-music"/emotion-vi-neural.*
CAMXUC_MODELS="$work/no-music" "$work/away/camxuc" analyze "tức quá, còn bị mắng oan" >"$work/out" 2>"$work/err" </dev/null; code=$?
check "analyze without the neural head: 66 and one line, not a quiet reading by the linear heads alone" bash -c "[ $code = 66 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'emotion-vi-neural.json not found' '$work/err'"
"${CAMXUC_PYTHON:-$root/.build/e2e-venv/bin/python}" - "$work/bend.mid" <<'PY'
import sys, mido
f = mido.MidiFile(); t = mido.MidiTrack(); f.tracks.append(t)
t += [mido.Message('program_change', program=0), mido.Message('note_on', note=60, velocity=90), mido.Message('pitchwheel', pitch=-4096, time=240),
      mido.Message('program_change', program=40, time=240), mido.Message('note_off', note=60, time=480)]
f.save(sys.argv[1])
PY
run render "$work/bend.mid" -o "$work/bend.wav"
check "render says what the take has no place for (a pitch bend; the second instrument it now plays) and still renders" bash -c "[ $code = 0 ] && [ -s '$work/bend.wav' ] && grep -q 'note: .*bend.mid: 1 pitch bend left out' '$work/err' && [ \$(wc -l <'$work/err') = 1 ]"
# A render that clips is said, with a gain that would not clip; the WAV's own samples are the oracle.
run render "$fixtures/midi/bench-30s.mid" -o "$work/loud.wav" --gain 10
check "render: a clipped WAV is one note naming a gain that keeps it under full scale" bash -c "[ $code = 0 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q '^camxuc: note: [0-9]* samples clipped (peak +[0-9.]* dBFS): --gain [0-9.]* keeps this file under full scale' '$work/err' && python3 -c \"import sys,wave,array; w=wave.open(sys.argv[1]); a=array.array('h', w.readframes(w.getnframes())); sys.exit(0 if sum(1 for x in a if abs(x) >= 32767) > 100 else 1)\" '$work/loud.wav'"
gain=$(sed -n 's/.*--gain \([0-9.]*\) keeps.*/\1/p' "$work/err")
run render "$fixtures/midi/bench-30s.mid" -o "$work/loud.wav" --gain "$gain"
check "render: at the gain it named, nothing clips and nothing is said" bash -c "[ $code = 0 ] && [ ! -s '$work/err' ] && python3 -c \"import sys,wave,array; w=wave.open(sys.argv[1]); a=array.array('h', w.readframes(w.getnframes())); sys.exit(0 if max(abs(x) for x in a) < 32767 else 1)\" '$work/loud.wav'"
# compose --wav's clipping note names --gain, and compose takes it (it answered "Unknown option '--gain'").
run compose --valence 1 --arousal 1 --seconds 2 --seed 1 -o "$work/loud-compose.mid" --wav "$work/loud-compose.wav" --gain 10
check "compose --gain 10 --wav: the WAV clips and the note names a --gain that compose takes" bash -c "[ $code = 0 ] && grep -q '^camxuc: note: [0-9]* samples clipped (peak +[0-9.]* dBFS): --gain [0-9.]* keeps this file under full scale' '$work/err'"
run play --gain 10 "$work/loud-compose.mid"
check "play --gain 10: the sound clipped and play says so after playing, as render does" bash -c "[ $code = 0 ] && grep -q '^played loud-compose.mid' '$work/out' && grep -q '^camxuc: note: [0-9]* samples clipped (peak +[0-9.]* dBFS): --gain [0-9.]* keeps it under full scale' '$work/err'"
run render --soundfont "$work" "$fixtures/midi/overlapping.mid" -o "$work/x.wav"
check "a soundfont that is a folder is said to be one (it was 'not found'), exit 66" bash -c "[ $code = 66 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'is a folder; give a SoundFont 2 file' '$work/err'"
rm -f "$work/devwav.mid"
run compose --valence 0 --arousal 0 --seconds 2 -o "$work/devwav.mid" --wav /dev/full
check "compose --wav to a device is refused before composing: 73, no MIDI written" bash -c "[ $code = 73 ] && [ ! -e '$work/devwav.mid' ] && grep -q 'not a regular file' '$work/err'"
# A reader that stops early (| head -1) must not cost the files: the MIDI and WAV are still written, exit 0.
bash -c "'$camxuc' compose --valence -0.8 --arousal -0.6 --seed 3 --seconds 4 --key C -o '$work/piped.mid' --wav '$work/piped.wav' </dev/null 2>'$work/err' | head -1 >'$work/out'; exit \${PIPESTATUS[0]}"
code=$?
check "compose | head -1: the reader leaves, the MIDI and WAV are still written, exit 0" bash -c "[ $code = 0 ] && [ -s '$work/piped.mid' ] && [ -s '$work/piped.wav' ] && [ \$(wc -l <'$work/out') = 1 ] && [ ! -s '$work/err' ]"
bash -c "'$camxuc' render '$work/piped.mid' -o '$work/piped2.wav' </dev/null 2>'$work/err' | true; exit \${PIPESTATUS[0]}"
code=$?
check "render | true: the WAV is written though nobody reads the report" bash -c "[ $code = 0 ] && [ -s '$work/piped2.wav' ]"
run compose --valence 3 --arousal 0 --seed 1 --seconds 2 -o "$work/far.mid"
check "a point outside the square is clamped with a notice" bash -c "[ $code = 0 ] && grep -q 'outside' '$work/err' && grep -q '(+1.00, +0.00)' '$work/out'"
# Without -o a take goes to take.mid, and never over one: the second is take-2.mid (README's examples each wrote
# take.mid, the second replacing the first without a word).
mkdir -p "$work/default-out"
(cd "$work/default-out" && "$camxuc" compose --valence 0.5 --arousal 0.5 --seconds 2 --seed 1 >"$work/default-out/first.txt" 2>"$work/err" </dev/null && cp take.mid first.mid && "$camxuc" compose --valence -0.5 --arousal -0.5 --seconds 2 --seed 2 >"$work/default-out/second.txt" 2>>"$work/err" </dev/null)
check "compose without -o writes take.mid, then take-2.mid, leaving the first as it was" bash -c "grep -q '^wrote     take.mid' '$work/default-out/first.txt' && grep -q '^wrote     take-2.mid' '$work/default-out/second.txt' && cmp -s '$work/default-out/take.mid' '$work/default-out/first.mid' && [ -s '$work/default-out/take-2.mid' ]"
# -o - writes the MIDI file to standard output and the report to standard error (it wrote a file named "-").
"$camxuc" compose --valence 0.5 --arousal 0.5 --seconds 2 --seed 4 -o - >"$work/stdout.mid" 2>"$work/err" </dev/null; code=$?
"$camxuc" compose --valence 0.5 --arousal 0.5 --seconds 2 --seed 4 -o "$work/file.mid" >/dev/null 2>&1 </dev/null
check "compose -o - writes the MIDI file to standard output (the same bytes as -o FILE), the report to standard error" bash -c "[ $code = 0 ] && cmp -s '$work/stdout.mid' '$work/file.mid' && grep -q '^wrote     standard output' '$work/err' && [ ! -e ./- ]"
# Runs started together (xargs -P, & in a loop) each chose take.mid, each said "wrote take.mid", and one file was left.
mkdir -p "$work/parallel-out"
(cd "$work/parallel-out" && for s in 1 2 3; do "$camxuc" compose --valence 0.$s --arousal 0.1 --seconds 2 --seed $s >"out$s.txt" 2>/dev/null </dev/null & done; wait)
check "compose runs started together without -o each write a take of their own" bash -c "[ \$(ls '$work/parallel-out'/take*.mid | wc -l) = 3 ] && [ \$(cat '$work/parallel-out'/out*.txt | grep '^wrote' | sort -u | wc -l) = 3 ]"
run compose --valence 0 --arousal 0 --temperature -1
check "a negative temperature is one line naming the flag, exit 64" bash -c "[ $code = 64 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q -- '--temperature must be from 0 to 2' '$work/err'"

# --- emotional arcs -----------------------------------------------------------------------------------------------
printf 'Sáng nay được điểm mười, vui quá trời!\nMình hát suốt đường về nhà.\nTối nghe tin bà ngoại mất, buồn không tả nổi.\n' >"$work/diary.txt"
run compose --text-file "$work/diary.txt" --seed 4 --seconds 16 -o "$work/arc.mid"
check "compose --text-file follows the text's arc: three segments with their times and emotions, judged by segment" bash -c "[ $code = 0 ] && grep -q '^arc       3 segments' '$work/out' && grep -q '^          1  0.0–' '$work/out' && grep -q 'buồn bã  «Tối nghe tin bà ngoại mất' '$work/out' && grep -q 'by segment: 1 Q' '$work/out'"
check "compose along an arc writes each segment's key where its music starts, not the first one throughout (mido)" "$mido_python" "$here/key_changes.py" "$work/arc.mid" "$work/out"
run compose --text-file "$work/diary.txt" --seed 4 --seconds 16 --lang en -o "$work/arc-en.mid"
check "compose --lang en names emotions and quadrants in English (the printout mixed them)" bash -c "[ $code = 0 ] && grep -q 'sadness  «Tối nghe tin' '$work/out' && ! grep -q 'buồn bã\\|vui vẻ\\|phấn khích\\|căng thẳng\\|thư thái' '$work/out'"
run info "$work/arc.mid"
check "info prints the arc the take followed" bash -c "[ $code = 0 ] && grep -q '^  arc       3 segments' '$work/out' && grep -q '^    3  .*–16.0 s  (-' '$work/out' && ! grep -q '−' '$work/out' && grep -q '^  harmony   .* → ' '$work/out'"
run info --lang vi "$work/arc.mid"
check "info --lang vi names the arc's emotions in Vietnamese, as compose --lang vi does" bash -c "[ $code = 0 ] && grep -Eq '^    [0-9]  .*(vui vẻ|buồn bã|sợ hãi|tức giận|ghê tởm|ngạc nhiên|bình thường)  «' '$work/out' && ! grep -Eq '^    [0-9]  .*(enjoyment|sadness|neutral)  «' '$work/out'"
run info --json "$work/arc.mid"
check "info --json holds the arc's segments" bash -c "[ $code = 0 ] && python3 -c 'import json; d=json.load(open(\"$work/out\")); s=d[\"metadata\"][\"arc\"][\"segments\"]; assert len(s)==3 and s[0][\"start\"]==0 and s[-1][\"end\"]==16 and s[2][\"emotion\"]==\"Sadness\", s'"
printf 'Hôm nay tôi rất vui.\r\nTối nay buồn quá.\r\n' >"$work/crlf.txt"
run compose --text-file "$work/crlf.txt" --seed 4 --seconds 8 -o "$work/crlf.mid"
check "compose --text-file: a Windows file's CR LF lines are sentences of the arc, without the CR LF" bash -c "[ $code = 0 ] && grep -q '^arc       2 segments' '$work/out' && grep -q '«Tối nay buồn quá.»' '$work/out' && ! grep -q 'u{D}' '$work/out'"
run analyze "$(printf 'vui quá.\nbuồn \033]0;pwned\007 quá.')"
check "analyze: control characters of the text are shown as escapes in the sentence list" bash -c "[ $code = 0 ] && ! grep -q \$'\\033' '$work/out' && grep -q 'buồn \\\\u{1B}' '$work/out'"
run compose --text-file "$work/diary.txt" --seed 4 --seconds 16 --arc off -o "$work/arc-off.mid"
check "compose --arc off keeps one point for the whole text" bash -c "[ $code = 0 ] && ! grep -q '^arc ' '$work/out'"
run compose --text-file "$work/diary.txt" --seed 4 --seconds 8 -o "$work/arc-short.mid"
check "a take too short for every sentence merges the nearest neighbours and says so" bash -c "[ $code = 0 ] && grep -q '^arc       2 segments.*sentences merged to fit 8 s (at least 4 s each): 1–2' '$work/out'"
run compose --text-file "$work/diary.txt" --best-of 3 --seed 20 --seconds 12 -o "$work/arc-best.mid"
check "--best-of along an arc keeps one of the three seeds and judges its segments" bash -c "[ $code = 0 ] && grep -Eq 'seed 2[012] \(best of 3 from seed 20\)' '$work/out' && grep -q 'by segment: 1 Q' '$work/out'"
run compose --text-file "$work/no-such.txt" -o "$work/x.mid"
check "compose --text-file naming a missing file is one line, exit 66" bash -c "[ $code = 66 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'cannot read .*no-such.txt: no such file' '$work/err'"
printf 'vui\xc3(' >"$work/bad.txt"
run compose --text-file "$work/bad.txt" -o "$work/x.mid"
check "compose --text-file with invalid UTF-8 names the byte, exit 65" bash -c "[ $code = 65 ] && grep -q 'bad.txt: invalid UTF-8 byte 0xC3 at byte 3' '$work/err'"

run compose --primer "$fixtures/midi/bench-30s.mid" --primer-seconds 10 --text-file "$work/diary.txt" --seed 4 --seconds 12 -o "$work/arc-primer.mid"
run info "$work/arc-primer.mid"
check "an arc after a primer is recorded in the file's time (from the primer's last onset), the text's lines joined by /" bash -c "[ $code = 0 ] && grep -q '^    1  9\.8–' '$work/out' && grep -q '^  text      Sáng nay được điểm mười, vui quá trời! / Mình hát' '$work/out'"

# --- render -------------------------------------------------------------------------------------------------------
run render "$fixtures/midi/bench-30s.mid" -o "$work/take.wav"
check "render writes a WAV and reports it" bash -c "[ $code = 0 ] && grep -q 'wrote .*take.wav: 3[0-9].[0-9] s of audio' '$work/out'"
check "render prints nothing on stderr (no FluidSynth noise)" err_is_empty
check "the WAV is 44.1 kHz stereo, 30–34 s, and not silent" bash -c "
    [ \$(soxi -r '$work/take.wav') = 44100 ] && [ \$(soxi -c '$work/take.wav') = 2 ] &&
    python3 -c 'import sys; d=float(sys.argv[1]); assert 30 <= d <= 34' \$(soxi -D '$work/take.wav') &&
    python3 -c 'import sys; a=float(sys.argv[1]); assert a > 0.1, a' \$(sox '$work/take.wav' -n stat 2>&1 | awk '/Maximum amplitude/ {print \$3}')"

fluidsynth -ni -q -C 0 -g 1.0 -r 44100 -F "$work/oracle.wav" /usr/share/sounds/sf2/TimGM6mb.sf2 "$fixtures/midi/bench-30s.mid" >/dev/null 2>&1
check "our render is as loud as the fluidsynth program's (RMS within 1.5 dB)" bash -c "
    ours=\$(sox '$work/take.wav' -n trim 0 30 stat 2>&1 | awk '/RMS     amplitude/ {print \$3}')
    theirs=\$(sox '$work/oracle.wav' -n trim 0 30 stat 2>&1 | awk '/RMS     amplitude/ {print \$3}')
    python3 -c 'import math,sys; a,b=map(float,sys.argv[1:]); assert abs(20*math.log10(a/b)) < 1.5, (a,b)' \$ours \$theirs"

# Instruments as a General MIDI player has them: the last program before a channel's first note, piano for a channel
# with none, a change mid-piece from its tick, channel 10's kit. Each half second as loud as the fluidsynth program's.
run render "$fixtures/midi/programs.mid" -o "$work/programs.wav"
fluidsynth -ni -q -C 0 -g 1.0 -r 44100 -F "$work/programs-fs.wav" /usr/share/sounds/sf2/TimGM6mb.sf2 "$fixtures/midi/programs.mid" >/dev/null 2>&1
check "render plays the instruments fluidsynth plays (every 0.5 s within 1 dB; it kept the first program of each channel)" bash -c "[ $code = 0 ] && ! grep -q 'program change' '$work/err' && python3 -c '
import math, struct, sys, wave
def windows(path):
    w = wave.open(path); n = w.getnframes(); s = struct.unpack(\"<%dh\" % (n * 2), w.readframes(n))
    return [20 * math.log10(math.sqrt(sum(x * x for x in s[i:i + 44100]) / 44100) / 32768 + 1e-9) for i in range(0, 8 * 44100, 44100)]
ours, theirs = windows(sys.argv[1]), windows(sys.argv[2])
assert all(abs(a - b) < 1 for a, b in zip(ours, theirs)), (ours, theirs)' '$work/programs.wav' '$work/programs-fs.wav'"
run info --json "$fixtures/midi/programs.mid"
check "info counts the instrument changes" bash -c "[ $code = 0 ] && grep -q '\"programChanges\" : 1' '$work/out'"

run render "$fixtures/midi/overlapping.mid" -o /nonexistent-camxuc/take.wav
check "render into a missing folder: exit 73, one line" bash -c "[ $code = 73 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'cannot write /nonexistent-camxuc/take.wav' '$work/err'"

cp "$fixtures/midi/overlapping.mid" "$work/default-name.mid"
run render "$work/default-name.mid"
check "render without -o writes beside the MIDI file" bash -c "[ $code = 0 ] && [ -s '$work/default-name.wav' ] && ! ls -a '$work' | grep -q partial"
# "-" is standard output for a WAV and standard input for a MIDI file (render -o - wrote a file named "-", and the next
# run replaced it without a word; info - said "no such file").
(cd "$work" && "$camxuc" render - -o - <"$fixtures/midi/overlapping.mid" >"$work/piped.wav" 2>"$work/err"); code=$?
check "render - -o -: the MIDI file from standard input, the WAV to standard output, the report on stderr, no file named -" bash -c "[ $code = 0 ] && [ \$(soxi -c '$work/piped.wav') = 2 ] && grep -q '^wrote standard output: ' '$work/err' && [ ! -e '$work/-' ]"
(cd "$work" && "$camxuc" compose --valence 0.5 --arousal 0.5 --seconds 3 --seed 4 -o "$work/piped.mid" --wav - >"$work/piped2.wav" 2>"$work/err"); code=$?
check "compose --wav -: the WAV to standard output, the MIDI file where -o says" bash -c "[ $code = 0 ] && [ \$(soxi -r '$work/piped2.wav') = 44100 ] && grep -q 'wrote     standard output (WAV)' '$work/err' && [ -s '$work/piped.mid' ] && [ ! -e '$work/-' ]"
"$camxuc" info - <"$work/piped.mid" >"$work/out" 2>"$work/err"; code=$?
check "info -: the MIDI file from standard input" bash -c "[ $code = 0 ] && grep -q 'length    0:0' '$work/out'"
("$camxuc" render "$fixtures/midi/bench-30s.mid" -o - 2>"$work/err" | head -c 100 >/dev/null; exit "${PIPESTATUS[0]}"); code=$?
check "render -o - into a pipe closed early: exit 73, one line (it said 'ExitCode(rawValue: 73)' and exited 1)" bash -c "[ $code = 73 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q '^camxuc: cannot write standard output: broken pipe$' '$work/err'"

# --- bad input ----------------------------------------------------------------------------------------------------
head -c 40 "$fixtures/midi/bench-30s.mid" >"$work/truncated.mid"
run info "$work/truncated.mid"
check "truncated MIDI: exit 65, one line with the byte offset" bash -c "[ $code = 65 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'truncated.mid: .*(at byte [0-9]*)' '$work/err'"

printf 'MThd\0\0\0\6\0\0\0\1\1\340MTrk\377\377\377\377' >"$work/absurd.mid"
run render "$work/absurd.mid" -o "$work/absurd.wav"
check "absurd chunk length: exit 65, no WAV written" bash -c "[ $code = 65 ] && grep -q 'chunk length 4294967295' '$work/err' && [ ! -e '$work/absurd.wav' ]"

run play "$work/missing.mid"
check "missing file: exit 66" bash -c "[ $code = 66 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'missing.mid: no such file' '$work/err'"

run render --soundfont /nonexistent/piano.sf2 "$fixtures/midi/overlapping.mid" -o "$work/x.wav"
check "missing soundfont: exit 66, names the path and where it came from" bash -c "[ $code = 66 ] && grep -q 'soundfont not found: /nonexistent/piano.sf2 (from --soundfont)' '$work/err'"

CAMXUC_SOUNDFONT=$fixtures/midi/overlapping.mid run render "$fixtures/midi/overlapping.mid" -o "$work/x.wav"
check "a soundfont that is not one: exit 66, one line" bash -c "[ $code = 66 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'not a SoundFont 2 file' '$work/err'"
# A soundfont cut short: libinstpatch (under FluidSynth) prints GLib criticals to stderr; they go to the log.
head -c 100000 /usr/share/sounds/sf2/TimGM6mb.sf2 >"$work/cut.sf2"
run render --soundfont "$work/cut.sf2" "$fixtures/midi/overlapping.mid" -o "$work/x.wav"
check "a soundfont cut short: exit 66 and our one line, no library noise" bash -c "[ $code = 66 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q '^camxuc: ' '$work/err'"

run play --gain 50 "$fixtures/midi/overlapping.mid"
check "bad flag value: exit 64 naming the flag" bash -c "[ $code = 64 ] && grep -q -- '--gain' '$work/err'"

# --- config file -------------------------------------------------------------------------------------------------
mkdir -p "$work/config/camxuc"
printf '[audio]\nsoundfont = "/nonexistent/from-config.sf2"\n' >"$work/config/camxuc/config.toml"
XDG_CONFIG_HOME=$work/config run render "$fixtures/midi/overlapping.mid" -o "$work/x.wav"
check "the config's soundfont is used (and named when missing)" bash -c "[ $code = 66 ] && grep -q 'from-config.sf2 (from the config file)' '$work/err'"
XDG_CONFIG_HOME=$work/config run render --soundfont /usr/share/sounds/sf2/TimGM6mb.sf2 "$fixtures/midi/overlapping.mid" -o "$work/x.wav"
check "--soundfont overrides the config" exit_is 0
printf '[audio]\ngain = "loud"\ntempo = 3\n' >"$work/config/camxuc/config.toml"
XDG_CONFIG_HOME=$work/config run render "$fixtures/midi/overlapping.mid" -o "$work/x.wav"
check "a bad config value: exit 78, one line naming file and key" bash -c "[ $code = 78 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q \"config.toml: 'audio.gain' must be a number\" '$work/err'"
# A studio value out of the studio's range stopped play and render, which never read [parameters].
printf '[parameters]\nguidance = 10\n' >"$work/config/camxuc/config.toml"
XDG_CONFIG_HOME=$work/config run render "$fixtures/midi/overlapping.mid" -o "$work/x.wav"
check "render reads the config's [audio] alone: a studio value out of range does not stop it" exit_is 0
printf '[audio]\ngain = 0.5\ntempo = 3\n' >"$work/config/camxuc/config.toml"
XDG_CONFIG_HOME=$work/config run render "$fixtures/midi/overlapping.mid" -o "$work/x.wav"
check "an unknown config key is a warning, not an error" bash -c "[ $code = 0 ] && grep -q \"warning: .*unknown key 'audio.tempo' ignored\" '$work/err'"

# --- play ---------------------------------------------------------------------------------------------------------
run play "$fixtures/midi/mido-format1.mid"
check "play on ALSA's null device finishes" bash -c "[ $code = 0 ] && grep -q 'played mido-format1.mid (0:04)' '$work/out'"
check "play prints no ALSA or FluidSynth lines" err_is_empty

run play --device camxuc_no_such_device "$fixtures/midi/mido-format1.mid"
check "no audio device: exit 69, exactly one line" bash -c "[ $code = 69 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q '^camxuc: no audio device: .*rendering and saving still work$' '$work/err'"
printf '' >"$work/empty-alsa.conf"
ALSA_CONFIG_PATH=$work/empty-alsa.conf run play "$fixtures/midi/mido-format1.mid"
check "no sound card at all: exit 69, one line, ALSA's lines in the log" bash -c "[ $code = 69 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'alsa: ' '$XDG_STATE_HOME/camxuc/camxuc.log'"
# A device that stops taking sound while playing (writes to /dev/full, as an unplugged card or a plugin whose disk is
# full fails) held the playhead at 0:00 and play waited for ever without a word.
timeout 30 "$camxuc" play --device camxuc_failing "$fixtures/midi/mido-format1.mid" >"$work/out" 2>"$work/err" </dev/null
code=$?
check "play: a device that stops while playing is one line with libasound's reason, exit 69" bash -c "[ $code = 69 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q '^camxuc: the audio device stopped working while playing (/dev/full write failed.*); rendering and saving still work$' '$work/err'"

# Keys while playing in a terminal: Space pauses and resumes, → jumps 5 s, l loops, q stops; the modes come back.
tmux -L camxuc-e2e new-session -d -x 100 -y 10 -s keys "LANG=C.UTF-8 '$camxuc' play '$fixtures/midi/bench-30s.mid'; echo \"exit=\$?\"; stty -a | tr ' ' '\n' | grep -x -e icanon -e echo | tr '\n' ' '; sleep 30"
playline() { tmux -L camxuc-e2e capture-pane -p -t keys | head -1; }
for _ in $(seq 100); do playline | grep -q '▶ 0:0[1-9]' && break; sleep 0.1; done
tmux -L camxuc-e2e send-keys -t keys Space
sleep 0.5
paused=$(playline)
sleep 1.2
check "play: Space pauses (⏸), the playhead holds, and the hint says Space plays" bash -c "grep -q '^⏸ 0:0[0-9] / 0:30  bench-30s.mid  · Space play' <<<'$paused' && [ '$paused' = \"\$(tmux -L camxuc-e2e capture-pane -p -t keys | head -1)\" ]"
tmux -L camxuc-e2e send-keys -t keys Space Right
sleep 0.5
check "play: Space resumes and → jumps 5 s" bash -c "$(declare -f playline); s=\$(playline | sed -n 's/^▶ 0:\([0-9][0-9]\) .*/\1/p'); p=\$(sed -n 's/^⏸ 0:\([0-9][0-9]\) .*/\1/p' <<<'$paused'); [ -n \"\$s\" ] && [ \$((10#\$s - 10#\$p)) -ge 5 ]"
tmux -L camxuc-e2e send-keys -t keys l
check "play: l turns looping on" bash -c "$(declare -f playline); for _ in \$(seq 20); do playline | grep -q '⟳ loop' && exit 0; sleep 0.1; done; exit 1"
tmux -L camxuc-e2e send-keys -t keys q
check "play: q stops with exit 0, says where, and gives the terminal its modes back" bash -c "for _ in \$(seq 50); do s=\$(tmux -L camxuc-e2e capture-pane -p -t keys); grep -q 'icanon echo' <<<\"\$s\" && grep -q 'stopped bench-30s.mid at 0:' <<<\"\$s\" && grep -q 'exit=0' <<<\"\$s\" && exit 0; sleep 0.1; done; exit 1"
tmux -L camxuc-e2e kill-session -t keys 2>/dev/null
# Started as a background job from an interactive shell, it plays on: it never sets the terminal's modes (a
# background job that did would be stopped by SIGTTOU) and reads no keys.
tmux -L camxuc-e2e new-session -d -x 100 -y 10 -s bg "bash --norc -i"
tmux -L camxuc-e2e send-keys -t bg "LANG=C.UTF-8 '$camxuc' play '$fixtures/midi/mido-format1.mid' & sleep 1.5; jobs" Enter
check "play as a background job keeps playing and finishes" bash -c "for _ in \$(seq 100); do tmux -L camxuc-e2e capture-pane -p -t bg | grep -q 'played mido-format1.mid (0:04)' && ! tmux -L camxuc-e2e capture-pane -p -t bg | grep -q Stopped && exit 0; sleep 0.1; done; exit 1"
tmux -L camxuc-e2e kill-session -t bg 2>/dev/null

# A studio save's long name at 60 columns: the playhead stays one line, the name shortened and the keys kept (it
# wrapped, and every redraw added a line).
cp "$fixtures/midi/bench-30s.mid" "$work/ca-phe-nguoi-buon-re-thu-3-2026-12-06T173745Z.mid"
tmux -L camxuc-e2e new-session -d -x 60 -y 10 -s narrow "LANG=C.UTF-8 '$camxuc' play --loop '$work/ca-phe-nguoi-buon-re-thu-3-2026-12-06T173745Z.mid'; sleep 30"
for _ in $(seq 100); do tmux -L camxuc-e2e capture-pane -p -t narrow | grep -q '▶' && break; sleep 0.1; done
sleep 1.2
check "play: at 60 columns the playhead is one line, the long name cut and the keys kept" bash -c "screen=\$(tmux -L camxuc-e2e capture-pane -p -t narrow); [ \$(grep -c '▶' <<<\"\$screen\") = 1 ] && [ \$(grep -c . <<<\"\$screen\") = 1 ] && grep -q '▶ 0:0[0-9] / 0:30  ca-phe-ngu.*…  ⟳ loop  · Space pause' <<<\"\$screen\""
tmux -L camxuc-e2e kill-session -t narrow 2>/dev/null

# Ctrl-C and SIGTERM while playing (looping, so it is surely still playing), in a real terminal.
tmux -L camxuc-e2e new-session -d -x 100 -y 10 -s play "LANG=C.UTF-8 '$camxuc' play --loop '$fixtures/midi/bench-30s.mid'; echo \"exit=\$?\"; sleep 30"
for _ in $(seq 100); do tmux -L camxuc-e2e capture-pane -p -t play | grep -q '▶' && break; sleep 0.1; done
check "play shows a one-line playhead in a terminal" bash -c "tmux -L camxuc-e2e capture-pane -p -t play | grep -q '▶ .*/ 0:30  bench-30s.mid  ⟳ loop'"
tmux -L camxuc-e2e send-keys -t play C-c
for _ in $(seq 100); do tmux -L camxuc-e2e capture-pane -p -t play | grep -q 'exit=' && break; sleep 0.1; done
check "Ctrl-C stops cleanly with exit 130 and clears the status line" bash -c "
    screen=\$(tmux -L camxuc-e2e capture-pane -p -t play)
    grep -q 'stopped bench-30s.mid at' <<<\"\$screen\" && grep -q 'exit=130' <<<\"\$screen\" && ! grep -q '▶' <<<\"\$screen\""
tmux -L camxuc-e2e kill-session -t play 2>/dev/null

run_signalled TERM 0.5 play --loop "$fixtures/midi/bench-30s.mid"
check "SIGTERM stops cleanly with exit 130" bash -c "[ $code = 130 ] && grep -q 'stopped bench-30s.mid' '$work/out'"

# --- the studio ---------------------------------------------------------------------------------------------------
screen() { tmux -L camxuc-e2e capture-pane -p -t studio; }
end_studio() { tmux -L camxuc-e2e send-keys -t studio C-c; tmux -L camxuc-e2e kill-session -t studio 2>/dev/null; }
wait_for() { for _ in $(seq 100); do screen | grep -q -- "$1" && return 0; sleep 0.1; done; return 1; }
# emotion_panel_after TEXT SHOWN: types TEXT in the studio's text field, waits until SHOWN (TEXT as Telex makes it) is
# on screen, and moves to the Emotion panel.
emotion_panel_after() {
    tmux -L camxuc-e2e send-keys -t studio "$1"
    wait_for "$2"
    tmux -L camxuc-e2e send-keys -t studio Tab
    sleep 0.3
}
# open_prompt: leaves the text field and opens the o prompt of the studio on screen, once it shows.
open_prompt() {
    tmux -L camxuc-e2e send-keys -t studio Escape
    sleep 0.3
    tmux -L camxuc-e2e send-keys -t studio o
    wait_for "Mở tệp MIDI"
}
# signal_studio SIGNAL NAME [VARIABLE=VALUE…]: the studio in a 100×30 pane (the variables set for it), saving into
# $work/NAME, sent SIGNAL from outside once it is drawn; the pane then shows what the shell printed after it.
signal_studio() {
    local signal=$1 name=$2
    shift 2
    tmux -L camxuc-e2e new-session -d -x 100 -y 30 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-$name' XDG_DATA_HOME='$work/data-$name' LANG=C.UTF-8 $* '$camxuc' --save-folder '$work/$name'; echo \"exit=\$?\"; sleep 30"
    wait_for "Văn bản ─ Telex"
    sleep 0.3
    pkill -"$signal" -f "^$camxuc --save-folder $work/$name\$"
}
mkdir -p "$work/takes"
# A text of 200 long sentences reads for seconds: its progress shows on the terminal (only 1,000 sentences or more
# were counted, and a megabyte of them read without a word).
python3 -c 'import random; random.seed(2); w="hôm nay trời mưa tôi thấy buồn quá được tăng lương rồi sướng".split(); print(" ".join(" ".join(random.choice(w) for _ in range(800)) + "." for _ in range(200)))' >"$work/long-arc.txt"
tmux -L camxuc-e2e new-session -d -x 100 -y 30 -s studio "cd '$work' && LANG=C.UTF-8 '$camxuc' compose --text-file '$work/long-arc.txt' --seconds 10 -o '$work/long-arc.mid'; echo \"exit=\$?\"; sleep 30"
check "compose --text-file: a long read of 200 sentences shows its progress" bash -c "$(declare -f screen wait_for); wait_for 'reading 200 sentences… [0-9]*%'"
tmux -L camxuc-e2e kill-session -t studio 2>/dev/null
tmux -L camxuc-e2e new-session -d -x 120 -y 40 -s studio "cd '$work' && LANG=C.UTF-8 '$camxuc' --save-folder '$work/takes'; echo \"exit=\$?\"; sleep 30"
wait_for "Văn bản ─ Telex"
tmux -L camxuc-e2e send-keys -t studio "Hoom nay tooi raats vui"
check "studio: Telex typing shows Hôm nay tôi rất vui with vui vẻ winning" bash -c "$(declare -f screen wait_for); wait_for 'vui vẻ .*0\.[5-9]' && screen | grep -q 'Hôm nay tôi rất vui'"
check "studio: the words behind the reading arrive from the worker (vì: … vui)" bash -c "$(declare -f screen wait_for); wait_for 'vì: .*vui'"
check "studio: the target point lands in the excited quadrant" bash -c "$(declare -f screen); screen | grep -q '◆ đích (+0\.[0-9]*, +0\.[0-9]*)'"
check "studio: text with diacritics is read by the main head (no 'không dấu' in the Emotion title)" bash -c "$(declare -f screen); ! screen | grep -q 'Cảm xúc ─ không dấu'"
tmux -L camxuc-e2e send-keys -t studio C-u 2>/dev/null
for _ in $(seq 25); do tmux -L camxuc-e2e send-keys -t studio BSpace; done
tmux -L camxuc-e2e send-keys -t studio "buon qua"
check "studio: text typed without diacritics is read by the plain head, and the Emotion title says so" bash -c "$(declare -f screen wait_for); wait_for 'Cảm xúc ─ không dấu' && screen | sed -n 5p | grep -q '│ 2 buồn bã '"
tmux -L camxuc-e2e send-keys -t studio C-u 2>/dev/null
for _ in $(seq 25); do tmux -L camxuc-e2e send-keys -t studio BSpace; done
tmux -L camxuc-e2e send-keys -t studio "buoonf quas, tooi muoons khocs"
check "studio: a sad sentence puts buồn bã first and the point at negative valence" bash -c "$(declare -f screen); for _ in \$(seq 100); do screen | grep -q 'buồn quá, tôi muốn khóc' && ! screen | grep -q 'không dấu' && screen | grep -q '◆ đích (−' && screen | sed -n 5p | grep -q '│ 2 buồn bã ' && exit 0; sleep 0.1; done; exit 1"
tmux -L camxuc-e2e send-keys -t studio Enter
check "studio: Enter plays the take while it is composed (▶ and đang tạo… in the roll title)" bash -c "$(declare -f screen wait_for); wait_for 'Piano roll ─ take 1 ─ ▶ 0:0[0-9] / 0:30 ─ đang tạo… '"
check "studio: Enter composes a take and notes fill the roll" bash -c "$(declare -f screen wait_for); wait_for 'Piano roll ─ take 1' && sleep 2 && screen | grep -q '[▃▆█]'"
# Composing keeps a second ahead of what is heard, so a change made while the take plays lands inside it.
tmux -L camxuc-e2e send-keys -t studio Tab Tab Tab
sleep 0.3
tmux -L camxuc-e2e send-keys -t studio Right
check "studio: a temperature changed while the take plays is still composing it" bash -c "$(declare -f screen wait_for); wait_for 'nhiệt độ  *1\.05' && screen | grep -q 'Piano roll ─ take 1 ─ ▶ .* đang tạo… '"
tmux -L camxuc-e2e send-keys -t studio Tab
sleep 0.3
tmux -L camxuc-e2e send-keys -t studio d
check "studio: d on the take being composed asks before it stops and deletes it" bash -c "$(declare -f screen wait_for); wait_for 'take 1 vẫn đang được tạo — dừng và xoá? y/n'"
tmux -L camxuc-e2e send-keys -t studio n
check "studio: n keeps it composing" bash -c "$(declare -f screen wait_for); wait_for 'vẫn đang tạo' && screen | grep -q '▸ 1 buồn quá'"
tmux -L camxuc-e2e send-keys -t studio BTab
tmux -L camxuc-e2e send-keys -t studio s
check "studio: s saves the take as MIDI that fluidsynth renders" bash -c "$(declare -f screen wait_for); wait_for 'đã lưu' && f=\$(ls '$work/takes'/*.mid | head -1) && fluidsynth -ni -q -F '$work/studio.wav' /usr/share/sounds/sf2/TimGM6mb.sf2 \"\$f\" >/dev/null 2>&1 && [ -s '$work/studio.wav' ]"
check "studio: the saved take records the change at the take time it was made (after 0 s), and info lists no change that changed nothing (the starting settings at 0 s)" bash -c "'$camxuc' info \$(ls '$work/takes'/*.mid | head -1) >'$work/info-changes' && grep -q '^  changed   at [1-9][0-9.]* s: temperature 1.05' '$work/info-changes' && [ \$(grep -c '^  changed ' '$work/info-changes') = 1 ]"
check "studio: the saved take records what its text was read as, and info says it (sadness)" bash -c "grep -q '^  emotion   valence -0.[0-9]*, arousal [-+]0.[0-9]* (the text read as sadness)' '$work/info-changes'"
# Once the take is whole: s saves it again (it has grown), and S then puts the WAV beside that file.
for _ in $(seq 300); do screen | grep -q 'đang tạo' || break; sleep 0.1; done
sleep 1.1
tmux -L camxuc-e2e send-keys -t studio s
for _ in $(seq 100); do [ "$(ls "$work/takes"/*.mid | wc -l)" = 2 ] && break; sleep 0.1; done
sleep 1.1  # another second in the file name, so that a third copy would be seen
tmux -L camxuc-e2e send-keys -t studio S
for _ in $(seq 200); do ls "$work/takes"/*.wav >/dev/null 2>&1 && break; sleep 0.1; done
sleep 0.5
check "studio: S after s puts the WAV beside the MIDI file s saved, not a second copy" bash -c "[ \$(ls '$work/takes'/*.mid | wc -l) = 2 ] && [ \$(ls '$work/takes'/*.wav | wc -l) = 1 ] && [ \"\$(basename \$(ls -t '$work/takes'/*.mid | head -1) .mid)\" = \"\$(basename \$(ls '$work/takes'/*.wav) .wav)\" ]"
check "studio: the whole take's file has the slower tempo its sad point played at (mido; it said 120 bpm)" bash -c "'$mido_python' -c \"import mido,sys; t=[mido.tempo2bpm(m.tempo) for tr in mido.MidiFile(sys.argv[1]).tracks for m in tr if m.type=='set_tempo']; sys.exit(0 if len(t)==1 and 70 < t[0] < 115 else 1)\" \"\$(ls -t '$work/takes'/*.mid | head -1)\""
sleep 1.1
tmux -L camxuc-e2e send-keys -t studio s
check "studio: s on a take saved and unchanged says so and writes no second copy" bash -c "$(declare -f screen wait_for); wait_for 'đã lưu rồi: ' && [ \$(ls '$work/takes'/*.mid | wc -l) = 2 ]"
tmux -L camxuc-e2e resize-window -t studio -x 50 -y 15
check "studio: a small window says it is too small" bash -c "$(declare -f screen wait_for); wait_for 'cần 60×18 (đang 50×15)'"
# Keys pressed while only "too small" shows act on nothing unseen: q (which quits at once with every take saved)
# must not end the studio.
tmux -L camxuc-e2e send-keys -t studio q
sleep 0.5
tmux -L camxuc-e2e resize-window -t studio -x 100 -y 30
check "studio: and comes back when it grows, q pressed while it was too small having done nothing" bash -c "$(declare -f screen wait_for); wait_for 'Piano roll ─ take 1' && ! screen | grep -q 'exit='"
tmux -L camxuc-e2e send-keys -t studio C-c
check "studio: Ctrl-C quits with exit 0 and restores the terminal" bash -c "$(declare -f screen wait_for); wait_for 'exit=0' && ! screen | grep -q 'Văn bản'"
check "studio: the kept take remembers where s saved it (its ✓ survives a restart)" bash -c "for f in '$work/data/camxuc/takes'/*.mid; do '$camxuc' info \"\$f\"; done | grep -q '^  saved as  $work/takes/'"
tmux -L camxuc-e2e kill-session -t studio 2>/dev/null
tmux -L camxuc-e2e new-session -d -x 120 -y 40 -s studio "cd '$work' && LANG=C.UTF-8 '$camxuc'; sleep 30"
check "studio: takes are kept between runs" bash -c "$(declare -f screen wait_for); wait_for '▸ 1 buồn quá'"
check "studio: the parameters are where the last session left them (temperature 1.05)" bash -c "$(declare -f screen wait_for); wait_for 'nhiệt độ  *1\.05'"
check "studio: the text field holds the text the last session ended with, read again (a diary typed and never composed was lost at q)" bash -c "$(declare -f screen wait_for); wait_for '│ buồn quá, tôi muốn khóc ' && wait_for '│ 2 buồn bã ' && wait_for '◆ [^(]*(−'"
tmux -L camxuc-e2e send-keys -t studio C-u Up
check "studio: ↑ in the text field brings back the last session's texts" bash -c "$(declare -f screen wait_for); wait_for '│ buồn quá, tôi muốn khóc '"
tmux -L camxuc-e2e send-keys -t studio C-u
check "studio: a take quit while it was heard and composed is kept, marked partial unless it was whole" bash -c "'$camxuc' info '$work/data/camxuc/takes/take-1.mid' >'$work/out' && { grep -q '^  partial   composing stopped' '$work/out' || grep -q '^  length    0:\\(2[5-9]\\|3[0-9]\\)' '$work/out'; }"
check "studio: the first run wrote a commented config file" grep -q '^# theme = "dark"' "$work/xdg-config/camxuc/config.toml"
end_studio
# A run with --lang leaves the language chosen with L in an earlier session as it was (one run with --lang en
# replaced it for every later session).
mkdir -p "$work/st-lang/camxuc" && printf '{"language": "vi", "text": "vui"}' >"$work/st-lang/camxuc/studio.json"
tmux -L camxuc-e2e new-session -d -x 100 -y 30 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-lang' XDG_DATA_HOME='$work/lang-data' LANG=C.UTF-8 '$camxuc' --lang en --no-listen; sleep 30"
wait_for "Text ─ Telex" >/dev/null
tmux -L camxuc-e2e send-keys -t studio C-c
check "studio: a run with --lang en keeps the language remembered from L (vi), and the text" bash -c "for _ in \$(seq 50); do python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d[\"language\"]==\"vi\" and d[\"text\"]==\"vui\" and d[\"history\"]==[] else 1)' '$work/st-lang/camxuc/studio.json' 2>/dev/null && exit 0; sleep 0.1; done; exit 1"
end_studio
# A point moved by hand on the plane comes back with the text (the next take was composed for the text's reading).
mkdir -p "$work/st-point/camxuc" && printf '{"text": "vui", "target": [-0.6, 0.7]}' >"$work/st-point/camxuc/studio.json"
tmux -L camxuc-e2e new-session -d -x 100 -y 30 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-point' XDG_DATA_HOME='$work/point-data' LANG=C.UTF-8 '$camxuc' --no-listen; sleep 30"
check "studio: the point moved by hand in the last session is the target again, the text read beside it" bash -c "$(declare -f screen wait_for); wait_for '│ 1 vui vẻ ' && wait_for '◆ đích (−0.60, +0.70)'"
tmux -L camxuc-e2e send-keys -t studio C-c
# Text typed is kept a moment later, not only when a take starts or the studio ends: kill -9 lost a diary typed since.
tmux -L camxuc-e2e new-session -d -x 100 -y 30 -s studio2 "cd '$work' && XDG_STATE_HOME='$work/st-kill' XDG_DATA_HOME='$work/kill-data' LANG=C.UTF-8 exec '$camxuc' --no-listen"
for _ in $(seq 100); do tmux -L camxuc-e2e capture-pane -p -t studio2 2>/dev/null | grep -q 'Văn bản' && break; sleep 0.1; done
tmux -L camxuc-e2e send-keys -t studio2 -l "nhat ky dai"
sleep 3.5
kill -9 "$(tmux -L camxuc-e2e display-message -p -t studio2 '#{pane_pid}')" 2>/dev/null
tmux -L camxuc-e2e kill-session -t studio2 2>/dev/null
# A take being composed is kept as it grows: kill -9 (or a crash) lost a take heard for minutes.
tmux -L camxuc-e2e new-session -d -x 120 -y 40 -s studio3 "cd '$work' && XDG_STATE_HOME='$work/st-kill2' XDG_DATA_HOME='$work/kill2-data' LANG=C.UTF-8 exec '$camxuc'"
for _ in $(seq 100); do tmux -L camxuc-e2e capture-pane -p -t studio3 2>/dev/null | grep -q 'Văn bản' && break; sleep 0.1; done
tmux -L camxuc-e2e send-keys -t studio3 -l "vui qua"
tmux -L camxuc-e2e send-keys -t studio3 Enter
for _ in $(seq 100); do tmux -L camxuc-e2e capture-pane -p -t studio3 2>/dev/null | grep -q '▶ 0:0[4-9]' && break; sleep 0.1; done
kill -9 "$(tmux -L camxuc-e2e display-message -p -t studio3 '#{pane_pid}')" 2>/dev/null
tmux -L camxuc-e2e kill-session -t studio3 2>/dev/null
check "studio: a take killed while composed is kept as far as it had grown, marked partial" bash -c "'$camxuc' info '$work/kill2-data/camxuc/takes/take-1.mid' >'$work/out' 2>&1 && grep -q '^  partial ' '$work/out' && grep -q '^  notes     [1-9]' '$work/out'"
check "studio: text typed is kept within seconds, so kill -9 loses none of it" bash -c "python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d.get(\"text\")==\"nhat ky dai\" else 1)' '$work/st-kill/camxuc/studio.json'"
check "studio: and is kept at the end" bash -c "for _ in \$(seq 50); do python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d.get(\"target\")==[-0.6, 0.7] else 1)' '$work/st-point/camxuc/studio.json' 2>/dev/null && exit 0; sleep 0.1; done; exit 1"
end_studio
# --listen undoes the config's listen = false (README: flags override the config; there was no flag to undo it).
mkdir -p "$work/listen-config/camxuc" && printf '[studio]\nlisten = false\n' >"$work/listen-config/camxuc/config.toml"
tmux -L camxuc-e2e new-session -d -x 120 -y 40 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-listen' XDG_CONFIG_HOME='$work/listen-config' XDG_DATA_HOME='$work/listen-data' LANG=C.UTF-8 '$camxuc' --listen; echo \"exit=\$?\"; sleep 30"
wait_for "Văn bản ─ Telex" >/dev/null
tmux -L camxuc-e2e send-keys -t studio "vui" Enter
check "studio --listen plays the take as it is composed although the config says listen = false" bash -c "$(declare -f screen wait_for); wait_for 'Piano roll ─ take 1 ─ ▶ 0:0[0-9] / 0:30 ─ đang tạo… '"
end_studio
run studio --listen --no-listen
check "studio --listen --no-listen: exit 64, one line" bash -c "[ $code = 64 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'cannot both be given' '$work/err'"
# In a terminal (without one, that is what it says first).
tmux -L camxuc-e2e new-session -d -x 100 -y 20 -s term "cd '$work' && XDG_STATE_HOME='$work/st-427' LANG=C LC_ALL=C '$camxuc' 2>'$work/locale-err'; echo \"exit=\$?\"; sleep 30"
for _ in $(seq 50); do tmux -L camxuc-e2e capture-pane -p -t term | grep -q 'exit=' && break; sleep 0.1; done
check "studio without a UTF-8 locale refuses with one line naming the variable that decided it (LC_ALL)" bash -c "tmux -L camxuc-e2e capture-pane -p -t term | grep -q 'exit=78' && [ \$(wc -l <'$work/locale-err') = 1 ] && grep -q '(LC_ALL=C), not UTF-8.*run with LC_ALL=C.UTF-8' '$work/locale-err'"
tmux -L camxuc-e2e kill-session -t term 2>/dev/null

# Themes: an unknown name or a broken file is exit 78 with one line, before the terminal is touched.
run studio --theme nope
check "studio --theme nope: exit 78, one line naming it and the themes there are" bash -c "[ $code = 78 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q \"no theme 'nope' (--theme); the themes are dark, high-contrast, light, sixteen\" '$work/err'"
# A broken link in the themes folder is no theme: the message listed it among the themes there are.
mkdir -p "$work/data/camxuc/themes"
ln -sf "$work/no-such-theme.toml" "$work/data/camxuc/themes/broken.toml"
run studio --theme broken
check "studio --theme broken (a dangling link): no theme, and not listed as one" bash -c "[ $code = 78 ] && grep -q \"no theme 'broken' (--theme); the themes are dark, high-contrast, light, sixteen\$\" '$work/err'"
rm -f "$work/data/camxuc/themes/broken.toml"
mkdir -p "$work/theme-config/camxuc"
printf '[studio]\ntheme = "nope"\n' >"$work/theme-config/camxuc/config.toml"
XDG_CONFIG_HOME=$work/theme-config run
check "theme = \"nope\" in the config: exit 78, one line naming the config" bash -c "[ $code = 78 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q \"no theme 'nope' (\\[studio\\] theme in .*config.toml)\" '$work/err'"
mkdir -p "$work/data/camxuc/themes"
printf 'colors = 8\n' >"$work/data/camxuc/themes/broken.toml"
run studio --theme broken
check "a broken theme file: exit 78, one line calling it a theme" bash -c "[ $code = 78 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q \"cannot use theme .*broken.toml: 'colors' must be 16 or 256\" '$work/err'"
rm -f "$work/data/camxuc/themes/broken.toml"
tmux -L camxuc-e2e new-session -d -x 100 -y 30 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-450' LANG=C.UTF-8 '$camxuc' --theme nope; echo \"exit=\$?\"; sleep 30"
check "studio --theme nope in a terminal: exit 78 before drawing anything" bash -c "$(declare -f screen wait_for); wait_for 'exit=78' && screen | grep -q \"no theme 'nope'\" && ! screen | grep -q 'Văn bản'"
tmux -L camxuc-e2e kill-session -t studio 2>/dev/null

# A binary copied away from the repository (into ~/bin, say) has no themes folder: the default theme is built in.
mkdir -p "$work/elsewhere"
cp "$camxuc" "$work/elsewhere/camxuc"
tmux -L camxuc-e2e new-session -d -x 100 -y 30 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-457' CAMXUC_MODELS='$root/Models' LANG=C.UTF-8 '$work/elsewhere/camxuc'; echo \"exit=\$?\"; sleep 30"
check "studio from a binary copied out of the repository starts with the built-in dark theme" bash -c "$(declare -f screen wait_for); wait_for 'Văn bản ─ Telex' && ! screen | grep -q 'exit='"
end_studio

# Home and End as vt220 terminals (PuTTY, screen) send them: ESC [ 4 ~ was read as Esc, [, 4, ~ and the 4 chose an
# emotion and wrote a correction. The sequence is a key (or dropped whole), never digits.
corrections_before=$(cat "$work/data/camxuc/corrections.tsv" 2>/dev/null | wc -l)
tmux -L camxuc-e2e new-session -d -x 100 -y 30 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-464' TERM=xterm-256color LANG=C.UTF-8 '$camxuc' --no-listen; sleep 30"
wait_for 'Văn bản ─ Telex'
tmux -L camxuc-e2e send-keys -t studio -l "hom nay vui qua"
wait_for '1 vui vẻ .*0\.[5-9]'
tmux -L camxuc-e2e send-keys -t studio -l $'\e[4~'
tmux -L camxuc-e2e send-keys -t studio -l $'\e[1~'
tmux -L camxuc-e2e send-keys -t studio -l $'\e[99~'
sleep 1
check "studio: vt220 Home/End and an unknown escape sequence choose no emotion and write no correction" bash -c "$(declare -f screen wait_for); screen | grep -q 'hom nay vui qua' && ! screen | grep -q 'đã chọn' && [ \$(cat '$work/data/camxuc/corrections.tsv' 2>/dev/null | wc -l) = $corrections_before ]"
end_studio

# The light theme paints its own background (xterm colour 255 on a 256-colour terminal), whatever the terminal's is.
tmux -L camxuc-e2e new-session -d -x 100 -y 30 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-476' TERM=xterm-256color LANG=C.UTF-8 '$camxuc' --theme light; sleep 30"
check "studio --theme light draws on its own light background" bash -c "$(declare -f screen wait_for); wait_for 'Văn bản ─ Telex' && tmux -L camxuc-e2e capture-pane -e -p -t studio | grep -q '48;5;255m'"
end_studio

# The takes list, the mouse, bracketed paste and a key moved in the config, in a studio with its own folders.
mkdir -p "$work/s2/config/camxuc"
printf '[keys]\nsave = "w"\nzzz = "z"\n' >"$work/s2/config/camxuc/config.toml"
tmux -L camxuc-e2e new-session -d -x 120 -y 40 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-483' XDG_CONFIG_HOME='$work/s2/config' XDG_DATA_HOME='$work/s2/data' LANG=C.UTF-8 '$camxuc' --no-listen --save-folder '$work/s2/saved'; echo \"exit=\$?\"; sleep 30"
wait_for "Văn bản ─ Telex"
check "studio: the config's first warning names the file, not its whole path, is Vietnamese (the key it is about was cut at 80 columns) and counts the others first" bash -c "$(declare -f screen wait_for); wait_for 'cảnh báo 1/2: config.toml: \[keys\] save = \"w\" lấy w của why'"
tmux -L camxuc-e2e send-keys -t studio Escape
check "studio: a key moved in the config's [keys] shows on the status line (outside the text field)" bash -c "$(declare -f screen wait_for); wait_for ' w lưu '"
tmux -L camxuc-e2e send-keys -t studio BTab
check "studio: in the text field the status line shows its own keys, with quit" bash -c "$(declare -f screen wait_for); wait_for 'Esc rời ô văn bản.*Ctrl-C thoát'"
tmux -L camxuc-e2e set-buffer "tooi vui"
tmux -L camxuc-e2e paste-buffer -p -t studio
check "studio: bracketed paste inserts text as it is (no Telex)" bash -c "$(declare -f screen wait_for); wait_for '│ tooi vui ' && wait_for 'vui vẻ '"
# A press of the left button (X10 encoding, as tmux's terminfo has it) on the bottom left cell of the plane.
tmux -L camxuc-e2e send-keys -t studio -H 1b 5b 4d 20 41 2c
check "studio: a click on the plane moves the target there" bash -c "$(declare -f screen wait_for); wait_for '◆ đích (−1.00, −1.00)'"
# A click through a pseudo-terminal that speaks xterm's SGR protocol (tmux re-encodes the mouse and never showed this):
# ncurses threw the unasked-for release away and waited for a key, so after every click the studio stood still.
mkdir -p "$work/click"
check "studio: after a click (press and release) it goes on without a key: SIGTERM ends it (it waited for a key)" "$mido_python" "$here/click_release.py" "$camxuc" "$work/click"
check "studio inside tmux (TERM=tmux-256color): it asks for the SGR mouse encoding, and a click at column 231 of 240 focuses the takes (the old encoding stops at 223)" "$mido_python" "$here/wide_click.py" "$camxuc" "$work/wide-click"
tmux -L camxuc-e2e send-keys -t studio Enter
wait_for "Piano roll ─ take 1 ─" && for _ in $(seq 100); do [ -e "$work/s2/data/camxuc/takes/take-1.mid" ] && break; sleep 0.1; done
# A take being composed is kept every 2 s as a partial take, so its file can be there before it is whole: wait for the
# composing to end too (d on a take still composed asks first, and a slow run failed here).
for _ in $(seq 150); do screen | grep -q 'đang tạo' || break; sleep 0.1; done
tmux -L camxuc-e2e send-keys -t studio Enter
for _ in $(seq 100); do [ -e "$work/s2/data/camxuc/takes/take-2.mid" ] && break; sleep 0.1; done
wait_for "Piano roll ─ take 2 ─"; for _ in $(seq 150); do screen | grep -q 'đang tạo' || break; sleep 0.1; done
tmux -L camxuc-e2e send-keys -t studio t a Down b x
check "studio: a and b mark two takes and x plays A" bash -c "$(declare -f screen wait_for); wait_for 'A: take 2  B: take 1  ▶ A'"
tmux -L camxuc-e2e send-keys -t studio d
check "studio: d deletes the selected take and offers undo" bash -c "$(declare -f screen wait_for); wait_for 'đã xoá take 2 — u để hoàn tác' && [ ! -e '$work/s2/data/camxuc/takes/take-2.mid' ]"
tmux -L camxuc-e2e send-keys -t studio u
check "studio: u brings it back, stored again" bash -c "$(declare -f screen wait_for); wait_for 'đã khôi phục take 2' && for _ in \$(seq 50); do [ -e '$work/s2/data/camxuc/takes/take-2.mid' ] && exit 0; sleep 0.1; done; exit 1"
tmux -L camxuc-e2e send-keys -t studio n C-w C-w "baif hai" Enter
check "studio: n renames the take" bash -c "$(declare -f screen wait_for); wait_for '▸ 2 bài hai '"
tmux -L camxuc-e2e send-keys -t studio Enter
check "studio: Enter in the takes list plays the selected take from its start and composes none; the list's last row says what it was made with" bash -c "$(declare -f screen wait_for); wait_for 'take 2 ─ ▶ 0:0' && wait_for '│ 2: ' && wait_for '│ 2: .*\\(nhiệt độ\\|seed\\) [0-9]\\|│ \\(nhiệt độ\\|seed\\) [0-9]' && sleep 0.5 && [ ! -e '$work/s2/data/camxuc/takes/take-3.mid' ]"
tmux -L camxuc-e2e send-keys -t studio w
check "studio: the moved key saves, named after the new title" bash -c "$(declare -f screen wait_for); wait_for 'đã lưu: bai-hai-' && ls '$work/s2/saved'/bai-hai-*.mid >/dev/null"
tmux -L camxuc-e2e send-keys -t studio C-c
wait_for 'exit=0'
tmux -L camxuc-e2e kill-session -t studio 2>/dev/null
# A Swift error thrown inside the running studio (injected on purpose) still restores the terminal.
tmux -L camxuc-e2e new-session -d -x 100 -y 30 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-516' CAMXUC_FAULT=after-first-frame LANG=C.UTF-8 '$camxuc' 2>'$work/fault-err'; echo \"exit=\$?\"; stty -a | tr ' ' '\n' | grep -x -- '-\?icanon\|-\?echo' | tr '\n' ' '; echo; sleep 30"
check "studio: a thrown error exits 70 with one line and the terminal restored" bash -c "$(declare -f screen wait_for); wait_for 'exit=70' && wait_for 'icanon' && screen | grep -q '^icanon echo' && ! screen | grep -q 'Văn bản' && [ \$(wc -l <'$work/fault-err') = 1 ] && grep -q 'terminal was restored' '$work/fault-err'"
tmux -L camxuc-e2e kill-session -t studio 2>/dev/null

# SIGTERM (as a system shutting down sends it) ends the studio with exit 130 and the terminal restored, keeping the
# take being composed (and heard) as a partial take, as q does.
tmux -L camxuc-e2e new-session -d -x 100 -y 30 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-522' XDG_DATA_HOME='$work/term-data' LANG=C.UTF-8 '$camxuc' --save-folder '$work/s2/saved'; echo \"exit=\$?\"; stty -a | tr ' ' '\n' | grep -x -- '-\?icanon\|-\?echo' | tr '\n' ' '; echo; sleep 30"
wait_for "Văn bản ─ Telex"
tmux -L camxuc-e2e send-keys -t studio "buoonf" Enter
wait_for "đang tạo"
sleep 0.5
pgrep -a -f "^$camxuc --save-folder $work/s2/saved\$" >"$work/err" 2>&1
pkill -TERM -f "^$camxuc --save-folder $work/s2/saved\$"
echo "pkill exit $?" >>"$work/err"
check "studio: SIGTERM exits 130 with the terminal restored" bash -c "$(declare -f screen wait_for); wait_for 'exit=130'; wait_for 'icanon'; screen >'$work/out'; grep -q 'exit=130' '$work/out' && grep -q '^icanon echo' '$work/out' && ! grep -q 'Văn bản' '$work/out'"
check "studio: the take cut short by SIGTERM is kept, marked partial" bash -c "'$camxuc' info '$work/term-data/camxuc/takes/take-1.mid' | grep -q 'partial *composing stopped'"
tmux -L camxuc-e2e kill-session -t studio 2>/dev/null

# A take that cannot be kept in the takes folder (a file stands in its way) and a signal, which asks no quit
# question: the take goes to $TMPDIR instead and stderr says where (it was dropped without a word).
mkdir -p "$work/blocked-data/camxuc" "$work/blocked-tmp"
echo "not a folder" >"$work/blocked-data/camxuc/takes"
tmux -L camxuc-e2e new-session -d -x 120 -y 40 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-538' XDG_DATA_HOME='$work/blocked-data' TMPDIR='$work/blocked-tmp' LANG=C.UTF-8 '$camxuc' --no-listen --save-folder '$work/s3/saved' 2>'$work/blocked-err'; echo \"exit=\$?\"; sleep 30"
wait_for "Văn bản ─ Telex"
tmux -L camxuc-e2e send-keys -t studio "buoonf" Enter
check "studio: a take the takes folder cannot hold is marked on screen" bash -c "$(declare -f screen wait_for); wait_for 'chưa ghi được'"
pkill -TERM -f "^$camxuc --no-listen --save-folder $work/s3/saved\$"
check "studio: after SIGTERM an unkept take is written to \$TMPDIR and named on stderr" bash -c "$(declare -f screen wait_for); wait_for 'exit=130' && grep -q \"^camxuc: take 1 could not be kept in .*; written to $work/blocked-tmp/camxuc-take-1-[0-9]*.mid instead\" '$work/blocked-err' && '$camxuc' info $work/blocked-tmp/camxuc-take-1-*.mid | grep -q 'notes'"
tmux -L camxuc-e2e kill-session -t studio 2>/dev/null
# The next studio brings that take back into its takes folder, as it was, under an id of its own (it was named
# only on the closed terminal, and the next studio gave its id again).
tmux -L camxuc-e2e new-session -d -x 120 -y 40 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-rescue' XDG_DATA_HOME='$work/unblocked-data' TMPDIR='$work/blocked-tmp' LANG=C.UTF-8 '$camxuc' --no-listen; echo \"exit=\$?\"; sleep 30"
check "studio: a take left in \$TMPDIR last time is back in the takes list at the next start, the temporary file gone" bash -c "$(declare -f screen wait_for); wait_for 'take 2 lần trước phải để ở thư mục tạm, nay đã về danh sách take' && [ -e '$work/unblocked-data/camxuc/takes/take-2.mid' ] && ! ls '$work/blocked-tmp'/camxuc-take-*.mid >/dev/null 2>&1 && '$camxuc' info '$work/unblocked-data/camxuc/takes/take-2.mid' | grep -q '^  sampling'"
tmux -L camxuc-e2e send-keys -t studio C-c
tmux -L camxuc-e2e kill-session -t studio 2>/dev/null

# A take named with emoji sequences (a family joined by ZWJ, a heart with its variation selector, a skin tone): the
# takes panel keeps its border, with nothing of the sequence left over (ncurses and the grid counted them apart).
tmux -L camxuc-e2e new-session -d -x 120 -y 40 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-548' XDG_DATA_HOME='$work/emoji-data' LANG=C.UTF-8 '$camxuc' --no-listen; echo \"exit=\$?\"; sleep 30"
wait_for "Văn bản ─ Telex"
tmux -L camxuc-e2e set-buffer "A 👨‍👩‍👧 B vui ❤️ 👍🏽 quá"
tmux -L camxuc-e2e paste-buffer -p -t studio
sleep 0.3
tmux -L camxuc-e2e send-keys -t studio Enter
check "studio: a title of emoji sequences leaves the panels' borders whole" bash -c "$(declare -f screen wait_for); wait_for '▸ 1 A 👨 B vui ❤' && [ \$(screen | sed -n 4,13p | grep -c '[│┐┘]\$') = 10 ] && ! screen | grep -q \"\$(printf '\\342\\200\\215')\" && ! screen | grep -q \"\$(printf '\\357\\270\\217')\""
end_studio

# Two studios open on one takes folder: the second renames and deletes only the takes it makes (each wrote its old
# copy of a take over the other's rename).
mkdir -p "$work/held-data/camxuc/takes"
cp "$root/Tests/Fixtures/midi/mido-format0.mid" "$work/held-data/camxuc/takes/take-1.mid"
tmux -L camxuc-e2e new-session -d -x 120 -y 40 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-561' XDG_DATA_HOME='$work/held-data' LANG=C.UTF-8 '$camxuc' --no-listen; echo \"exit=\$?\"; sleep 30"
wait_for "Văn bản ─ Telex"
tmux -L camxuc-e2e new-session -d -x 120 -y 40 -s second "cd '$work' && XDG_STATE_HOME='$work/st-563' XDG_DATA_HOME='$work/held-data' LANG=C.UTF-8 '$camxuc' --no-listen; echo \"exit=\$?\"; sleep 30"
second() { tmux -L camxuc-e2e capture-pane -p -t second; }
check "studio: a second studio on the same takes says another one holds them" bash -c "$(declare -f second); for _ in \$(seq 100); do second | grep -q 'một studio khác (pid [0-9]*) đang mở các take này' && exit 0; sleep 0.1; done; exit 1"
tmux -L camxuc-e2e send-keys -t second Escape
sleep 0.3
tmux -L camxuc-e2e send-keys -t second t
sleep 0.3
tmux -L camxuc-e2e send-keys -t second d
check "studio: the second studio does not delete the first one's take" bash -c "$(declare -f second); for _ in \$(seq 50); do second | grep -q 'take 1 do một studio khác đang mở giữ' && [ -e '$work/held-data/camxuc/takes/take-1.mid' ] && exit 0; sleep 0.1; done; exit 1"
# Once the first has ended, the second holds the takes (it went on refusing, naming a process that was gone).
tmux -L camxuc-e2e send-keys -t studio C-c
check "studio: when the first studio ends, the second says it holds the takes now, and may delete the take" bash -c "$(declare -f second); for _ in \$(seq 100); do second | grep -q 'studio kia đã đóng' && break; sleep 0.1; done; tmux -L camxuc-e2e send-keys -t second d; for _ in \$(seq 50); do [ ! -e '$work/held-data/camxuc/takes/take-1.mid' ] && exit 0; sleep 0.1; done; exit 1"
tmux -L camxuc-e2e send-keys -t second q
tmux -L camxuc-e2e kill-session -t second 2>/dev/null
tmux -L camxuc-e2e kill-session -t studio 2>/dev/null

# With l on, a take heard as it is composed loops once it is whole (⟳ showed and it stopped at its end).
mkdir -p "$work/loop-config/camxuc"
printf '[parameters]\nlength = 5\n' >"$work/loop-config/camxuc/config.toml"
tmux -L camxuc-e2e new-session -d -x 120 -y 40 -s loop "cd '$work' && XDG_STATE_HOME='$work/st-580' XDG_CONFIG_HOME='$work/loop-config' XDG_DATA_HOME='$work/loop-data' LANG=C.UTF-8 '$camxuc'; sleep 30"
loopscreen() { tmux -L camxuc-e2e capture-pane -p -t loop; }
for _ in $(seq 100); do loopscreen | grep -q 'Văn bản ─ Telex' && break; sleep 0.1; done
tmux -L camxuc-e2e send-keys -t loop "vui" Escape
sleep 0.3
tmux -L camxuc-e2e send-keys -t loop l Enter
check "studio: with loop on, the take heard while composed starts again once whole" bash -c "$(declare -f loopscreen); for _ in \$(seq 150); do s=\$(loopscreen | grep 'Piano roll ─ take 1'); grep -q '▶ 0:0[0-2] / 0:0[5-9] ⟳' <<<\"\$s\" && ! grep -q 'đang tạo' <<<\"\$s\" && exit 0; sleep 0.1; done; exit 1"
tmux -L camxuc-e2e send-keys -t loop C-c
tmux -L camxuc-e2e kill-session -t loop 2>/dev/null

# A studio whose window closes without a SIGHUP reaching it (started under setsid) ends, as SIGHUP ends it: it spun
# on the failing read at a full core, holding the takes folder, for good.
mkdir -p "$work/gone-data"
tmux -L camxuc-e2e new-session -d -x 120 -y 40 -s gone "cd '$work' && XDG_STATE_HOME='$work/st-593' XDG_DATA_HOME='$work/gone-data' LANG=C.UTF-8 setsid -w '$camxuc' --no-listen"
gone() { tmux -L camxuc-e2e capture-pane -p -t gone; }
for _ in $(seq 100); do gone | grep -q 'Văn bản ─ Telex' && break; sleep 0.1; done
gone_pid=$(cat "$work/gone-data/camxuc/takes/.studio" 2>/dev/null)
tmux -L camxuc-e2e kill-session -t gone 2>/dev/null
check "studio: a closed window with no SIGHUP ends the studio (no spinning, the takes folder let go)" bash -c "[ -n '$gone_pid' ] && for _ in \$(seq 100); do kill -0 '$gone_pid' 2>/dev/null || exit 0; sleep 0.1; done; exit 1"
[ -n "$gone_pid" ] && kill "$gone_pid" 2>/dev/null

# Ctrl-Z: while stopped, the shell's programs get pastes as they are (bracketed paste was left on: ESC[200~ around
# every paste in dash and cat); after fg, pastes are bracketed again (bash had turned it off, and a pasted line
# went through Telex with its line break pressing Enter).
tmux -L camxuc-e2e new-session -d -x 120 -y 40 -s susp "cd '$work' && PS1='$ ' dash -i"
susp() { tmux -L camxuc-e2e capture-pane -p -t susp; }
tmux -L camxuc-e2e send-keys -t susp "XDG_DATA_HOME='$work/susp-data' LANG=C.UTF-8 '$camxuc' --no-listen" Enter
for _ in $(seq 100); do susp | grep -q 'Văn bản ─ Telex' && break; sleep 0.1; done
tmux -L camxuc-e2e send-keys -t susp C-z
for _ in $(seq 50); do susp | grep -q 'Stopped' && break; sleep 0.1; done
tmux -L camxuc-e2e send-keys -t susp "cat -v" Enter
sleep 0.3
tmux -L camxuc-e2e set-buffer -b e2e "pasted-while-stopped"
tmux -L camxuc-e2e paste-buffer -p -d -b e2e -t susp
tmux -L camxuc-e2e send-keys -t susp Enter
check "studio: Ctrl-Z gives the shell its terminal without bracketed paste" bash -c "$(declare -f susp); for _ in \$(seq 30); do susp | grep -q '^pasted-while-stopped' && ! susp | grep -q '200~' && exit 0; sleep 0.1; done; exit 1"
tmux -L camxuc-e2e send-keys -t susp C-d
sleep 0.2
tmux -L camxuc-e2e kill-session -t susp 2>/dev/null
tmux -L camxuc-e2e new-session -d -x 120 -y 40 -s susp "cd '$work' && bash --norc -i"
tmux -L camxuc-e2e send-keys -t susp "XDG_DATA_HOME='$work/susp-data' LANG=C.UTF-8 '$camxuc' --no-listen" Enter
for _ in $(seq 100); do susp | grep -q 'Văn bản ─ Telex' && break; sleep 0.1; done
tmux -L camxuc-e2e send-keys -t susp C-z
for _ in $(seq 50); do susp | grep -q 'Stopped' && break; sleep 0.1; done
tmux -L camxuc-e2e send-keys -t susp fg Enter
for _ in $(seq 100); do susp | grep -q 'Văn bản ─ Telex' && break; sleep 0.1; done
sleep 0.2
tmux -L camxuc-e2e set-buffer -b e2e "tooi vaf ban"
tmux -L camxuc-e2e paste-buffer -p -d -b e2e -t susp
check "studio: after Ctrl-Z and fg a paste goes in as it is, not through Telex" bash -c "$(declare -f susp); for _ in \$(seq 30); do susp | grep -q '│ tooi vaf ban' && exit 0; sleep 0.1; done; exit 1"
tmux -L camxuc-e2e send-keys -t susp C-c
sleep 0.3
tmux -L camxuc-e2e kill-session -t susp 2>/dev/null

# --- bad input never crashes or loses anything (the hostile probe's cases) -----------------------------------------
python3 - "$work" <<'PY'
import struct, sys
work = sys.argv[1]
def smf(track, division=480):
    return b'MThd' + struct.pack('>IHHH', 6, 0, 1, division) + b'MTrk' + struct.pack('>I', len(track)) + track
def vlq(x):
    out = [x & 0x7F]; x >>= 7
    while x: out.append((x & 0x7F) | 0x80); x >>= 7
    return bytes(reversed(out))
# 50,000 maximal delta times at the slowest tempo and division 1.
track = b'\x00\xff\x51\x03\xff\xff\xff\x00\x90\x3c\x40'
for i in range(50000): track += b'\xff\xff\xff\x7f' + (b'\x3c\x00' if i % 2 == 0 else b'\x3c\x40')
open(f'{work}/huge.mid', 'wb').write(smf(track + b'\x00\xff\x2f\x00', division=1))
# One note of 77 hours.
open(f'{work}/long.mid', 'wb').write(smf(b'\x00\x90\x3c\x40' + vlq(77 * 3600 * 960) + b'\x3c\x00\x00\xff\x2f\x00'))
# A track name that would clear the screen and set the window title.
name = b'\x1b[2J\x1b]0;pwned\x07title'
open(f'{work}/escape.mid', 'wb').write(smf(b'\x00\xff\x03' + bytes([len(name)]) + name + b'\x00\x90\x3c\x40\x60\x3c\x00\x00\xff\x2f\x00'))
PY
run compose --valence nan --arousal 0
check "compose: --valence nan is exit 64 naming the flag" bash -c "[ $code = 64 ] && grep -q -- '--valence must be a finite number' '$work/err'"
run compose --valence 0 --arousal inf
check "compose: --arousal inf is exit 64 naming the flag" bash -c "[ $code = 64 ] && grep -q -- '--arousal must be a finite number' '$work/err'"
run compose --valence 0 --arousal 0 --seconds 0
check "compose: --seconds 0 is exit 64 saying the length must be at least a second" bash -c "[ $code = 64 ] && grep -q -- '--seconds must be at least 1 and at most 600 (got 0.0)' '$work/err'"
run compose --valence 0 --arousal 0 --seed -5
check "compose: a negative seed names the flag and the value" bash -c "[ $code = 64 ] && grep -q -- \"'-5' is invalid for '--seed\" '$work/err'"
run play --start inf "$fixtures/midi/mido-format1.mid"
check "play: --start inf is exit 64, no trap" bash -c "[ $code = 64 ] && grep -q -- '--start must be' '$work/err'"
cp "$fixtures/midi/mido-format1.mid" "$work/keep.mid"
run render "$work/keep.mid" -o "$work/keep.mid"
check "render: -o naming the input is refused and the MIDI is intact" bash -c "[ $code = 64 ] && grep -q 'would replace the input' '$work/err' && cmp -s '$work/keep.mid' '$fixtures/midi/mido-format1.mid'"
run compose --valence 0.5 --arousal 0.5 --seconds 4 -o "$work/same.mid" --wav "$work/same.mid"
check "compose: -o and --wav naming one file is refused" bash -c "[ $code = 64 ] && grep -q 'names the same file as -o' '$work/err' && [ ! -e '$work/same.mid' ]"
run compose --valence 0.5 --arousal 0.5 --seconds 4 -o "$work/"
check "compose: -o naming a folder says so" bash -c "[ $code = 64 ] && grep -q 'is a folder' '$work/err'"
# The studio's tempo row and key lock, from the command line: a take made at ×1.10 could not be made again.
run compose --valence 0.5 --arousal 0.5 --seconds 6 --seed 5 --tempo 1.5 --no-key-lock -o "$work/tempo15.mid"
"$camxuc" compose --valence 0.5 --arousal 0.5 --seconds 6 --seed 5 -o "$work/tempo10.mid" >/dev/null 2>&1
check "compose --tempo 1.5 --no-key-lock: one and a half times the tempo, and info says what was set" bash -c "[ $code = 0 ] && '$camxuc' info '$work/tempo15.mid' | grep -q '^  sampling  .*, tempo set ×1.50, key lock off$' && a=\$('$camxuc' info '$work/tempo15.mid' | sed -n 's/^  tempo *\\([0-9.]*\\) bpm.*/\\1/p') && b=\$('$camxuc' info '$work/tempo10.mid' | sed -n 's/^  tempo *\\([0-9.]*\\) bpm.*/\\1/p') && awk -v a=\"\$a\" -v b=\"\$b\" 'BEGIN { exit !(a / b > 1.49 && a / b < 1.51) }'"
run compose --valence 0.5 --arousal 0.5 --seconds 4 --tempo 3 -o "$work/tempo3.mid"
check "compose --tempo 3 is refused, exit 64" bash -c "[ $code = 64 ] && grep -q -- '--tempo must be from 0.5 to 2 (got 3.0)' '$work/err' && [ ! -e '$work/tempo3.mid' ]"
for command in "--version" "help" "analyze vui" "info $fixtures/midi/mido-format1.mid" "compose --valence 0.5 --arousal 0.5 --seconds 3 --seed 1 -o $work/full.mid"; do
    "$camxuc" $command >/dev/full 2>"$work/err" </dev/null
    code=$?
    check "$(echo $command | cut -d' ' -f1) > /dev/full: exit 73 with one line" bash -c "[ $code = 73 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'cannot write standard output: no space left on device' '$work/err'"
done
run render "$work/huge.mid" -o "$work/huge.wav"
check "render: absurd delta times are exit 65 before anything is written" bash -c "[ $code = 65 ] && grep -q 'longer than the render limit' '$work/err' && [ ! -e '$work/huge.wav' ] && ! ls -a '$work' | grep -q partial"
run render "$work/long.mid" -o "$work/long.wav"
check "render: a 77-hour note is refused in one line naming the limit" bash -c "[ $code = 65 ] && grep -q 'lasts 77:00:00, longer than the render limit of 120 minutes' '$work/err' && [ ! -e '$work/long.wav' ]"
run render --max-length 500 "$work/long.mid" -o "$work/long.wav"
check "render: --max-length cannot pass what a WAV header can describe" bash -c "[ $code = 64 ] && grep -q -- '--max-length must be more than 0 and at most' '$work/err'"
run render --max-length 0.1 "$fixtures/midi/bench-30s.mid" -o "$work/short.wav"
check "render: a limit under a minute is named as given (it said 0 minutes)" bash -c "[ $code = 65 ] && grep -q 'longer than the render limit of 0.1 minutes (6 s)' '$work/err'"
# An interrupted render says so on stderr, as every error does (it was a line on standard output).
python3 - "$work/hour.mid" <<'PY'
import struct, sys
def vlq(x):
    out = [x & 0x7F]; x >>= 7
    while x: out.append(0x80 | (x & 0x7F)); x >>= 7
    return bytes(reversed(out))
track = b'\x00\x90\x3c\x40' + vlq(480 * 2 * 3600) + b'\x80\x3c\x00' + b'\x00\xff\x2f\x00'
open(sys.argv[1], 'wb').write(b'MThd' + struct.pack('>IHHH', 6, 0, 1, 480) + b'MTrk' + struct.pack('>I', len(track)) + track)
PY
run_signalled INT 1 render "$work/hour.mid" -o "$work/hour.wav"
check "render: interrupted, exit 130 and one camxuc line on stderr, nothing written" bash -c "[ $code = 130 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q '^camxuc: stopped; .*hour.wav was not written' '$work/err' && ! grep -q stopped '$work/out' && [ ! -e '$work/hour.wav' ]"
python3 -c "import sys; open(sys.argv[1], 'w').write('Hôm nay tôi vui quá. Mai lại buồn. ' * 50000)" "$work/many.txt"
run_signalled INT 1.5 compose --text-file "$work/many.txt" --seconds 10 -o "$work/many.mid"
check "compose: Ctrl-C while a long text's sentences are read stops as composing does (it ended with no word)" bash -c "[ $code = 130 ] && grep -q '^camxuc: stopped; .*many.mid was not written' '$work/err' && [ ! -e '$work/many.mid' ]"
# Ctrl-\ (SIGQUIT) stops as Ctrl-C does: the Swift runtime's backtracer printed "Program crashed" with a backtrace,
# held the terminal 30 s for a key, and then the command went on. Sent once the command catches SIGINT (the two are
# caught together; the runtime's own SIGQUIT handler is there from the start).
env --default-signal=INT,QUIT "$camxuc" compose --text-file "$work/many.txt" --seconds 10 -o "$work/many.mid" >"$work/out" 2>"$work/err" </dev/null &
pid=$!
wait_until_caught $pid 2
sleep 1
kill -QUIT $pid; wait $pid; code=$?
check "compose: Ctrl-\\ (SIGQUIT) stops as Ctrl-C does, exit 130, no crash report" bash -c "[ $code = 130 ] && grep -q '^camxuc: stopped; .*many.mid was not written' '$work/err' && ! grep -qi 'crashed\\|backtrace' '$work/err' '$work/out' && [ ! -e '$work/many.mid' ]"
# A signal the shell started it with ignored stays ignored: `nohup camxuc compose …` was stopped (130, no file) by the
# SIGHUP of the terminal closing behind it. Sent once the command catches SIGINT.
bash -c "trap '' HUP; exec env --default-signal=INT,QUIT '$camxuc' compose --text 'vui' --seconds 200 --seed 5 -o '$work/nohup.mid'" >"$work/out" 2>"$work/err" </dev/null &
pid=$!
wait_until_caught $pid 2
kill -HUP $pid; wait $pid; code=$?
check "compose: started with SIGHUP ignored (nohup), it goes on through a SIGHUP and writes its file" bash -c "[ $code = 0 ] && [ -s '$work/nohup.mid' ]"
# A command whose product is what it prints ends with its reader also where SIGPIPE comes ignored (systemd): analyze
# read and classified its endless input on, writing nowhere, and exited 0.
(trap '' PIPE; yes "buồn quá" | timeout 30 "$camxuc" analyze --json --no-personal 2>"$work/err" | head -1 >"$work/out"; echo "${PIPESTATUS[1]}" >"$work/code")
check "analyze: its reader gone with SIGPIPE ignored, it ends (141) instead of reading on" bash -c "[ \"\$(cat '$work/code')\" = 141 ] && grep -q buồn '$work/out'"
run_signalled TERM 1 play "$work/huge.mid"
check "play: a file with absurd times plays (no trap) and stops on SIGTERM" bash -c "[ $code = 130 ] && grep -q 'stopped huge.mid at 0:0' '$work/out'"
"$camxuc" play "$fixtures/midi/bench-30s.mid" >"$work/out" 2>"$work/err" </dev/null &
pid=$!
sleep 0.5
cpu_start=$(awk '{print $14 + $15}' /proc/$pid/stat)
sleep 2
cpu_end=$(awk '{print $14 + $15}' /proc/$pid/stat)
kill -TERM $pid; wait $pid
check "play on the null device keeps real time and does not spin a core (< 50% over 2 s)" bash -c "[ \$(( $cpu_end - $cpu_start )) -lt 100 ] && grep -q 'stopped bench-30s.mid at 0:0[1-3]' '$work/out'"
run analyze "$(printf 'vui \xff')"
check "analyze: invalid UTF-8 in the argument is exit 65 with the byte offset" bash -c "[ $code = 65 ] && grep -q 'argument 2 (vui \\\\xFF): invalid UTF-8 byte 0xFF at byte 4' '$work/err'"
python3 -c "print(('-.' * 50000 + ' ') * 3 + '#' + 'á' * 100000 + ' ' + 'a.' * 50000 + '/')" > "$work/hostile-chunks.txt"
start=$(date +%s.%N)
"$camxuc" analyze --no-personal < "$work/hostile-chunks.txt" > "$work/out" 2> "$work/err"
code=$?
elapsed=$(echo "$(date +%s.%N) - $start" | bc -l)
check "analyze: 400,000 characters of link-like and hashtag-like chunks read in seconds (each took minutes: a link looked for from every place)" bash -c "[ $code = 0 ] && python3 -c 'import sys; assert float(sys.argv[1]) < 10, sys.argv[1]' $elapsed"
cp "$fixtures/midi/bench-30s.mid" "$work/$(printf 'latin\xe9.mid')"
run info "$work/$(printf 'latin\xe9.mid')"
check "info: a file name that is not UTF-8 is refused, naming the file and byte, exit 65 (it said 'no such file')" bash -c "[ $code = 65 ] && grep -q 'latin\\\\xE9.mid: invalid UTF-8 byte 0xE9 at byte .* of the name; not described' '$work/err'"
run info --json "$fixtures/midi/bench-30s.mid" "$work/$(printf 'latin\xe9.mid')"
check "info: the other files are still described past a name that is not UTF-8, exit 65 (it printed nothing)" bash -c "[ $code = 65 ] && python3 -m json.tool '$work/out' >/dev/null && grep -q 'bench-30s.mid' '$work/out'"
run compose --valence 0.5 --arousal 0.5 --seconds 1 -o "$work/$(printf 'o\xfe.mid')"
check "compose: an output name that is not UTF-8 is refused before composing (it wrote the file under another name)" bash -c "[ $code = 65 ] && [ ! -e '$work/$(printf 'o\xef\xbf\xbd.mid')' ] && [ ! -e '$work/$(printf 'o\xfe.mid')' ] && grep -q 'argument 9 after -o (.*o\\\\xFE.mid): invalid UTF-8 byte 0xFE' '$work/err'"
# A text or a file name beginning with "-" was read as short options: one with an h printed the help with exit 0.
run analyze --json "-hôm nay buồn quá"
check "analyze --json '-hôm nay…': 64 and the way to give it, not the help with exit 0" bash -c "[ $code = 64 ] && [ ! -s '$work/out' ] && grep -q \"'-hôm nay buồn quá' is not an option; put -- before a text or file name that begins with '-' (camxuc analyze -- \" '$work/err'"
run analyze "- Em đi đâu đấy?" --json --explain
check "analyze: options after a text opening with a dialogue dash are still options (--json was read as a sentence)" bash -c "[ $code = 0 ] && python3 -c 'import json,sys; d=json.loads(open(sys.argv[1]).readline()); sys.exit(0 if \"explanation\" in d and d[\"text\"].startswith(\"- Em\") else 1)' '$work/out'"
run info -dash.mid
check "info -dash.mid: 64, not the help" bash -c "[ $code = 64 ] && [ ! -s '$work/out' ] && grep -q 'camxuc info -- -dash.mid' '$work/err'"
run compose --valence 0 --arousal 0 --seconds 1 -o -dash.mid
check "compose -o -dash.mid: 64, naming the way to give such a value" bash -c "[ $code = 64 ] && grep -q \"give a value that begins with '-' as -o=-dash.mid\" '$work/err'"
run analyze --json "I am terrified and I want to cry"
check "analyze: English text is flagged as not Vietnamese" bash -c "[ $code = 0 ] && grep -q '\"notVietnamese\":true' '$work/out'"
printf 'vui quá\n\nsợ lắm\n' | "$camxuc" analyze --json >"$work/out" 2>"$work/err"
code=$?
check "analyze batch: a blank line still gets its output line (an error object) and is no failure (exit 0, nothing on stderr)" bash -c "[ $code = 0 ] && [ \$(wc -l <'$work/out') = 3 ] && sed -n 2p '$work/out' | grep -q '\"error\":\"the text is empty' && sed -n 3p '$work/out' | grep -q Fear && [ ! -s '$work/err' ]"
# A line read by a shell loop from a Windows file keeps its CR: the take's text does not (it was kept in the metadata).
run compose --text "$(printf 'vui qua troi luon!\r')" --seconds 2 --seed 5 -o "$work/crlf.mid"
check "compose: a text's trailing CR (a Windows line) is not kept in the take's text" bash -c "[ $code = 0 ] && '$camxuc' info --json '$work/crlf.mid' | grep -q '\"text\" : \"vui qua troi luon!\"'"
# A class's sentences for a spreadsheet: the text column whole in a file (it was cut to 60 characters), a file saved as
# UTF-16 one line asking for UTF-8 (it gave a screen of byte errors and readings of NUL-spaced letters).
long="Tuần này em đi học đều, tối làm bài tập, cuối tuần giúp mẹ dọn nhà và đi chơi với bạn, vui lắm"
printf '%s\r\n' "$long" | "$camxuc" analyze >"$work/out" 2>"$work/err"
code=$?
check "analyze batch into a file: the text column is whole" bash -c "[ $code = 0 ] && [ \"\$(cut -f5 '$work/out')\" = '$long' ]"
printf 'vui qu\xc3\xa1\n' | iconv -f UTF-8 -t UTF-16 | "$camxuc" analyze >"$work/out" 2>"$work/err"
code=$?
check "analyze batch of UTF-16: one line asking for UTF-8, exit 65" bash -c "[ $code = 65 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'standard input is UTF-16; save it as UTF-8' '$work/err'"
# A line in the Vietnamese Windows code page (CP1258) that starts with its "₫" (0xFE) is not UTF-16: it was called so.
printf '\xfe 20.000 vui qu\xe1\n' | "$camxuc" analyze >"$work/out" 2>"$work/err"
code=$?
check "analyze: a CP1258 line starting with ₫ (0xFE) is an invalid UTF-8 byte, not UTF-16" bash -c "[ $code = 65 ] && ! grep -q 'UTF-16' '$work/err' && grep -q 'invalid UTF-8 byte 0xFE at byte 0 of the line' '$work/err'"
run info "$work/escape.mid"
check "info: control characters from a file are escaped, never sent to the terminal" bash -c "[ $code = 0 ] && ! grep -q \$'\\x1b' '$work/out' && grep -q 'title     \\\\u{1B}\\[2J' '$work/out'"
timeout 10 "$camxuc" info /dev/zero >"$work/out" 2>"$work/err"
code=$?
check "info /dev/zero stops at the size cap with one line" bash -c "[ $code = 66 ] && grep -q 'larger than any MIDI file' '$work/err'"
run compose --valence 0.6 --arousal 0.6 --seconds 20 --seed 5 -o "$work/truth.mid"
printed=$(sed -n 's/^take      \([0-9]*\) notes.*/\1/p' "$work/out")
"$camxuc" info --json "$work/truth.mid" >"$work/info.json"
check "compose prints and judges exactly the notes the file holds" bash -c "[ -n '$printed' ] && python3 -c 'import json,sys; assert json.load(open(\"$work/info.json\"))[\"notes\"] == $printed'"
mkdir -p "$work/nan-models"
cp "$root"/Models/*.json "$root"/Models/*.safetensors "$work/nan-models/"
python3 - "$work/nan-models" <<'PY'
import struct, sys
for name in ("emotion-vi.safetensors", "music-lstm.safetensors", "music-lstm-chords.safetensors"):
    path = f"{sys.argv[1]}/{name}"
    data = bytearray(open(path, "rb").read())
    start = 8 + struct.unpack("<Q", data[:8])[0]
    data[start:] = b"\xff" * (len(data) - start)   # every float NaN
    open(path, "wb").write(data)
PY
CAMXUC_MODELS=$work/nan-models run analyze --json "vui quá"
check "analyze: an all-NaN model is a broken model file (exit 65, one line)" bash -c "[ $code = 65 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'holds NaN' '$work/err' && [ ! -s '$work/out' ]"
CAMXUC_MODELS=$work/nan-models run compose --valence 0.5 --arousal 0.5 --seconds 3 -o "$work/nan.mid"
check "compose: an all-NaN music model is exit 65 and writes nothing" bash -c "[ $code = 65 ] && grep -q 'holds NaN' '$work/err' && [ ! -e '$work/nan.mid' ]"
cp "$fixtures/midi/mido-format1.mid" "$work/mode.mid"
"$camxuc" render "$work/mode.mid" >/dev/null 2>&1 && chmod 640 "$work/mode.wav"
touch "$work/.mode.wav.99999999.partial"
run render "$work/mode.mid"
check "render: a replaced WAV keeps its mode, and a killed render's partial file is cleaned" bash -c "[ $code = 0 ] && [ \$(stat -c %a '$work/mode.wav') = 640 ] && [ ! -e '$work/.mode.wav.99999999.partial' ]"
head -c 1100000 /dev/zero | tr '\0' 'x' >"$XDG_STATE_HOME/camxuc/camxuc.log"
run render "$work/mode.mid"
check "the log is rotated past 1 MB" bash -c "[ -e '$XDG_STATE_HOME/camxuc/camxuc.log.1' ] && [ \$(stat -c %s '$XDG_STATE_HOME/camxuc/camxuc.log') -lt 100000 ]"
"$camxuc" studio >"$work/out" 2>"$work/err" </dev/null
code=$?
check "studio with standard input not a terminal: exit 78, one line, no spinning" bash -c "[ $code = 78 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'needs a terminal' '$work/err'"
LC_ALL=C "$camxuc" studio >"$work/out" 2>"$work/err" </dev/null
code=$?
check "studio from a script with LC_ALL=C: the missing terminal is what it says (not the locale)" bash -c "[ $code = 78 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'needs a terminal' '$work/err'"
for term in dumb unset; do
    if [ $term = unset ]; then prefix="env -u TERM"; else prefix="env TERM=dumb"; fi
    tmux -L camxuc-e2e new-session -d -x 100 -y 20 -s term "cd '$work' && XDG_STATE_HOME='$work/st-764' LANG=C.UTF-8 $prefix '$camxuc' 2>'$work/term-err'; echo \"exit=\$?\"; sleep 30"
    for _ in $(seq 50); do tmux -L camxuc-e2e capture-pane -p -t term | grep -q 'exit=' && break; sleep 0.1; done
    check "studio with TERM $term: exit 78 and one camxuc line" bash -c "tmux -L camxuc-e2e capture-pane -p -t term | grep -q 'exit=78' && [ \$(wc -l <'$work/term-err') = 1 ] && grep -q '^camxuc: .*TERM' '$work/term-err'"
    tmux -L camxuc-e2e kill-session -t term 2>/dev/null
done
# A terminal newer than this machine's terminfo (kitty, ghostty, alacritty over SSH) was refused as one that "cannot
# draw the studio": one that speaks xterm's sequences draws as xterm-256color and says so; another is named as unknown.
tmux -L camxuc-e2e new-session -d -x 100 -y 30 -s term "cd '$work' && XDG_STATE_HOME='$work/st-kitty' LANG=C.UTF-8 TERM=xterm-camxuc-new '$camxuc' --no-listen 2>'$work/term-err'; echo \"exit=\$?\"; sleep 30"
for _ in $(seq 50); do tmux -L camxuc-e2e capture-pane -p -t term | grep -q 'Văn bản ─ Telex' && break; sleep 0.1; done
check "studio with TERM unknown here but xterm-like: drawn as xterm-256color, and said" bash -c "for _ in \$(seq 50); do tmux -L camxuc-e2e capture-pane -p -t term | grep -q 'máy này không biết terminal TERM=xterm-camxuc-new: vẽ như xterm-256color' && exit 0; sleep 0.1; done; exit 1"
tmux -L camxuc-e2e send-keys -t term C-c
tmux -L camxuc-e2e kill-session -t term 2>/dev/null
tmux -L camxuc-e2e new-session -d -x 100 -y 20 -s term "cd '$work' && XDG_STATE_HOME='$work/st-noterm' LANG=C.UTF-8 TERM=camxuc-no-such-terminal '$camxuc' 2>'$work/term-err'; echo \"exit=\$?\"; sleep 30"
for _ in $(seq 50); do tmux -L camxuc-e2e capture-pane -p -t term | grep -q 'exit=' && break; sleep 0.1; done
check "studio with TERM this machine does not know: exit 78, the line says so" bash -c "tmux -L camxuc-e2e capture-pane -p -t term | grep -q 'exit=78' && [ \$(wc -l <'$work/term-err') = 1 ] && grep -q 'this machine knows no terminal TERM=camxuc-no-such-terminal (no terminfo entry)' '$work/term-err'"
tmux -L camxuc-e2e kill-session -t term 2>/dev/null
# A UTF-8 locale that is named but not installed is called that, not "not UTF-8".
tmux -L camxuc-e2e new-session -d -x 100 -y 20 -s term "cd '$work' && XDG_STATE_HOME='$work/st-770' env -u LC_ALL -u LC_CTYPE LANG=xx_YY.UTF-8 '$camxuc' 2>'$work/term-err'; echo \"exit=\$?\"; sleep 30"
for _ in $(seq 50); do tmux -L camxuc-e2e capture-pane -p -t term | grep -q 'exit=' && break; sleep 0.1; done
check "studio with a locale that is not installed: exit 78, the line names it" bash -c "tmux -L camxuc-e2e capture-pane -p -t term | grep -q 'exit=78' && [ \$(wc -l <'$work/term-err') = 1 ] && grep -q 'locale LANG=xx_YY.UTF-8 is not installed' '$work/term-err'"
tmux -L camxuc-e2e kill-session -t term 2>/dev/null
# "~user/…" quoted past the shell made "./~nouser/x" where the config refuses the same value.
(cd "$work" && "$camxuc" --save-folder '~nouser/x' >"$work/out" 2>"$work/err" </dev/null)
code=$?
check "studio --save-folder '~nouser/x': exit 64, one line, and no folder made in the working folder" bash -c "[ $code = 64 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q \"only ~ alone or ~/ names a home folder\" '$work/err' && [ ! -e '$work/~nouser' ]"
# Under LC_ALL the advice names LC_ALL (it said "run with LANG=C.UTF-8" with LANG=C.UTF-8 already set).
tmux -L camxuc-e2e new-session -d -x 100 -y 20 -s term "cd '$work' && XDG_STATE_HOME='$work/st-771' env LC_ALL=xx_YY.UTF-8 LANG=C.UTF-8 '$camxuc' 2>'$work/term-err'; echo \"exit=\$?\"; sleep 30"
for _ in $(seq 50); do tmux -L camxuc-e2e capture-pane -p -t term | grep -q 'exit=' && break; sleep 0.1; done
check "studio with LC_ALL naming a locale that is not installed: the advice is LC_ALL=C.UTF-8" bash -c "tmux -L camxuc-e2e capture-pane -p -t term | grep -q 'exit=78' && grep -q 'locale LC_ALL=xx_YY.UTF-8 is not installed.*run with LC_ALL=C.UTF-8' '$work/term-err'"
tmux -L camxuc-e2e kill-session -t term 2>/dev/null
# NO_COLOR: no colour at all, and the text cursor still shows (reverse video), as on a monochrome terminal.
tmux -L camxuc-e2e new-session -d -x 100 -y 30 -s mono "cd '$work' && XDG_STATE_HOME='$work/st-775' NO_COLOR=1 XDG_DATA_HOME='$work/mono-data' LANG=C.UTF-8 '$camxuc' --no-listen; sleep 30"
for _ in $(seq 100); do tmux -L camxuc-e2e capture-pane -p -t mono | grep -q 'Văn bản ─ Telex' && break; sleep 0.1; done
sleep 0.3
tmux -L camxuc-e2e capture-pane -e -p -t mono >"$work/mono-screen"
check "studio with NO_COLOR: no colour is sent and the text cursor is in reverse video" bash -c "grep -qP '\e\[(\d+;)*7(;\d+)*m' '$work/mono-screen' && ! grep -qP '\e\[(\d+;)*(3[0-7]|4[0-7]|38|48|9[0-7]|10[0-7])(;|m)' '$work/mono-screen'"
# Started as the window's own command there is no shell's job control: Ctrl-Z says so (it flickered and did nothing).
tmux -L camxuc-e2e send-keys -t mono C-z
check "studio: Ctrl-Z with no shell to return to says so" bash -c "for _ in \$(seq 30); do tmux -L camxuc-e2e capture-pane -p -t mono | grep -q 'Ctrl-Z: không có shell để quay về' && exit 0; sleep 0.1; done; exit 1"
tmux -L camxuc-e2e send-keys -t mono C-c
tmux -L camxuc-e2e kill-session -t mono 2>/dev/null
# A crash (a trap, as an arithmetic overflow gives) restores the terminal before the process dies, with no prompt.
tmux -L camxuc-e2e new-session -d -x 100 -y 30 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-786' CAMXUC_FAULT=crash LANG=C.UTF-8 '$camxuc' 2>'$work/crash-err'; echo \"exit=\$?\"; stty -a | tr ' ' '\n' | grep -x -- '-\?icanon\|-\?echo' | tr '\n' ' '; echo; sleep 30"
check "studio: a crash restores the terminal first and never waits at a backtracer prompt" bash -c "$(declare -f screen wait_for); wait_for 'exit=13[23]' && wait_for 'icanon' && screen | grep -q '^icanon echo' && ! screen | grep -q 'Văn bản'"
tmux -L camxuc-e2e kill-session -t studio 2>/dev/null
mkdir -p "$work/kept/camxuc/takes" && cp "$fixtures/midi/mido-format1.mid" "$work/kept/camxuc/takes/take-9223372036854775807.mid"
cp "$work/huge.mid" "$work/kept/camxuc/takes/take-1.mid"
tmux -L camxuc-e2e new-session -d -x 120 -y 40 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-791' XDG_DATA_HOME='$work/kept' LANG=C.UTF-8 '$camxuc' --no-listen; echo \"exit=\$?\"; sleep 30"
wait_for "Văn bản ─ Telex"
tmux -L camxuc-e2e send-keys -t studio "vui" Enter
check "studio: a kept take with an absurd number is skipped and one with absurd times loads; Enter composes take 2" bash -c "$(declare -f screen wait_for); wait_for 'Piano roll ─ take 2' && for _ in \$(seq 100); do [ -e '$work/kept/camxuc/takes/take-2.mid' ] && exit 0; sleep 0.1; done; exit 1"
tmux -L camxuc-e2e send-keys -t studio C-c
check "studio: and quits cleanly" bash -c "$(declare -f screen wait_for); wait_for 'exit=0'"
tmux -L camxuc-e2e kill-session -t studio 2>/dev/null

# The key row sets the next take's tonic (auto draws it from the seed; the mode follows valence).
tmux -L camxuc-e2e new-session -d -x 120 -y 40 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-800' XDG_DATA_HOME='$work/key-data' LANG=C.UTF-8 '$camxuc' --no-listen; echo \"exit=\$?\"; sleep 30"
wait_for "Văn bản ─ Telex"
tmux -L camxuc-e2e send-keys -t studio "vui"
wait_for "vui vẻ"
tmux -L camxuc-e2e send-keys -t studio Tab Tab Tab
sleep 0.3
tmux -L camxuc-e2e send-keys -t studio Down Down Down Down Down Right Right Right
check "studio: the key row goes from tự động to C, C#, D" bash -c "$(declare -f screen wait_for); wait_for '▸ giọng  *D │'"
tmux -L camxuc-e2e send-keys -t studio Enter
check "studio: the next take is in D, as the roll's title and the take's file say" bash -c "$(declare -f screen wait_for); wait_for 'Piano roll ─ take 1 ─ D major' && for _ in \$(seq 100); do [ -e '$work/key-data/camxuc/takes/take-1.mid' ] && break; sleep 0.1; done; '$camxuc' info '$work/key-data/camxuc/takes/take-1.mid' | grep -q '^  harmony   D major'"
end_studio

# Two studios on one data folder never write the same take file; ids are never reused after delete and undo.
for name in one two; do
    tmux -L camxuc-e2e new-session -d -x 120 -y 40 -s $name "cd '$work' && XDG_STATE_HOME='$work/st-814' XDG_DATA_HOME='$work/shared-data' LANG=C.UTF-8 '$camxuc' --no-listen; echo \"exit=\$?\"; sleep 30"
done
for _ in $(seq 100); do tmux -L camxuc-e2e capture-pane -p -t two | grep -q "Văn bản ─ Telex" && break; sleep 0.1; done
tmux -L camxuc-e2e send-keys -t one "vui" Enter
for _ in $(seq 100); do [ -e "$work/shared-data/camxuc/takes/take-1.mid" ] && break; sleep 0.1; done
tmux -L camxuc-e2e send-keys -t two "buoonf" Enter
for _ in $(seq 100); do [ -e "$work/shared-data/camxuc/takes/take-2.mid" ] && break; sleep 0.1; done
check "studio: two studios on one folder keep both takes in files of their own" bash -c "'$camxuc' info '$work/shared-data/camxuc/takes/take-1.mid' | grep -q 'text      vui' && '$camxuc' info '$work/shared-data/camxuc/takes/take-2.mid' | grep -q 'text      buồn' && tmux -L camxuc-e2e capture-pane -p -t two | grep -q 'Piano roll ─ take 2'"
tmux -L camxuc-e2e send-keys -t one C-c
tmux -L camxuc-e2e send-keys -t two C-c
sleep 0.3
tmux -L camxuc-e2e kill-session -t one 2>/dev/null
tmux -L camxuc-e2e kill-session -t two 2>/dev/null
tmux -L camxuc-e2e new-session -d -x 120 -y 40 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-827' XDG_DATA_HOME='$work/undo-data' LANG=C.UTF-8 '$camxuc' --no-listen --save-folder '$work/undo-saved'; echo \"exit=\$?\"; sleep 30"
wait_for "Văn bản ─ Telex"
tmux -L camxuc-e2e send-keys -t studio "vui" Enter
for _ in $(seq 100); do [ -e "$work/undo-data/camxuc/takes/take-1.mid" ] && break; sleep 0.1; done
tmux -L camxuc-e2e send-keys -t studio Enter
for _ in $(seq 100); do [ -e "$work/undo-data/camxuc/takes/take-2.mid" ] && break; sleep 0.1; done
tmux -L camxuc-e2e send-keys -t studio Escape
sleep 0.3  # Esc then a letter at once would read as Alt-letter
# t d deletes in the list, t goes back to the roll, where Enter composes (in the list it plays the selected take).
tmux -L camxuc-e2e send-keys -t studio t d t Enter
for _ in $(seq 100); do [ -e "$work/undo-data/camxuc/takes/take-3.mid" ] && break; sleep 0.1; done
tmux -L camxuc-e2e send-keys -t studio t
tmux -L camxuc-e2e send-keys -t studio u
check "studio: delete, compose, undo: the new take is 3, take 2 comes back, three files" bash -c "$(declare -f screen wait_for); wait_for 'đã khôi phục take 2' && sleep 0.5 && ls '$work/undo-data/camxuc/takes/' | grep -c '^take-[123].mid$' | grep -qx 3"
# The listening loop: Space plays with a moving playhead, Space again stops, x switches A and B, l loops.
tmux -L camxuc-e2e send-keys -t studio Space
check "studio: Space plays: ▶ m:ss / m:ss in the roll title" bash -c "$(declare -f screen wait_for); wait_for 'Piano roll ─ take 2 ─ ▶ 0:0[0-9] / 0:'"
first=$(screen | grep -o '▶ 0:0[0-9]' | head -1)
sleep 1.5
check "studio: the playhead moves while it plays" bash -c "$(declare -f screen); [ \"\$(screen | grep -o '▶ 0:0[0-9]' | head -1)\" != '$first' ]"
tmux -L camxuc-e2e send-keys -t studio Space
check "studio: a second Space stops" bash -c "$(declare -f screen wait_for); sleep 0.5; ! screen | grep -q 'Piano roll.*▶'"
# It pauses: the roll's title holds the moment, the next Space goes on from it (it started again at 0:00), ] skips 5 s.
check "studio: the second Space pauses, ⏸ and the moment in the roll's title" bash -c "$(declare -f screen wait_for); wait_for 'Piano roll ─ take 2 ─ ⏸ 0:0[1-9] / 0:'"
held=$(screen | grep -o '⏸ 0:0[0-9]' | head -1 | sed 's/⏸ 0:0//')
tmux -L camxuc-e2e send-keys -t studio Space
check "studio: Space goes on from the paused moment, not 0:00" bash -c "$(declare -f screen wait_for); wait_for 'Piano roll ─ take 2 ─ ▶ 0:0[$held-9]' && ! screen | grep -q 'take 2 ─ ▶ 0:00'"
before=$(screen | sed -n 's/.*take 2 ─ ▶ 0:\([0-9][0-9]\).*/\1/p' | head -1)
tmux -L camxuc-e2e send-keys -t studio ']'
check "studio: ] skips 5 s on" bash -c "$(declare -f screen wait_for); for _ in \$(seq 30); do now=\$(screen | sed -n 's/.*take 2 ─ ▶ 0:\([0-9][0-9]\).*/\1/p' | head -1); [ -n \"\$now\" ] && [ \$((10#\$now)) -ge \$((10#$before + 4)) ] && exit 0; sleep 0.1; done; exit 1"
tmux -L camxuc-e2e send-keys -t studio Space
wait_for 'Piano roll ─ take 2 ─ ⏸' >/dev/null
tmux -L camxuc-e2e send-keys -t studio l
check "studio: l says loop is on" bash -c "$(declare -f screen wait_for); wait_for 'lặp lại: bật'"
tmux -L camxuc-e2e send-keys -t studio a Down b x
check "studio: x plays A" bash -c "$(declare -f screen wait_for); wait_for '▶ A' && wait_for 'Piano roll ─ take 2 ─ ▶'"
tmux -L camxuc-e2e send-keys -t studio x
check "studio: x again switches to B at the same moment" bash -c "$(declare -f screen wait_for); wait_for '▶ B' && wait_for 'Piano roll ─ take 1 ─ ▶ .* ⟳'"
tmux -L camxuc-e2e send-keys -t studio Space
tmux -L camxuc-e2e send-keys -t studio S
check "studio: S saves the take with its WAV, rendered off the UI thread, under a name of its own" bash -c "$(declare -f screen wait_for); wait_for 'đã lưu MIDI và WAV: ' && ls '$work/undo-saved'/*-1-*.wav >/dev/null"
pid=$(pgrep -f "^$camxuc --no-listen --save-folder $work/undo-saved\$" | head -1)
sleep 5.5  # released notes ring out for four seconds, then the audio thread idles
cpu_start=$(awk '{print $14 + $15}' /proc/$pid/stat)
sleep 3
cpu_end=$(awk '{print $14 + $15}' /proc/$pid/stat)
check "studio: idle after playback takes little CPU (< 10% over 3 s)" bash -c "[ \$(( $cpu_end - $cpu_start )) -lt 30 ]"
kill -HUP $pid
sleep 1
check "studio: SIGHUP (the terminal closed) ends the process, audio thread included" bash -c "! kill -0 $pid 2>/dev/null"
tmux -L camxuc-e2e kill-session -t studio 2>/dev/null



# Ctrl-Z suspends the studio to the shell, as in any terminal program (the terminal is raw, so the studio does it),
# and fg brings it back whole.
tmux -L camxuc-e2e new-session -d -x 100 -y 30 -s studio "cd '$work' && env LANG=C.UTF-8 PS1='job$ ' bash --norc --noprofile -i"
sleep 0.5
tmux -L camxuc-e2e send-keys -t studio "'$camxuc' --no-listen --save-folder '$work/job'" Enter
wait_for "Văn bản ─ Telex"
tmux -L camxuc-e2e send-keys -t studio C-z
check "studio: Ctrl-Z suspends it to the shell" bash -c "$(declare -f screen wait_for); wait_for 'Stopped' && ! screen | grep -q 'Văn bản'"
tmux -L camxuc-e2e send-keys -t studio "fg" Enter
check "studio: fg brings it back whole" bash -c "$(declare -f screen wait_for); wait_for 'Văn bản ─ Telex' && screen | grep -q 'Piano roll'"
end_studio

# SIGINT sent from outside (kill -INT; Ctrl-C in the studio is a key) ends the studio like SIGTERM: exit 130.
signal_studio INT sigint
check "studio: an external SIGINT exits 130 with the terminal restored" bash -c "$(declare -f screen wait_for); wait_for 'exit=130' && ! screen | grep -q 'Văn bản'"
tmux -L camxuc-e2e kill-session -t studio 2>/dev/null
# Ctrl-L redraws the whole screen: a background job's output landed after the typed text and stayed until a resize.
tmux -L camxuc-e2e new-session -d -x 100 -y 30 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-ctrl-l' XDG_DATA_HOME='$work/data-ctrl-l' LANG=C.UTF-8 '$camxuc' --save-folder '$work/ctrl-l'; echo \"exit=\$?\"; sleep 30"
wait_for "Văn bản ─ Telex"
tmux -L camxuc-e2e run-shell -t studio "printf 'NOISE FROM ELSEWHERE' > \$(tmux -L camxuc-e2e display -p -t studio '#{pane_tty}')"
wait_for "NOISE FROM ELSEWHERE"
tmux -L camxuc-e2e send-keys -t studio C-l
check "studio: Ctrl-L redraws the screen, and what another program wrote over it goes" bash -c "$(declare -f screen wait_for); for _ in \$(seq 50); do ! screen | grep -q 'NOISE FROM' && screen | grep -q 'Văn bản ─ Telex' && exit 0; sleep 0.1; done; exit 1"
end_studio
# A terminal without an alternate screen (vt100, the Linux console) keeps the last frame: what the shell prints next
# goes below the status line, not over it ("rc=0er tạo…").
tmux -L camxuc-e2e new-session -d -x 100 -y 30 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-vt100' XDG_DATA_HOME='$work/data-vt100' LANG=C.UTF-8 TERM=vt100 '$camxuc' --save-folder '$work/vt100'; echo \"exit=\$?\"; sleep 30"
wait_for "Văn bản ─ Telex"
tmux -L camxuc-e2e send-keys -t studio C-c
check "studio: on a terminal without an alternate screen the shell writes below the last frame, not over its status line" bash -c "$(declare -f screen wait_for); wait_for '^exit=0' && screen | grep -q '^ .*Ctrl-C thoát *\$' && ! screen | grep -q '^exit=0.*thoát'"
tmux -L camxuc-e2e kill-session -t studio 2>/dev/null
# Under a Vietnamese locale numbers are written as everywhere else on screen: the roll's title said "nhịp ×1,03"
# beside "0.61" (the locale's decimal comma). The locale is built into the work folder (none is installed).
mkdir -p "$work/locale"
localedef -i vi_VN -f UTF-8 "$work/locale/vi_VN.UTF-8" >/dev/null 2>&1 || echo "note: localedef could not build vi_VN.UTF-8 (is the locales package installed? make installs it)" >&2
tmux -L camxuc-e2e new-session -d -x 120 -y 40 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-vi' XDG_DATA_HOME='$work/data-vi' LOCPATH='$work/locale' LANG=vi_VN.UTF-8 '$camxuc' --no-listen --save-folder '$work/vi'; echo \"exit=\$?\"; sleep 30"
wait_for "Văn bản ─ Telex"
tmux -L camxuc-e2e send-keys -t studio "vui" Enter
check "studio: under vi_VN.UTF-8 the roll's title writes its tempo with a point, as the rest of the screen" bash -c "$(declare -f screen wait_for); wait_for 'Piano roll ─ take 1 ─ .*nhịp ×[0-9]\.[0-9][0-9]' && ! screen | grep -q '×[0-9],[0-9]'"
end_studio
# A state folder that cannot be written is said at start (only at quit before: the session forgotten without a word).
touch "$work/state-is-a-file"
tmux -L camxuc-e2e new-session -d -x 120 -y 40 -s studio "cd '$work' && XDG_STATE_HOME='$work/state-is-a-file/state' XDG_DATA_HOME='$work/data-unremembered' LANG=C.UTF-8 '$camxuc' --save-folder '$work/unremembered'; echo \"exit=\$?\"; sleep 30"
check "studio: a state folder it cannot write is said at start" bash -c "$(declare -f screen wait_for); wait_for 'phiên này không nhớ được cho lần sau: không ghi được .*state-is-a-file/state'"
end_studio
# LINES and COLUMNS exported by a shell's start-up files do not override the window's size (COLUMNS=40 LINES=10 said
# a 100×30 window was too small; 120×40 drew panels over each other).
tmux -L camxuc-e2e new-session -d -x 100 -y 30 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-lines' XDG_DATA_HOME='$work/data-lines' LANG=C.UTF-8 COLUMNS=40 LINES=10 '$camxuc' --save-folder '$work/lines'; echo \"exit=\$?\"; sleep 30"
check "studio: exported LINES and COLUMNS do not override the window's own size" bash -c "$(declare -f screen wait_for); wait_for 'Văn bản ─ Telex' && ! screen | grep -q 'quá nhỏ' && [ \"\$(screen | sed -n 30p | grep -c 'Ctrl-C thoát')\" = 1 ]"
end_studio
# SIGQUIT from outside ends it the same way (the runtime's backtracer printed a crash report over the screen and held
# the studio 30 s); SIGUSR1, whose default ends the process, no longer leaves the alternate screen, a hidden cursor and
# mouse reporting behind.
for sig in QUIT USR1; do
    signal_studio $sig sig$sig
    expected=$([ $sig = QUIT ] && echo 130 || echo 138)
    check "studio: an external SIG$sig exits $expected with the terminal restored (main screen, cursor shown, no mouse reporting)" bash -c "$(declare -f screen wait_for); wait_for 'exit=$expected' && ! screen | grep -qi 'Văn bản\|crashed' && [ \"\$(tmux -L camxuc-e2e display -p -t studio '#{alternate_on} #{cursor_flag} #{mouse_any_flag}')\" = '0 1 0' ]"
    tmux -L camxuc-e2e kill-session -t studio 2>/dev/null
done
# On a terminal without an alternate screen (vt100) a signal whose default ends the process (SIGUSR1) sends the shell
# below the last frame too: it went on writing over the frame's top rows.
signal_studio USR1 vtusr1 TERM=vt100
check "studio: on a terminal without an alternate screen an external SIGUSR1 sends the shell below the last frame" bash -c "$(declare -f screen wait_for); wait_for '^exit=138' && screen | awk '/Ctrl-C thoát *\$/ { f = NR } /^exit=138/ { e = NR } END { exit !(f && e > f) }'"
tmux -L camxuc-e2e kill-session -t studio 2>/dev/null
# A message too long for the status line's two rows ends with "m xem hết", and m shows it whole (the reason after a
# long name was cut at 80 columns and gone at the next key).
tmux -L camxuc-e2e new-session -d -x 80 -y 24 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-messages' XDG_DATA_HOME='$work/data-messages' LANG=C.UTF-8 '$camxuc' --no-listen --save-folder '$work/messages'; echo \"exit=\$?\"; sleep 30"
wait_for "Văn bản ─ Telex"
open_prompt
tmux -L camxuc-e2e send-keys -t studio "mot-ten-tep-rat-dai-khong-co-o-day-va-con-dai-hon-nua-cho-den-het-dong-thu-hai-roi-sang-ca-dong-thu-ba-cua-thanh-trang-thai.mid" Enter
check "studio 80×24: a message cut on the status line ends with the key that shows it whole" bash -c "$(declare -f screen wait_for); wait_for 'm xem hết *\$'"
tmux -L camxuc-e2e send-keys -t studio m
check "studio 80×24: m lists the session's messages, the cut one whole" bash -c "$(declare -f screen wait_for); wait_for 'Thông báo — bấm phím bất kỳ để đóng' && screen | grep -q '✗ không đọc được' && screen | grep -q 'không có tệp hay thư mục đó'"
end_studio

# A MIDI file dragged onto the terminal (which pastes its path quoted, as GNOME Terminal and Konsole do) opens as o
# opens it: the quoted path became the text read for emotion.
mkdir -p "$work/Nhạc của tôi"
"$camxuc" compose --text "vui" --seconds 4 --seed 3 -o "$work/Nhạc của tôi/bài hát.mid" >/dev/null 2>&1
tmux -L camxuc-e2e new-session -d -x 120 -y 40 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-drop' XDG_DATA_HOME='$work/data-drop' LANG=C.UTF-8 '$camxuc' --no-listen --save-folder '$work/drop'; echo \"exit=\$?\"; sleep 30"
wait_for "Văn bản ─ Telex"
tmux -L camxuc-e2e set-buffer "'$work/Nhạc của tôi/bài hát.mid' "
tmux -L camxuc-e2e paste-buffer -p -t studio
check "studio: a MIDI file dropped on the terminal (its quoted path pasted) opens as a take" bash -c "$(declare -f screen wait_for); wait_for 'đã mở bài hát.mid: [0-9]* nốt' && ! screen | grep -q \"│ '\""
# With no text and no point, Enter continues it in the emotion its file records (it said what to do first).
tmux -L camxuc-e2e send-keys -t studio Enter
check "studio: Enter on an opened take with no text continues it in the emotion its file records" bash -c "$(declare -f screen wait_for); wait_for 'viết tiếp bài hát.mid từ 0:0[0-9] theo cảm xúc của chính tệp (.*, như tệp ghi)' && wait_for 'Piano roll ─ take 2 ─'"
end_studio
# A device that stops taking sound while a take is heard as it is composed held the playhead at 0:00 and the
# composition with it, without a word: the studio says so, composes the rest at once, and goes on without sound.
tmux -L camxuc-e2e new-session -d -x 100 -y 30 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-stall' XDG_DATA_HOME='$work/data-stall' LANG=C.UTF-8 '$camxuc' --device camxuc_failing --save-folder '$work/stall'; echo \"exit=\$?\"; sleep 30"
wait_for "Văn bản ─ Telex"
tmux -L camxuc-e2e send-keys -t studio "vui qua" Enter
check "studio: a device that stops while a take is heard is said with its reason, and the take is composed whole" bash -c "$(declare -f screen wait_for); wait_for 'thiết bị âm thanh ngừng hoạt động khi đang phát (/dev/full' && wait_for 'Piano roll ─ take 1 ─ [A-G]' && ! screen | grep -q 'đang tạo'"
end_studio
# At 80×24: the roll plays with its playhead and title, scrolls through pitches, and Parameters says which rows it shows.
tmux -L camxuc-e2e new-session -d -x 80 -y 24 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-900' XDG_DATA_HOME='$work/small-data' LANG=C.UTF-8 '$camxuc' --no-listen --save-folder '$work/small-saved'; echo \"exit=\$?\"; sleep 30"
wait_for "Văn bản ─ Telex"
tmux -L camxuc-e2e send-keys -t studio "vui" Enter
wait_for "Piano roll ─ take 1 ─"
sleep 1
tmux -L camxuc-e2e send-keys -t studio Escape
sleep 0.3
tmux -L camxuc-e2e send-keys -t studio Tab Tab Tab Space
check "studio 80×24: the playing take shows ▶ m:ss / m:ss, the playhead column and Tham số 1–7/10" bash -c "$(declare -f screen wait_for); wait_for 'Piano roll ─ take 1 ─ ▶ 0:0[0-9] / 0:' && screen | grep -q '┃' && screen | grep -q 'Tham số 1–7/10'"
top=$(screen | sed -n 14p | cut -c2-5)
tmux -L camxuc-e2e send-keys -t studio PageUp
check "studio 80×24: PgUp in the roll scrolls to higher pitches" bash -c "$(declare -f screen wait_for); sleep 0.5; [ \"\$(screen | sed -n 14p | cut -c2-5)\" != '$top' ]"
end_studio
# A held arrow key in the takes list: the roll is not drawn anew for every take it passes (at 200×60 each was drawn
# whole: 20 key repeats sent 408 KB, three minutes of a 3 KB/s link); the list moves at once, and the roll shows the
# selected take once the key rests.
tmux -L camxuc-e2e new-session -d -x 200 -y 60 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-held' XDG_DATA_HOME='$work/held-data' LANG=C.UTF-8 '$camxuc' --no-listen; echo \"exit=\$?\"; sleep 30"
wait_for "Văn bản ─ Telex"
for text in "vui qua" "buon qua" "tuc qua" "so qua" "chan qua" "met qua" "yeu qua" "ghet qua"; do
  tmux -L camxuc-e2e send-keys -t studio C-u "$text" Enter
  sleep 0.3
  for _ in $(seq 100); do screen | grep -q 'đang tạo' || break; sleep 0.1; done
done
tmux -L camxuc-e2e send-keys -t studio Escape t
wait_for '▸ 8 ghet qua'
sleep 0.5
tmux -L camxuc-e2e pipe-pane -o -t studio "cat > '$work/held.out'"
for _ in $(seq 7); do tmux -L camxuc-e2e send-keys -t studio Down; sleep 0.02; done
check "studio 200×60: once a held ↓ rests on the oldest take the roll shows it" bash -c "$(declare -f screen wait_for); wait_for '▸ 1 vui qua' && wait_for 'Piano roll ─ take 1 '"
for _ in $(seq 7); do tmux -L camxuc-e2e send-keys -t studio Up; sleep 0.02; done
check "studio 200×60: and a held ↑ back on the newest, that one" bash -c "$(declare -f screen wait_for); wait_for '▸ 8 ghet qua' && wait_for 'Piano roll ─ take 8 '"
tmux -L camxuc-e2e pipe-pane -t studio
check "studio 200×60: 14 arrow keys held in the takes list, two runs of 7, send under 320 KB to the terminal (each take's roll drawn: 650 KB; now two a run)" bash -c "[ \$(wc -c < '$work/held.out') -lt 320000 ]"
end_studio
# At 64×20, a projector's big font (it drew only "too small" below 80×24): the reading, the plane and the roll, the
# parameters over them while focused, and a take playing with its playhead.
tmux -L camxuc-e2e new-session -d -x 64 -y 20 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-compact' XDG_DATA_HOME='$work/compact-data' LANG=C.UTF-8 '$camxuc' --no-listen --save-folder '$work/compact-saved'; echo \"exit=\$?\"; sleep 30"
wait_for "Văn bản ─ Telex"
tmux -L camxuc-e2e send-keys -t studio "vui qua" Enter
check "studio 64×20: the compact layout reads the text and draws the plane and the take's roll" bash -c "$(declare -f screen wait_for); wait_for 'Piano roll ─ take 1 ─ [A-G]' && screen | grep -q '│ 1 vui vẻ ' && screen | grep -q 'Valence · Arousal' && ! screen | grep -q 'quá nhỏ'"
tmux -L camxuc-e2e send-keys -t studio Escape
sleep 0.3
tmux -L camxuc-e2e send-keys -t studio Tab Tab
check "studio 64×20: Tab to the parameters opens them over the plane, all ten rows" bash -c "$(declare -f screen wait_for); wait_for 'Tham số ─' && screen | grep -q '▸ nhiệt độ' && screen | grep -q 'seed  ' && ! screen | grep -q 'Valence · Arousal'"
tmux -L camxuc-e2e send-keys -t studio Tab Space
check "studio 64×20: Tab on to the roll closes them, and Space plays the take with its playhead" bash -c "$(declare -f screen wait_for); wait_for 'Piano roll ─ take 1 ─ ▶ 0:0[0-9] / 0:' && screen | grep -q '┃' && screen | grep -q 'Valence · Arousal' && ! screen | grep -q 'Tham số'"
playhead_column() { screen | python3 -c "import sys; rows = [r for r in sys.stdin.read().splitlines() if '┃' in r]; print(rows[0].index('┃') if rows else -1)"; }
first=$(screen | grep -o '▶ 0:0[0-9]' | head -1)
first_column=$(playhead_column)
sleep 1.5
check "studio 64×20: the playhead moves while it plays, its clock and its column in the roll" bash -c "$(declare -f screen playhead_column); [ \"\$(screen | grep -o '▶ 0:[0-9][0-9]' | head -1)\" != '$first' ] && [ \"\$(playhead_column)\" != '$first_column' ] && [ '$first_column' != -1 ]"
end_studio

# At 80×24 the Emotion panel's border cut the why line to its first phrase ("vì: vui quá …"): it goes whole under the
# text it explains, with the emotion it explains.
tmux -L camxuc-e2e new-session -d -x 80 -y 24 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-why' XDG_DATA_HOME='$work/why-data' LANG=C.UTF-8 '$camxuc' --no-listen; echo \"exit=\$?\"; sleep 30"
wait_for "Văn bản ─ Telex"
tmux -L camxuc-e2e set-buffer "Tuần này em được 10 điểm toán, vui quá trời luôn"
tmux -L camxuc-e2e paste-buffer -p -t studio
check "studio 80×24: a why line too long for the Emotion panel is whole under the text, naming its emotion" bash -c "$(declare -f screen wait_for); wait_for '│ 1 vui vẻ ' && wait_for '└─ vui vẻ, vì: vui quá · trời luôn' && screen | sed -n 3p | grep -q '^└─ vui vẻ, vì: ' && ! screen | grep -q '└─ vì:'"
end_studio
# A calm good feeling at 80×24: read as vui vẻ, its point is in the calm quadrant (it sat with excited joy, arousal
# +0.12), and the plane draws the target below its axis.
tmux -L camxuc-e2e new-session -d -x 80 -y 24 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-calm' XDG_DATA_HOME='$work/calm-data' LANG=C.UTF-8 '$camxuc' --no-listen; echo \"exit=\$?\"; sleep 30"
wait_for "Văn bản ─ Telex"
tmux -L camxuc-e2e set-buffer "Chiều nay ngồi uống trà, thấy lòng thật bình yên"
tmux -L camxuc-e2e paste-buffer -p -t studio
check "studio 80×24: a calm text read as vui vẻ is drawn in the calm quadrant, below the plane's axis" bash -c "$(declare -f screen wait_for); wait_for '│ 1 vui vẻ ' && wait_for '◆ đích (+0\.[0-9][0-9], −0\.[0-9][0-9])' && axis=\$(screen | grep -n '┼' | head -1 | cut -d: -f1) && mark=\$(screen | grep -n '◆' | grep -v 'đích' | head -1 | cut -d: -f1) && [ -n \"\$mark\" ] && [ \"\$mark\" -gt \"\$axis\" ]"
end_studio

# An emotional arc at 80×24: two sentences typed with Alt-Enter between them are read one by one (the plane numbers
# them), Enter composes along them, and while the take plays the roll's strip shows its two segments.
arc_plane() { screen | sed -n 5,10p | awk -F'││' '{print $2}'; }
tmux -L camxuc-e2e new-session -d -x 80 -y 24 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-917' XDG_DATA_HOME='$work/arc-data' LANG=C.UTF-8 '$camxuc' --no-listen --save-folder '$work/arc-saved'; echo \"exit=\$?\"; sleep 30"
wait_for "Văn bản ─ Telex"
tmux -L camxuc-e2e send-keys -t studio "Hoom nay dduwowcj ddieerm muwowif, vui quas!"
tmux -L camxuc-e2e send-keys -t studio M-Enter
tmux -L camxuc-e2e send-keys -t studio "Nhuwng veef nhaf thif bij mawngs, buoonf ghee."
check "studio arc: Alt-Enter breaks the line (⏎) and the plane numbers both sentences" bash -c "$(declare -f screen wait_for arc_plane); wait_for 'vui quá! ⏎ Nhưng về nhà thì bị mắng, buồn ghê\.' && for _ in \$(seq 50); do arc_plane | grep -q 1 && arc_plane | grep -q 2 && exit 0; sleep 0.1; done; exit 1"
tmux -L camxuc-e2e send-keys -t studio Enter
for _ in $(seq 600); do [ -e "$work/arc-data/camxuc/takes/take-1.mid" ] && break; sleep 0.1; done
tmux -L camxuc-e2e send-keys -t studio Escape
sleep 0.3
tmux -L camxuc-e2e send-keys -t studio Space
check "studio arc: while the take plays the strip shows its two segments and the plane its numbered path" bash -c "$(declare -f screen wait_for arc_plane); wait_for 'Piano roll ─ take 1 ─ ▶ 0:0' && screen >'$work/out' && sed -n 14p '$work/out' | grep -q '^│câu │.* 1 vui vẻ .*━ 2 buồn bã ━' && arc_plane | grep -q 1 && arc_plane | grep -q 2"
check "studio arc: the saved take records the arc" bash -c "'$camxuc' info '$work/arc-data/camxuc/takes/take-1.mid' | grep -q 'arc       2 segments'"
end_studio
tmux -L camxuc-e2e new-session -d -x 80 -y 24 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-931' XDG_DATA_HOME='$work/arc-data' LANG=C.UTF-8 '$camxuc'; echo \"exit=\$?\"; sleep 30"
check "studio arc: a kept take shows its arc again at the next start" bash -c "$(declare -f screen wait_for); wait_for '^│câu │━ 1 vui vẻ ━.*━ 2 buồn bã ━'"
end_studio

# Three sentences in an 8-s take at 80×24: two are merged, the status line says so, and while the take plays the strip
# names the merged segment by the plane's marks ("1–2"; it said "1" beside a plane whose 2 was another sentence).
mkdir -p "$work/arc-merge-config/camxuc"
printf '[parameters]\nlength = 8\n' >"$work/arc-merge-config/camxuc/config.toml"
tmux -L camxuc-e2e new-session -d -x 80 -y 24 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-939' XDG_CONFIG_HOME='$work/arc-merge-config' XDG_DATA_HOME='$work/arc-merge-data' LANG=C.UTF-8 '$camxuc' --no-listen; echo \"exit=\$?\"; sleep 30"
wait_for "Văn bản ─ Telex"
tmux -L camxuc-e2e send-keys -t studio "Hoom nay vui quas!"
tmux -L camxuc-e2e send-keys -t studio M-Enter
tmux -L camxuc-e2e send-keys -t studio "Vui quas ddi thooi!"
tmux -L camxuc-e2e send-keys -t studio M-Enter
tmux -L camxuc-e2e send-keys -t studio "Buoonf quas, muoons khocs."
wait_for "Buồn quá, muốn khóc\." >/dev/null
sleep 0.5
tmux -L camxuc-e2e send-keys -t studio Enter
check "studio arc: sentences merged to fit the length are said on the status line" bash -c "$(declare -f screen wait_for); wait_for 'câu 1–2 được gộp cho vừa 8 s'"
for _ in $(seq 600); do [ -e "$work/arc-merge-data/camxuc/takes/take-1.mid" ] && break; sleep 0.1; done
tmux -L camxuc-e2e send-keys -t studio Escape
sleep 0.3
tmux -L camxuc-e2e send-keys -t studio Space
check "studio arc: playing, the strip names the merged segment 1–2 as the plane marks its sentences" bash -c "$(declare -f screen wait_for); wait_for 'Piano roll ─ take 1 ─ ▶ 0:0' && screen >'$work/out' && sed -n 14p '$work/out' | grep -q '^│câu │.*1–2 vui vẻ.*━ 3 buồn bã'"
end_studio

# c while the take is heard as it is composed continues it from the playhead (it was refused): the first take stops
# composing there and stays, partial, and the continuation plays on from where it was heard.
tmux -L camxuc-e2e new-session -d -x 120 -y 36 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-959' XDG_DATA_HOME='$work/continue-data' LANG=C.UTF-8 '$camxuc'; echo \"exit=\$?\"; sleep 30"
wait_for "Văn bản ─ Telex"
tmux -L camxuc-e2e send-keys -t studio "vui quas"
wait_for "vì: .*vui" >/dev/null
tmux -L camxuc-e2e send-keys -t studio Enter
wait_for 'Piano roll ─ take 1 ─ ▶ 0:0[3-9]' >/dev/null
tmux -L camxuc-e2e send-keys -t studio Escape
sleep 0.3
tmux -L camxuc-e2e send-keys -t studio c
check "studio: c while a take is heard as it is composed continues it from the playhead and plays on" bash -c "$(declare -f screen wait_for); wait_for 'viết tiếp take 1 từ 0:0[0-9] · take 1 ngừng tạo ở 0:[01][0-9] (giữ lại, dở dang)' && wait_for 'Piano roll ─ take 2 ─ ▶ 0:0[3-9] / 0:3[0-9] ─ đang tạo… ' && screen | grep -q '1 vui quá' && ! screen | grep -q 'take đang được tạo; hãy chờ'"
end_studio

# A FIFO named like a take is skipped with a line (the studio hung at start, deaf to Ctrl-C); a song linked into the
# takes folder and one copied in are renamed without writing the song or changing their instrument (mido writes it).
if "$mido_python" -c "import mido" 2>/dev/null; then
mkdir -p "$work/persist-data/camxuc/takes"
"$mido_python" - "$work/persist-song.mid" <<'PY'
import sys, mido
song = mido.MidiFile(ticks_per_beat=480)
track = mido.MidiTrack()
song.tracks.append(track)
track.append(mido.MetaMessage('track_name', name='Lead guitar'))
track.append(mido.Message('program_change', program=27, time=0))
for i in range(8):
    track.append(mido.Message('note_on', note=60 + i, velocity=90, time=0))
    track.append(mido.Message('note_off', note=60 + i, velocity=0, time=240))
song.save(sys.argv[1])
PY
cp "$work/persist-song.mid" "$work/persist-data/camxuc/takes/take-7.mid"
ln -s "$work/persist-song.mid" "$work/persist-data/camxuc/takes/take-8.mid"
mkfifo "$work/persist-data/camxuc/takes/take-9.mid"
song_sum=$(md5sum <"$work/persist-song.mid")
tmux -L camxuc-e2e new-session -d -x 120 -y 40 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-991' XDG_DATA_HOME='$work/persist-data' LANG=C.UTF-8 '$camxuc' --no-listen; echo \"exit=\$?\"; sleep 30"
check "studio: a FIFO named like a take is skipped with a line, and the studio starts" bash -c "$(declare -f screen wait_for); wait_for 'không đọc được (take-9.mid)' && screen | grep -q '▸ 8 Lead guitar'"
tmux -L camxuc-e2e send-keys -t studio Escape
sleep 0.2
tmux -L camxuc-e2e send-keys -t studio t
sleep 0.2
rename_selected() {  # rename_selected NAME: n, clear, type NAME, Enter in the Takes panel
    tmux -L camxuc-e2e send-keys -t studio n C-u
    tmux -L camxuc-e2e send-keys -t studio -l "$1"
    tmux -L camxuc-e2e send-keys -t studio Enter
    sleep 0.3
}
rename_selected mine
tmux -L camxuc-e2e send-keys -t studio Down
sleep 0.2
rename_selected copied
check "studio: renaming a linked take writes a file of its own; the song it linked to is unchanged" bash -c "$(declare -f screen wait_for); wait_for '▸ 7 copied' && [ \"\$(md5sum <'$work/persist-song.mid')\" = '$song_sum' ] && [ ! -L '$work/persist-data/camxuc/takes/take-8.mid' ] && '$camxuc' info '$work/persist-data/camxuc/takes/take-8.mid' | grep -q '^  title     mine'"
check "studio: a renamed file from elsewhere keeps its instrument and claims no CamXuc model" bash -c "'$camxuc' info '$work/persist-data/camxuc/takes/take-7.mid' >'$work/out' && grep -q '^  title     copied' '$work/out' && grep -q '^  program   27 ' '$work/out' && ! grep -q '^  model ' '$work/out'"
end_studio
timeout 20 "$camxuc" info "$work/persist-data/camxuc/takes/take-9.mid" >"$work/out" 2>"$work/err" </dev/null
code=$?
check "info on a named pipe nothing writes to: one line, exit 65, no hang" bash -c "[ $code = 65 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'take-9.mid: not a Standard MIDI File' '$work/err'"
rm -f "$work/persist-data/camxuc/takes/take-9.mid"
fi

# --- reading word order, explanations and personal corrections -----------------------------------------------------
run analyze --json --explain --no-personal "Tức quá, đi làm về còn bị mắng oan"
check "analyze: anger the linear model read as sadness reads as anger, and --explain names the words" bash -c "[ $code = 0 ] && python3 -c 'import json; d=json.load(open(\"$work/out\")); assert d[\"winner\"]==\"Anger\", d; assert any(\"tức\" in e[\"phrase\"] for e in d[\"explanation\"]), d'"
run analyze --json --explain --no-personal "chán ko muốn làm gì"
check "analyze --explain names shorthand as typed (ko), with what it was read as" bash -c "[ $code = 0 ] && python3 -c 'import json; d=json.load(open(\"$work/out\")); e=d[\"explanation\"]; assert any(\"ko\" in x[\"typed\"].split() and \"không\" in x[\"phrase\"] for x in e), e; assert not any(\"không\" in x[\"typed\"] for x in e), e'"
run analyze --explain --no-personal "chán ko muốn làm gì"
check "analyze --explain table: shorthand named as typed with its reading (chán ko→chán không)" grep -q "ko→[^,]*không" "$work/out"
run analyze --json --no-personal "Hôm nay được điểm mười, vui quá! Nhưng về nhà thì bị mắng, buồn ghê."
check "analyze --json reads each sentence of a text on its own (the emotional arc)" bash -c "[ $code = 0 ] && python3 -c 'import json; d=json.load(open(\"$work/out\")); s=d[\"sentences\"]; assert [x[\"winner\"] for x in s]==[\"Enjoyment\",\"Sadness\"], s; assert s[0][\"valence\"]>0>s[1][\"valence\"]'"
run analyze --no-personal "Hôm nay được điểm mười, vui quá! Nhưng về nhà thì bị mắng, buồn ghê."
check "analyze lists each sentence's reading under the table (từng câu)" bash -c "[ $code = 0 ] && grep -q '^  từng câu' '$work/out' && grep -q '^   1  vui vẻ  *0\.[5-9][0-9]  (+0\.[0-9]*, [-+]0\.[0-9]*)  Hôm nay được điểm mười, vui quá!$' '$work/out' && grep -q '^   2  buồn bã  *0\.[5-9][0-9]  (-0\.[0-9]*, [-+]0\.[0-9]*)  Nhưng về nhà thì bị mắng, buồn ghê\.$' '$work/out'"
run analyze --no-personal "Tức quá, đi làm về còn bị mắng oan"
check "analyze of one sentence has no sentence list" bash -c "[ $code = 0 ] && ! grep -q 'từng câu' '$work/out'"
tmux -L camxuc-e2e new-session -d -x 120 -y 40 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-1029' XDG_DATA_HOME='$work/personal' LANG=C.UTF-8 '$camxuc'; echo \"exit=\$?\"; sleep 30"
wait_for "Văn bản ─ Telex"
emotion_panel_after "hoom nay ddi hocj" "hôm nay đi học"
tmux -L camxuc-e2e send-keys -t studio 6
check "studio: 6 in the Emotion panel sets surprise by hand and keeps the correction" bash -c "$(declare -f screen wait_for); wait_for 'đã chọn cảm xúc: ngạc nhiên' && grep -q \$'^hôm nay đi học\\tSurprise\\t' '$work/personal/camxuc/corrections.tsv'"
check "studio: the text is read again with the correction, and the why line names it" bash -c "$(declare -f screen wait_for); wait_for 'vì: bạn chọn ngạc nhiên'"
end_studio
XDG_DATA_HOME=$work/personal run analyze --json "hôm nay đi học"
check "analyze reads a corrected text the corrected way afterwards (and not with --no-personal)" bash -c "[ $code = 0 ] && grep -q '\"winner\":\"Surprise\"' '$work/out' && XDG_DATA_HOME='$work/personal' '$camxuc' analyze --json --no-personal 'hôm nay đi học' | grep -vq '\"winner\":\"Surprise\"'"
check "analyze --json names the correction that decided the reading without --explain too (it said null)" bash -c "grep -q '\"correctedBy\":{\"emotion\":\"Surprise\"' '$work/out'"
XDG_DATA_HOME=$work/personal run analyze "hôm nay đi học"
check "analyze's table says a correction decided it, without --explain" bash -c "[ $code = 0 ] && grep -q '^  vì: bạn đã chọn ngạc nhiên cho «hôm nay đi học»' '$work/out'"
# A class's votes changed a teacher's own readings and nothing in a batch row or compose's report said so.
echo "hôm nay đi học" | XDG_DATA_HOME=$work/personal "$camxuc" analyze >"$work/out" 2>"$work/err"; code=$?
check "analyze batch: a row a correction decided says so in its last column" bash -c "[ $code = 0 ] && grep -q \$'^ngạc nhiên\t.*\t(bạn đã sửa)\$' '$work/out'"
XDG_DATA_HOME=$work/personal run compose --text "hôm nay đi học" --seconds 2 --seed 3 -o "$work/corrected.mid"
check "compose: the report says a correction decided the text's reading" bash -c "[ $code = 0 ] && grep -q '(from the text: ngạc nhiên 0\.[0-9]*, your correction)' '$work/out'"
XDG_DATA_HOME=$work/personal run analyze --json --explain "hôm nay không đi học"
check "analyze: a correction does not speak for the text negated" bash -c "[ $code = 0 ] && ! grep -q 'correctedBy' '$work/out'"
# A takes folder that cannot be written is said at start (it was found at the first take or delete).
printf 'x' >"$work/not-a-folder"
tmux -L camxuc-e2e new-session -d -x 120 -y 40 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-rofolder' XDG_DATA_HOME='$work/not-a-folder/data' LANG=C.UTF-8 '$camxuc' --no-listen; echo \"exit=\$?\"; sleep 30"
check "studio: a takes folder that cannot be written is said at start" bash -c "$(declare -f screen wait_for); wait_for 'không ghi được vào thư mục take'"
end_studio
# 0 with nothing to take back says so once: the messages logged a correction forgotten, then that there was none.
tmux -L camxuc-e2e new-session -d -x 120 -y 40 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-zero' XDG_DATA_HOME='$work/zero' LANG=C.UTF-8 '$camxuc' --no-listen; echo \"exit=\$?\"; sleep 30"
wait_for "Văn bản ─ Telex"
emotion_panel_after "vui quas" "vui quá"
tmux -L camxuc-e2e send-keys -t studio 0
wait_for "không có điều đã sửa nào"
tmux -L camxuc-e2e send-keys -t studio m
check "studio: 0 with no correction to take back is one message, not a correction forgotten and then none" bash -c "$(declare -f screen wait_for); wait_for 'Thông báo' && [ \$(screen | grep -c 'trở lại cách mô hình đọc') = 1 ]"
end_studio

# --- outputs that are not plain new files, and other cases of the second hostile probe ----------------------------
mkdir -p "$work/out2/real"
ln -s real/target.mid "$work/out2/link.mid"
run compose --valence 0.5 --arousal 0.5 --seconds 2 --seed 3 -o "$work/out2/link.mid"
check "compose -o through a symbolic link writes the file it names and keeps the link" bash -c "[ $code = 0 ] && [ -L '$work/out2/link.mid' ] && '$camxuc' info '$work/out2/real/target.mid' >/dev/null"
mkfifo "$work/out2/fifo"
timeout 30 cat "$work/out2/fifo" >"$work/out2/from-fifo.mid" &
reader=$!
run compose --valence 0.5 --arousal 0.5 --seconds 2 --seed 3 -o "$work/out2/fifo"
wait $reader
check "compose -o a FIFO writes the take through it (and leaves the FIFO a FIFO)" bash -c "[ $code = 0 ] && [ -p '$work/out2/fifo' ] && cmp -s '$work/out2/from-fifo.mid' '$work/out2/real/target.mid'"
# A full device of our own where we may make one (as root a broken build would replace the machine's /dev/full).
full="$work/out2/full"
mknod -m 666 "$full" c 1 7 2>/dev/null || full=/dev/full
run compose --valence 0.5 --arousal 0.5 --seconds 2 -o "$full"
check "compose -o a full device: 73, no space left, the device still a device" bash -c "[ $code = 73 ] && grep -q 'no space left' '$work/err' && [ -c '$full' ]"
cp "$work/out2/real/target.mid" "$work/out2/kept.mid"
chmod 444 "$work/out2/kept.mid"
run compose --valence -0.5 --arousal -0.5 --seconds 2 --seed 9 -o "$work/out2/kept.mid"
check "compose -o a read-only file: 73 and the file unchanged" bash -c "[ $code = 73 ] && grep -q 'read-only' '$work/err' && cmp -s '$work/out2/kept.mid' '$work/out2/real/target.mid'"
cp "$work/out2/real/target.mid" "$work/out2/private.mid"
chmod 600 "$work/out2/private.mid"
run compose --text "nhật ký bí mật" --seconds 2 -o "$work/out2/private.mid"
check "compose -o keeps a replaced file's permissions (a diary's text stays private)" bash -c "[ $code = 0 ] && [ \$(stat -c %a '$work/out2/private.mid') = 600 ]"
run compose --valence 0 --arousal 0 --seconds 2 -o ""
check "compose -o '': 64 and one line" bash -c "[ $code = 64 ] && grep -q -- '-o is empty' '$work/err'"
run render "$work/out2/real/target.mid" -o "$full"
check "render -o a device: 73, one line, the device untouched" bash -c "[ $code = 73 ] && [ \$(wc -l <'$work/err') = 1 ] && [ -c '$full' ]"
"$camxuc" analyze </tmp >"$work/out" 2>"$work/err"; code=$?
check "analyze with a folder as standard input: 66 and one line, no trap" bash -c "[ $code = 66 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'it is a folder' '$work/err'"
mkdir -p "$work/brace-config/camxuc"
printf '[\n' >"$work/brace-config/camxuc/config.toml"
XDG_CONFIG_HOME="$work/brace-config" "$camxuc" render "$work/out2/real/target.mid" -o "$work/out2/x.wav" >"$work/out" 2>"$work/err"; code=$?
check "a config.toml holding a lone [ is exit 78 and one line (toml++ aborted the process on it)" bash -c "[ $code = 78 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'line 1: a table header needs a name' '$work/err'"
printf '[âm_thanh]\nx = 1\n' >"$work/brace-config/camxuc/config.toml"
XDG_CONFIG_HOME="$work/brace-config" "$camxuc" render "$work/out2/real/target.mid" -o "$work/out2/x.wav" >"$work/out" 2>"$work/err"; code=$?
check "a table named in Vietnamese is exit 78 and one line (toml++ aborted with a backtrace)" bash -c "[ $code = 78 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'line 1: a table name is written with' '$work/err'"
printf '[audio]\r\ngain = 1.0\r\n[\r\n' >"$work/brace-config/camxuc/config.toml"
XDG_CONFIG_HOME="$work/brace-config" "$camxuc" render "$work/out2/real/target.mid" -o "$work/out2/x.wav" >"$work/out" 2>"$work/err"; code=$?
check "a CRLF config with a lone [ is exit 78 and one line" bash -c "[ $code = 78 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'line 3: a table header needs a name' '$work/err'"
mkdir -p "$work/broken-judge"
cp "$root"/Models/*.json "$root"/Models/*.safetensors "$work/broken-judge/"
python3 -c "import json,sys; p=sys.argv[1]; d=json.load(open(p)); d['mean']=[1e308]*len(d['mean']); json.dump(d,open(p,'w'))" "$work/broken-judge/music-judge.json"
CAMXUC_MODELS="$work/broken-judge" "$camxuc" compose --valence 0 --arousal 0 --seconds 2 -o "$work/out2/j.mid" >"$work/out" 2>"$work/err"; code=$?
check "a music judge with absurd numbers: 65 and one line naming it" bash -c "[ $code = 65 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'music-judge.json' '$work/err' && [ ! -e '$work/out2/j.mid' ]"
mkdir -p "$work/personal-compose/camxuc"
printf 'vui quá\tSadness\t2026-01-01T00:00:00Z\n' >"$work/personal-compose/camxuc/corrections.tsv"
XDG_DATA_HOME="$work/personal-compose" "$camxuc" compose --text "vui quá" --seconds 2 -o "$work/out2/c.mid" >"$work/out" 2>"$work/err"; code=$?
check "compose reads the text with the user's corrections, as analyze does (and not with --no-personal)" bash -c "[ $code = 0 ] && grep -q '^target .*Q3' '$work/out' && XDG_DATA_HOME='$work/personal-compose' '$camxuc' compose --no-personal --text 'vui quá' --seconds 2 -o '$work/out2/c2.mid' | grep -q '^target .*Q1'"
# The whole text corrected (keys 1–7 keep it with its line break written as \\n).
printf 'Tôi giận lắm, nó lừa tôi mất hết tiền!\\nGiờ tôi chỉ muốn nằm yên, buồn và mệt mỏi.\tAnger\t2026-01-01T00:00:00Z\n' >>"$work/personal-compose/camxuc/corrections.tsv"
printf 'Tôi giận lắm, nó lừa tôi mất hết tiền!\nGiờ tôi chỉ muốn nằm yên, buồn và mệt mỏi.\n' >"$work/two-opposite.txt"
XDG_DATA_HOME="$work/personal-compose" "$camxuc" compose --text-file "$work/two-opposite.txt" --seconds 10 -o "$work/out2/corrected.mid" >"$work/out" 2>"$work/err"; code=$?
check "compose: a text whose emotion was set by hand is composed for it, one point (its arc played joy and sadness under an anger target)" bash -c "[ $code = 0 ] && grep -q '^arc       none: this text.s emotion was set by hand' '$work/out' && ! grep -q '^          1 ' '$work/out'"
run compose --text-file "$work/two-opposite.txt" --seconds 6 --seed 3 -o "$work/out2/six.mid"
check "compose: a take too short for two segments is the text's point, and says so" bash -c "[ $code = 0 ] && grep -q '^arc       none: 6 s holds one segment' '$work/out'"
printf 'Những điều làm tôi buồn năm nay:\n1. Bà ngoại mất.\n2. Thi trượt đại học.\n- Vui quá , , , , , ; ; ;\n' >"$work/list.txt"
run compose --text-file "$work/list.txt" --seconds 40 --seed 2 -o "$work/out2/list.mid"
check "compose: a list's numbers open their items, punctuation takes no time, controls given along the arc" bash -c "[ $code = 0 ] && grep -q '^arc       4 segments' '$work/out' && ! grep -q '«1.»' '$work/out' && grep -q '«1. Bà ngoại mất.»' '$work/out' && grep -q 'along the arc velocity' '$work/out' && python3 -c '
import re, sys
spans = [float(b) - float(a) for a, b in re.findall(r\"^ +[0-9]+ +([0-9.]+)–([0-9.]+) s\", open(sys.argv[1]).read(), re.M)]
assert len(spans) == 4 and spans[3] < 6, spans' '$work/out'"
run compose --text "Hôm nay vui quá. Mai lại buồn rồi." --seconds 10 --seed 2 -o "$work/out2/arc.mid"
"${CAMXUC_PYTHON:-$root/.build/e2e-venv/bin/python}" - "$work/out2/arc.mid" "$work/out2/arc-huge.mid" <<'PY'
import json, sys, mido
midi = mido.MidiFile(sys.argv[1])
for track in midi.tracks:
    for index, message in enumerate(track):
        if message.type == "text" and message.text.startswith("camxuc:"):
            meta = json.loads(message.text[len("camxuc:"):])
            meta["arc"]["segments"][0]["start"] = 1e19
            track[index] = message.copy(text="camxuc:" + json.dumps(meta, separators=(",", ":")))
midi.save(sys.argv[2])
PY
run info "$work/out2/arc-huge.mid"
check "info on a take whose arc says it starts at 1e19 s: no trap" bash -c "[ $code = 0 ] || [ $code = 65 ]"

run play --start 1000 "$work/out2/real/target.mid"
check "play --start past the take's end: 64 and one line saying how long it is" bash -c "[ $code = 64 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'past the end of .*s long' '$work/err'"
run play --start -1 "$work/out2/real/target.mid"
check "play --start -1 is read as a number (not 'Missing value')" bash -c "[ $code = 64 ] && grep -q 'must be a number of seconds from 0' '$work/err'"
run info "$work/out2/no
such.mid"
check "an error naming a file with a line break in its name is still one line" bash -c "[ $code = 66 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'no\\\\u{A}such.mid' '$work/err'"
: >"$work/out2/empty.txt"
run compose --text-file "$work/out2/empty.txt" -o "$work/out2/e.mid"
check "compose --text-file of an empty file: 65, naming the file" bash -c "[ $code = 65 ] && grep -q 'empty.txt: the file holds no text' '$work/err'"

mkdir -p "$work/older-models"
cp "$root"/Models/*.json "$root"/Models/*.safetensors "$work/older-models/"
rm "$work/older-models"/music-lstm-chords.*
CAMXUC_MODELS="$work/older-models" "$camxuc" compose --valence 0.3 --arousal 0.3 --seconds 2 --seed 1 -o "$work/out2/older.mid" >"$work/out" 2>"$work/err"; code=$?
check "CAMXUC_MODELS with only the older music model uses it (not the repository's chord model)" bash -c "[ $code = 0 ] && '$camxuc' info '$work/out2/older.mid' | grep -q 'model  *music-lstm 1'"
mkdir -p "$work/no-weights"
cp "$root"/Models/*.json "$root"/Models/*.safetensors "$work/no-weights/"
rm "$work/no-weights/music-lstm-chords.safetensors"
CAMXUC_MODELS="$work/no-weights" "$camxuc" compose --valence 0.3 --arousal 0.3 --seconds 2 -o "$work/out2/nw.mid" >"$work/out" 2>"$work/err"; code=$?
check "a music model's missing weights file is 66 (a missing input), one line" bash -c "[ $code = 66 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'music-lstm-chords.safetensors: no such file' '$work/err'"
mkdir -p "$work/nan-config/camxuc"
# (The sound's own table: compose --wav reads [audio] alone; a studio setting is not its business.)
printf '[audio]\ngain = nan\n' >"$work/nan-config/camxuc/config.toml"
echo kept >"$work/out2/cfg.mid"
XDG_CONFIG_HOME="$work/nan-config" "$camxuc" compose --valence 0 --arousal 0 --seconds 2 -o "$work/out2/cfg.mid" --wav "$work/out2/cfg.wav" >"$work/out" 2>"$work/err"; code=$?
check "compose --wav with a bad config stops before composing: 78 and the old file kept" bash -c "[ $code = 78 ] && grep -q '^kept' '$work/out2/cfg.mid' && [ ! -e '$work/out2/cfg.wav' ]"

run analyze --json "- Em đi đâu đấy? Vui quá"
check "analyze: a text opening with a dialogue dash is read as text (was 'Unknown option')" bash -c "[ $code = 0 ] && python3 -c 'import json; json.load(open(\"$work/out\"))'"
run compose --text "- vui quá" --seconds 2 -o "$work/out2/dash.mid"
check "compose --text takes a text opening with a dialogue dash" bash -c "[ $code = 0 ] && [ -s '$work/out2/dash.mid' ]"
run compose --bogus --seconds 2 -o "$work/out2/bogus.mid"
check "compose --bogus names the unknown option first (was 'give --text ...'), 64, nothing written" bash -c "[ $code = 64 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q \"Unknown option '--bogus'\" '$work/err' && [ ! -e '$work/out2/bogus.mid' ]"
run compse --text vui
check "a mistyped command is named as no command: 64, one line listing the commands" bash -c "[ $code = 64 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q \"there is no command 'compse'; the commands are studio, analyze, compose\" '$work/err'"
run render "$fixtures/midi/overlapping.mid" -o "$work/neg.wav" --program -1
check "render --program -1 says the range (a negative number was read as a missing value)" bash -c "[ $code = 64 ] && grep -q -- '--program must be between 0 and 127 (got -1)' '$work/err'"
run analyze --json ""
check "analyze --json with an empty text still prints one JSON line (an error), exit 65" bash -c "[ $code = 65 ] && python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if \"error\" in d else 1)' '$work/out'"
CAMXUC_MODELS="$work/no-such-models" "$camxuc" analyze vui >"$work/out" 2>"$work/err"; code=$?
check "CAMXUC_MODELS naming no folder is an error naming it (it silently used another folder)" bash -c "[ $code = 66 ] && grep -q 'looked in $work/no-such-models)' '$work/err'"
printf '\xef\xbb\xbfHôm nay tôi rất vui.\nTối nay buồn quá.\n' >"$work/bom.txt"
run compose --text-file "$work/bom.txt" --seconds 8 --seed 1 -o "$work/out2/bom.mid"
check "compose --text-file: a UTF-8 byte-order mark is no part of the text" bash -c "[ $code = 0 ] && grep -q '«Hôm nay tôi rất vui.»' '$work/out' && '$camxuc' info '$work/out2/bom.mid' | grep -q '^  title     Hôm nay'"
printf '\xff\xfeH\x00i\x00' >"$work/u16.txt"
run compose --text-file "$work/u16.txt" -o "$work/out2/u16.mid"
check "compose --text-file of UTF-16 says so: 65, one line" bash -c "[ $code = 65 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'u16.txt: the text is UTF-16; save it as UTF-8' '$work/err'"
echo "buồn quá. vui quá" | "$camxuc" compose --text-file - --seconds 8 -o "$work/out2/stdin.mid" >"$work/out" 2>"$work/err"; code=$?
check "compose --text-file - reads standard input" bash -c "[ $code = 0 ] && grep -q '^arc       2 segments' '$work/out'"
"$camxuc" compose --text-file - --seconds 2 -o "$work/out2/closed.mid" <&- >"$work/out" 2>"$work/err"; code=$?
check "compose --text-file - with standard input closed: 66 and one line, no trap (it was 132 and a backtrace)" bash -c "[ $code = 66 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'cannot read standard input: bad file descriptor' '$work/err'"
"$camxuc" compose --text-file - --seconds 2 -o "$work/out2/folder.mid" </tmp >"$work/out" 2>"$work/err"; code=$?
check "compose --text-file - with a folder as standard input: 66 and one line" bash -c "[ $code = 66 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'it is a folder' '$work/err'"
# A line is answered as it arrives (it waited for 64 KiB or the end: tail -f and coprocesses got nothing).
(echo "buồn quá"; sleep 4; echo "vui quá") | "$camxuc" analyze >"$work/stream.txt" 2>/dev/null &
stream=$!
for _ in $(seq 30); do [ -s "$work/stream.txt" ] && break; sleep 0.1; done
check "analyze answers each line of standard input as it arrives" bash -c "grep -q '^buồn bã' '$work/stream.txt' && ! grep -q '^vui vẻ' '$work/stream.txt'"
wait $stream
head -c 100000 /usr/share/sounds/sf2/TimGM6mb.sf2 >"$work/trunc.sf2"
run compose --valence 0 --arousal 0 --seconds 2 -o "$work/out2/nowav.mid" --soundfont /nope.sf2
check "compose --soundfont without --wav: 64, one line (it was ignored, a missing file too)" bash -c "[ $code = 64 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q -- '--soundfont is for the WAV; add --wav FILE' '$work/err'"
mkdir -p "$work/stdin-render" && (cd "$work/stdin-render" && "$camxuc" render /dev/stdin <"$fixtures/midi/bench-30s.mid" >/dev/null 2>&1)
check "render /dev/stdin writes stdin.wav here, not into /dev" bash -c "[ -s '$work/stdin-render/stdin.wav' ]"
run compose --valence 0 --arousal 0 --seconds 30 -o "$work/out2/sf.mid" --wav "$work/out2/sf.wav" --soundfont "$work/trunc.sf2"
check "compose --wav with a soundfont FluidSynth cannot load: 66 before composing, nothing written" bash -c "[ $code = 66 ] && grep -q 'cannot use soundfont' '$work/err' && [ ! -e '$work/out2/sf.mid' ] && [ ! -s '$work/out' ]"
run help bogus
check "help for a command that does not exist: 64 and one line naming the commands" bash -c "[ $code = 64 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'compose' '$work/err'"

# --- continuing a MIDI file --------------------------------------------------------------------------------------
# The primers are written and the outputs read by mido (an independent MIDI library): the expected notes are mido's
# reading of the primer under the documented rules, never our own output.
if "$mido_python" -c "import mido" 2>/dev/null; then
mkdir -p "$work/primers"
"$mido_python" - "$work/primers" <<'PY'
import sys, mido
folder = sys.argv[1]
def write(name, tracks, tpq=480, tempos=((0, 500000),)):
    """tracks: lists of (start tick, length in ticks, pitch, velocity, channel); tempos: (tick, µs per quarter)."""
    midi = mido.MidiFile(ticks_per_beat=tpq)
    conductor = [(tick, 0, mido.MetaMessage("set_tempo", tempo=tempo)) for tick, tempo in tempos]
    for events in [conductor] + [[e for s, l, p, v, c in notes for e in (
            (s, 1, mido.Message("note_on", note=p, velocity=v, channel=c)),
            (s + l, 0, mido.Message("note_off", note=p, velocity=0, channel=c)))] for notes in tracks]:
        track, last = mido.MidiTrack(), 0
        for tick, _, message in sorted(events, key=lambda e: (e[0], e[1])):
            track.append(message.copy(time=tick - last))
            last = tick
        midi.tracks.append(track)
    midi.save(f"{folder}/{name}.mid")
scale = [60, 62, 64, 65, 67, 69, 71, 72]
melody = [(i * 192, 180, scale[i % 8] + 12 * (i // 16 % 2), 50 + i % 40, 0) for i in range(60)]
bass = [(i * 768, 700, [48, 43, 45, 41][i % 4], 80, 1) for i in range(15)]
drums = [(i * 384, 60, [36, 38][i % 2], 100, 9) for i in range(30)]
# Two piano tracks and a drum track, 384 ticks per quarter, 100 bpm then 140 bpm from bar 3.
write("song", [melody, bass, drums], tpq=384, tempos=((0, 600000), (3072, 428571)))
write("drums-only", [drums])
write("range", [melody[:16] + [(0, 384, 12, 90, 0), (384, 384, 120, 90, 0)]])
write("long", [[(i * 960, 800, scale[i % 8], 64, 0) for i in range(1200)]])     # 20 minutes, a note every second
write("cluster", [[(0, 960, 30 + k, 40 + k, 0) for k in range(50)] + [(s + 960, l, p, v, c) for s, l, p, v, c in melody[:16]]])
write("empty", [[]])
write("slow", [[(i * 480, 440, scale[i % 8], 70, 0) for i in range(24)]], tempos=((0, 909091),))   # 66 a minute
PY
# notes_match PRIMER OUTPUT CUT full|only: mido reads both; the output starts with the primer's kept notes (not
# channel 10, MIDI 21–108, starting before CUT seconds) with the same pitch and velocity, onsets within 10 ms, and
# every other note starts after the primer's last onset ("only": the file starts near time 0 instead).
cat >"$work/notes_match.py" <<'PY'
import sys, mido
def notes(path):
    t, sounding, found = 0.0, {}, []
    for m in mido.MidiFile(path):
        t += m.time
        if m.type == "note_on" and m.velocity > 0:
            sounding.setdefault((m.channel, m.note), []).append((t, m.velocity))
        elif m.type in ("note_on", "note_off") and sounding.get((m.channel, m.note)):
            start, velocity = sounding[(m.channel, m.note)].pop(0)
            found.append((start, m.note, velocity, m.channel))
    return sorted(found)
primer, output, cut, mode = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
expected = [n for n in notes(primer) if n[3] != 9 and 21 <= n[1] <= 108 and n[0] < cut]
got = notes(output)
if mode == "only":
    assert got and 0 < got[0][0] < 3 and not any(abs(g[0] - e[0]) < 0.01 and g[1] == e[1] for g in got for e in expected[-3:]), got[:3]
    sys.exit(0)
last = max(n[0] for n in expected)
head, tail = got[:len(expected)], got[len(expected):]
for start, pitch, velocity, _ in expected:
    match = [g for g in head if g[1] == pitch and g[2] == velocity and abs(g[0] - start) < 0.01]
    assert match, ("missing", start, pitch, velocity)
    head.remove(match[0])
assert not head and tail and all(n[0] > last for n in tail), (head[:3], tail[:3])
PY
match="'$mido_python' '$work/notes_match.py'"
run compose --primer "$work/primers/song.mid" --primer-seconds 12 --valence -0.6 --arousal -0.4 --seed 2 --seconds 6 -o "$work/continued.mid"
check "compose --primer: the output starts with the primer's notes exactly (read by mido) and continues after them" bash -c "[ $code = 0 ] && $match '$work/primers/song.mid' '$work/continued.mid' 12 full"
check "compose --primer: the drums of the part used (25 of 30) and the cut are one line each on stderr, the primer on stdout" bash -c "[ $code = 0 ] && [ \$(wc -l <'$work/err') = 2 ] && grep -q 'note: song.mid: 25 drum notes on channel 10 left out (the model plays piano)' '$work/err' && grep -q 'note: song.mid: only the first 12.0 s of .* s used; .* later notes left out' '$work/err' && grep -q '^primer    song.mid, first 12.0 s, .* notes, continued from .* s, in ' '$work/out' && grep -q 'the continuation alone' '$work/out'"
# A file whose metre changes (6/4, then 4/4, then 5/4), written by mido: info counts the changes, and a continuation
# keeps them where they fall (a take had one time signature: the jig was continued in 6/4 throughout).
"$mido_python" - "$work/primers/jig.mid" <<'PY'
import sys, mido
f = mido.MidiFile(ticks_per_beat=480); t = mido.MidiTrack(); f.tracks.append(t)
t.append(mido.MetaMessage("time_signature", numerator=6, denominator=4, time=0))
# One bar of 6/4 (2880 ticks), one of 4/4 (1920), then 5/4; a note on every beat for 16 beats.
events = [(2880, mido.MetaMessage("time_signature", numerator=4, denominator=4)),
          (4800, mido.MetaMessage("time_signature", numerator=5, denominator=4))]
for beat in range(16):
    events.append((beat * 480, mido.Message("note_on", note=60 + beat % 7, velocity=80)))
    events.append((beat * 480 + 400, mido.Message("note_off", note=60 + beat % 7, velocity=0)))
now = 0
for tick, message in sorted(events, key=lambda e: e[0]):
    message.time = tick - now; now = tick; t.append(message)
f.save(sys.argv[1])
PY
run info "$work/primers/jig.mid"
check "info counts a file's changes of time signature and names them" bash -c "[ $code = 0 ] && grep -q '^  tempo     120.0 bpm, 6/4 (2 time-signature changes: 6/4, 4/4, 5/4)' '$work/out'"
run compose --primer "$work/primers/jig.mid" --valence 0.5 --arousal 0.5 --seed 2 --seconds 4 -o "$work/jig-continued.mid"
check "compose --primer keeps the file's time-signature changes where they fall (mido)" bash -c "[ $code = 0 ] && '$mido_python' -c \"import mido,sys; f=mido.MidiFile(sys.argv[1]); s=[]; [s.append((sum(m.time for m in tr[:i+1]), m.numerator, m.denominator)) for tr in f.tracks for i, m in enumerate(tr) if m.type == 'time_signature']; sys.exit(0 if s == [(0, 6, 4), (2880, 4, 4), (4800, 5, 4)] else print(s) or 1)\" '$work/jig-continued.mid'"
run compose --primer "$work/primers/jig.mid" --continuation-only --valence 0.5 --arousal 0.5 --seed 2 --seconds 4 -o "$work/jig-new.mid"
check "compose --continuation-only is in the primer's metre where it starts (5/4; it was always 4/4)" bash -c "[ $code = 0 ] && '$mido_python' -c \"import mido,sys; s=[(m.numerator, m.denominator) for tr in mido.MidiFile(sys.argv[1]).tracks for m in tr if m.type == 'time_signature']; sys.exit(0 if s == [(5, 4)] else print(s) or 1)\" '$work/jig-new.mid'"
# A continuation went on at the quadrant's beat (131 a minute after a primer at 66) and a tempo from its arousal.
run compose --primer "$work/primers/slow.mid" --valence 0.6 --arousal 0.6 --seed 3 --seconds 8 -o "$work/slow-continued.mid"
check "compose --primer keeps the primer's pace: tempo ×1.00 and 66 a minute after the join (mido)" bash -c "[ $code = 0 ] && grep -q 'tempo ×1.00' '$work/out' && '$mido_python' -c \"import mido,sys; t=[round(mido.tempo2bpm(m.tempo)) for tr in mido.MidiFile(sys.argv[1]).tracks for m in tr if m.type == 'set_tempo']; sys.exit(0 if t and set(t) == {66} else print(t) or 1)\" '$work/slow-continued.mid'"
# A violin primer came back as a piano take without a word; a 60-bpm chord held over the join lasted 1.7 s, not 4.
"$mido_python" - "$work/primers/violin.mid" <<'PY'
import sys, mido
f = mido.MidiFile(ticks_per_beat=480); t = mido.MidiTrack(); f.tracks.append(t)
t.append(mido.MetaMessage("set_tempo", tempo=1000000))
t.append(mido.Message("program_change", program=40))
for p in [60, 62, 64, 65, 67, 69, 71, 72]:
    t.append(mido.Message("note_on", note=p, velocity=80, time=0)); t.append(mido.Message("note_off", note=p, time=480))
for p in [48, 55]: t.append(mido.Message("note_on", note=p, velocity=70, time=0))
t.append(mido.Message("note_off", note=48, time=1920)); t.append(mido.Message("note_off", note=55, time=0))
f.save(sys.argv[1])
PY
run compose --primer "$work/primers/violin.mid" --valence 0.5 --arousal 0.5 --seed 3 --seconds 8 -o "$work/violin-continued.mid"
check "compose --primer keeps the primer's instrument, and a chord held over the join keeps its 4 s, unless struck again (mido)" bash -c "[ $code = 0 ] && '$mido_python' -c \"
import mido, sys
f = mido.MidiFile(sys.argv[1]); on = {}; chord = []; programs = set()
seconds = 0.0
for message in f:
    seconds += message.time
    if message.type == 'program_change': programs.add(message.program)
    if message.type == 'note_on' and message.velocity > 0: on[message.note] = seconds
    elif message.type in ('note_off', 'note_on') and message.note in on:
        if message.note in (48, 55) and abs(on[message.note] - 8) < 0.01: chord.append(seconds - on[message.note])
        del on[message.note]
sys.exit(0 if programs == {40} and len(chord) == 2 and max(chord) > 3.98 and min(chord) > 3 else print(programs, chord) or 1)
\" '$work/violin-continued.mid'"
run compose --primer "$work/primers/violin.mid" --program 0 --valence 0.5 --arousal 0.5 --seed 3 --seconds 4 -o "$work/violin-piano.mid"
check "compose --primer --program 0 plays it on the piano" bash -c "[ $code = 0 ] && '$camxuc' info '$work/violin-piano.mid' | grep -q '^  program   0 Acoustic Grand Piano'"
run compose --primer "$work/primers/song.mid" --primer-seconds 12 --valence -0.6 --arousal -0.4 --seed 2 --seconds 6 -o "$work/continued2.mid"
check "compose --primer: the same seed and settings give the same file" cmp -s "$work/continued.mid" "$work/continued2.mid"
run info "$work/continued.mid"
check "info shows the primer the take continues" bash -c "[ $code = 0 ] && grep -q '^  primer    song.mid, first 12.0 s, [0-9]* notes, continued from [0-9.]* s$' '$work/out'"
# The primer's tempo change at 4.8 s falls after a 3-s cut: it is not the continuation's (it sped the new music up).
run compose --primer "$work/primers/song.mid" --primer-seconds 3 --valence -0.6 --arousal -0.4 --seed 2 --seconds 6 -o "$work/cut-tempo.mid"
check "compose --primer: the primer's tempo up to the cut, and the new music goes on at its pace (mido: 100 bpm, no 140)" bash -c "[ $code = 0 ] && grep -q 'tempo ×1.00' '$work/out' && '$mido_python' -c \"import mido,sys; t=[m.tempo for tr in mido.MidiFile(sys.argv[1]).tracks for m in tr if m.type=='set_tempo']; sys.exit(0 if t[0]==600000 and 428571 not in t and all(abs(mido.tempo2bpm(x)-100)<0.7 for x in t) else print(t) or 1)\" '$work/cut-tempo.mid'"
run info "$work/primers/song.mid"
check "info: a file's tempo changes are counted with the range they span" bash -c "[ $code = 0 ] && grep -q '^  tempo     100.0 bpm (1 change, 100.0–140.0 bpm)' '$work/out'"
run compose --primer "$work/primers/song.mid" --primer-seconds 12 --valence -0.6 --arousal -0.4 --seed 2 --seconds 6 --continuation-only -o "$work/new-part.mid"
check "compose --continuation-only writes the new part alone, from time 0" bash -c "[ $code = 0 ] && $match '$work/primers/song.mid' '$work/new-part.mid' 12 only && '$camxuc' info '$work/new-part.mid' | grep -q 'continuation only (its 0 s is [0-9.]* s of the primer)'"
run compose --primer "$work/primers/song.mid" --text "Hôm nay tôi rất vui" --seed 4 --seconds 4 --best-of 2 -o "$work/best.mid"
check "compose --primer --best-of 2 --text: keeps the judge's choice, still starting with the primer" bash -c "[ $code = 0 ] && grep -q 'best of 2 from seed 4' '$work/out' && $match '$work/primers/song.mid' '$work/best.mid' 1e9 full"
run compose --primer "$work/primers/range.mid" --valence 0.5 --arousal 0.5 --seed 1 --seconds 3 -o "$work/range-out.mid"
check "compose --primer: notes outside 21–108 are left out with one line" bash -c "[ $code = 0 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'range.mid: 2 notes below or above A0–C8 left out' '$work/err' && $match '$work/primers/range.mid' '$work/range-out.mid' 1e9 full"
start=$(date +%s.%N)
run compose --primer "$work/primers/long.mid" --valence 0.5 --arousal -0.5 --seed 1 --seconds 3 -o "$work/long-out.mid"
elapsed=$(echo "$(date +%s.%N) - $start" | bc -l)
check "compose --primer: a 20-minute primer is kept whole, the network reads its last minute, said in one line, quickly" bash -c "[ $code = 0 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'long.mid: 1199.8 s used; the network reads its last 61 notes (1139.0 s to 1199.0 s' '$work/err' && python3 -c 'import sys; assert float(sys.argv[1]) < 10, sys.argv[1]' $elapsed && '$camxuc' info '$work/long-out.mid' | grep -q 'length    20:0'"
run compose --primer "$work/primers/cluster.mid" --valence 0.5 --arousal 0.5 --seed 1 --seconds 3 -o "$work/cluster-out.mid"
check "compose --primer: 50 notes at one tick keep the 10 loudest, said in one line" bash -c "[ $code = 0 ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q 'cluster.mid: more than 10 notes start together (within 10 ms) at 1 moment (the first at 0.00 s); the 40 quietest left out' '$work/err' && [ \$('$camxuc' info --json '$work/cluster-out.mid' | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"metadata\"][\"primer\"][\"notes\"])') = 26 ]"
run info "$work/primers/drums-only.mid"
check "info on a drums-only file says drums, not the program number's piano" bash -c "[ $code = 0 ] && grep -q '^  program   drums (channel 10)' '$work/out'"
python3 - "$work/chosen.mid" <<'PY'
import json, struct, sys
meta = b'camxuc:' + json.dumps({"title": "x", "valence": 0.1, "arousal": 0.1, "emotionChosen": "Other"}).encode()
track = b'\x00\xff\x01' + bytes([len(meta)]) + meta + b'\x00\x90\x3c\x40\x83\x60\x80\x3c\x00\x00\xff\x2f\x00'
open(sys.argv[1], 'wb').write(b'MThd' + struct.pack('>IHHH', 6, 0, 1, 480) + b'MTrk' + struct.pack('>I', len(track)) + track)
PY
run info "$work/chosen.mid"
check "info names an emotion chosen by hand as the studio does, in its language (it printed the code: 'Other chosen by hand')" bash -c "[ $code = 0 ] && grep -q '^  emotion   valence +0.10, arousal +0.10 (neutral chosen by hand)$' '$work/out' && '$camxuc' info --lang vi '$work/chosen.mid' | grep -q '(bình thường chosen by hand)$'"
python3 - "$work/own.mid" <<'PY'
import json, struct, sys
meta = b'camxuc:' + json.dumps({"title": "x", "valence": 0.4, "arousal": -0.2, "ownEmotion": "judged"}).encode()
track = b'\x00\xff\x01' + bytes([len(meta)]) + meta + b'\x00\x90\x3c\x40\x83\x60\x80\x3c\x00\x00\xff\x2f\x00'
open(sys.argv[1], 'wb').write(b'MThd' + struct.pack('>IHHH', 6, 0, 1, 480) + b'MTrk' + struct.pack('>I', len(track)) + track)
PY
run info "$work/own.mid"
check "info says a continuation went on in the file's own emotion as the judge heard it (the studio wrote 'the point moved by hand')" bash -c "[ $code = 0 ] && grep -q '^  emotion   valence +0.40, arousal -0.20 (the continued file.s own, as the judge hears it)$' '$work/out'"
run info "$fixtures/midi/programs.mid"
check "info names the other channels' instruments too (a band's file named its first alone)" bash -c "[ $code = 0 ] && grep -q '^  program   0 Acoustic Grand Piano (1 instrument change later); also drums (channel 10)$' '$work/out'"
python3 - "$work/kit.mid" <<'PY'
import struct, sys
track = bytes([0x00, 0xC9, 0x00, 0x00, 0x90, 0x3C, 0x40, 0x00, 0x99, 0x26, 0x64, 0x83, 0x60, 0x89, 0x26, 0x00,
               0x00, 0x80, 0x3C, 0x00, 0x83, 0x60, 0xC9, 0x19, 0x00, 0x99, 0x26, 0x64, 0x83, 0x60, 0x89, 0x26, 0x00,
               0x00, 0xFF, 0x2F, 0x00])
open(sys.argv[1], 'wb').write(b'MThd' + struct.pack('>IHHH', 6, 0, 1, 480) + b'MTrk' + struct.pack('>I', len(track)) + track)
PY
run info "$work/kit.mid"
check "info names a drum kit's change on channel 10 (JSON counted it, the line did not)" bash -c "[ $code = 0 ] && grep -q '^  program   0 Acoustic Grand Piano; also drums (channel 10, 1 kit change later)$' '$work/out'"
run info "$fixtures/midi/programs-setup-last.mid"
check "info: an instrument set at the first note's tick after the note is the channel's, and a change is said on its own channel (the flute was called a piano with the violin's change)" bash -c "[ $code = 0 ] && grep -q '^  program   73 Flute; also 40 Violin (channel 2, 1 instrument change later)$' '$work/out'"
run compose --primer "$fixtures/midi/programs-setup-last.mid" --valence 0.5 --arousal 0.5 --seed 1 --seconds 3 -o "$work/setup-last-out.mid"
check "compose --primer continues a file whose set-up track comes last on its own instrument (it left the flute out and went on as a piano)" bash -c "[ $code = 0 ] && grep -q '2 notes of other instruments (Violin) played as Flute' '$work/err' && '$camxuc' info '$work/setup-last-out.mid' | grep -q '^  program   73 Flute'"
for case in "drums-only.mid:65:cannot continue drums-only.mid: no notes left to continue (30 drum notes on channel 10 left out)" \
            "empty.mid:65:cannot continue empty.mid: it holds no notes" \
            "missing.mid:66:cannot read .*missing.mid: no such file or directory" \
            "not-midi.mid:65:cannot read .*not-midi.mid: not a Standard MIDI File"; do
    IFS=: read -r name want message <<<"$case"
    printf 'hello' >"$work/primers/not-midi.mid"
    run compose --primer "$work/primers/$name" --valence 0.5 --arousal 0.5 --seed 1 --seconds 3 -o "$work/bad-primer.mid"
    check "compose --primer $name: exit $want, one line naming the file, nothing written" bash -c "[ $code = $want ] && [ \$(wc -l <'$work/err') = 1 ] && grep -q '^camxuc: $message' '$work/err' && [ ! -s '$work/out' ] && [ ! -e '$work/bad-primer.mid' ]"
done
run compose --primer "$work/huge.mid" --valence 0.5 --arousal 0.5 --seed 1 --seconds 3 -o "$work/huge-out.mid"
check "compose --primer: absurd delta times are cut at two hours with one line, and the output reads back" bash -c "[ $code = 0 ] && grep -q 'huge.mid: only the first 7200.0 s of .* s used (a primer is at most two hours)' '$work/err' && '$camxuc' info '$work/huge-out.mid' >/dev/null"
cp "$work/primers/song.mid" "$work/keep-primer.mid"
run compose --primer "$work/keep-primer.mid" --valence 0 --arousal 0 -o "$work/keep-primer.mid"
check "compose: -o naming the primer is refused (exit 64) and the primer is intact" bash -c "[ $code = 64 ] && grep -q 'would replace the input' '$work/err' && cmp -s '$work/keep-primer.mid' '$work/primers/song.mid'"
run compose --valence 0 --arousal 0 --continuation-only
check "compose: --continuation-only without --primer is exit 64 naming the flags" bash -c "[ $code = 64 ] && grep -q -- '--continuation-only need --primer' '$work/err'"
# The studio: o opens a MIDI file through the path prompt (Tab completes), Enter continues it, c continues the playing
# take from the playhead; both new takes record their parent.
tmux -L camxuc-e2e new-session -d -x 120 -y 40 -s studio "cd '$work/primers' && XDG_STATE_HOME='$work/st-1284' XDG_DATA_HOME='$work/open-data' LANG=C.UTF-8 '$camxuc' --save-folder '$work/open-saved'; echo \"exit=\$?\"; sleep 30"
wait_for "Văn bản ─ Telex"
tmux -L camxuc-e2e send-keys -t studio "vui qua"
wait_for "vui vẻ"
open_prompt
tmux -L camxuc-e2e send-keys -t studio "son" Tab
check "studio: o opens a path prompt and Tab completes song.mid" bash -c "$(declare -f screen wait_for); wait_for 'Mở tệp MIDI: song.mid '"
tmux -L camxuc-e2e send-keys -t studio Enter
check "studio: Enter opens it as take 1, saying what was left out" bash -c "$(declare -f screen wait_for); wait_for 'Piano roll ─ take 1 ─ đã mở song.mid' && screen | grep -q 'đã mở song.mid: [0-9]* nốt, 0:1[0-9] — Enter để viết tiếp · bỏ 30 nốt trống'"
tmux -L camxuc-e2e send-keys -t studio Enter
check "studio: the continuation is heard while it is composed, from just before the file's end" bash -c "$(declare -f screen wait_for); wait_for 'Piano roll ─ take 2 ─ ▶ 0:[01][0-9] / 0:[4-5][0-9] ─ đang tạo… '"
# Space stops listening; the rest is composed at once.
tmux -L camxuc-e2e send-keys -t studio Space
for _ in $(seq 150); do [ -e "$work/open-data/camxuc/takes/take-2.mid" ] && break; sleep 0.1; done
check "studio: Enter continues the opened file as take 2, which starts with its notes (mido) and records its parent" bash -c "$match '$work/primers/song.mid' '$work/open-data/camxuc/takes/take-2.mid' 1e9 full && '$camxuc' info '$work/open-data/camxuc/takes/take-2.mid' | grep -q '^  primer    song.mid, first [0-9.]* s, [0-9]* notes, continued from' && '$camxuc' info '$work/open-data/camxuc/takes/take-2.mid' | grep -q '^  parent    take 1$'"
check "studio: the continuation keeps the file's tempo map and goes on at its pace (mido reads 100, 140, then 100 or 140; it went on at 120)" bash -c "'$mido_python' -c \"import mido,sys; t=[m.tempo for tr in mido.MidiFile(sys.argv[1]).tracks for m in tr if m.type=='set_tempo']; sys.exit(0 if t[:2]==[600000, 428571] and all(min(abs(mido.tempo2bpm(x)-b) for b in (100, 140))<0.7 for x in t) else print(t) or 1)\" '$work/open-data/camxuc/takes/take-2.mid'"
tmux -L camxuc-e2e send-keys -t studio Space
wait_for "Piano roll ─ take 2 ─ ▶ 0:0[1-9]"
tmux -L camxuc-e2e send-keys -t studio c
wait_for "Piano roll ─ take 3 ─ ▶ .* đang tạo… "
tmux -L camxuc-e2e send-keys -t studio Space
for _ in $(seq 150); do [ -e "$work/open-data/camxuc/takes/take-3.mid" ] && break; sleep 0.1; done
check "studio: c keeps take 2 up to the playhead and composes the rest as take 3, recording its parent" bash -c "'$camxuc' info '$work/open-data/camxuc/takes/take-3.mid' | grep -q '^  primer    take 2, first [0-9.]* s, [0-9]* notes, continued from' && '$camxuc' info '$work/open-data/camxuc/takes/take-3.mid' | grep -q '^  parent    take 2$'"
tmux -L camxuc-e2e send-keys -t studio o "nowhere.mid" Enter
check "studio: a missing file is one line on the status line, nothing added" bash -c "$(declare -f screen wait_for); wait_for 'không đọc được nowhere.mid: không có tệp hay thư mục đó' && ! ls '$work/open-data/camxuc/takes/' | grep -q 'take-4'"
tmux -L camxuc-e2e send-keys -t studio C-c
check "studio: and quits cleanly" bash -c "$(declare -f screen wait_for); wait_for 'exit=0'"
tmux -L camxuc-e2e kill-session -t studio 2>/dev/null
# Ctrl-C while a long take's WAV is written ends the studio at once (it waited for the export, the screen frozen):
# the MIDI file is saved, the WAV is not, nothing half-written stays, and stderr says so.
"$mido_python" - "$work/long2h.mid" <<'PY'
import mido, sys
f = mido.MidiFile(); t = mido.MidiTrack(); f.tracks.append(t)
for i in range(14400):  # a note every half second for two hours
    t.append(mido.Message('note_on', note=60 + i % 12, velocity=80, time=0 if i == 0 else 240))
    t.append(mido.Message('note_off', note=60 + i % 12, velocity=0, time=240))
f.save(sys.argv[1])
PY
mkdir -p "$work/export-home"
tmux -L camxuc-e2e new-session -d -x 120 -y 40 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-1325' HOME='$work/export-home' XDG_DATA_HOME='$work/export-data' LANG=C.UTF-8 '$camxuc' --no-listen 2>'$work/export-err'; echo \"exit=\$?\"; sleep 30"
wait_for "Văn bản ─ Telex"
tmux -L camxuc-e2e send-keys -t studio Escape
sleep 0.3
tmux -L camxuc-e2e send-keys -t studio o "$work/long2h.mid" Enter
wait_for "đã mở long2h.mid"
tmux -L camxuc-e2e send-keys -t studio S
wait_for "đang xuất WAV… [0-9]*%"
tmux -L camxuc-e2e send-keys -t studio C-c
check "studio: Ctrl-C during a long WAV export quits at once, the MIDI saved, no WAV or leftover, stderr says so" bash -c "$(declare -f screen wait_for); for _ in \$(seq 30); do screen | grep -q 'exit=0' && break; sleep 0.1; done; screen | grep -q 'exit=0' && ls '$work/export-home/Music/CamXuc/'*.mid >/dev/null && [ \$(ls -A '$work/export-home/Music/CamXuc/' | wc -l) = 1 ] && grep -q 'the WAV of take 1 was not written: the studio ended while it was being written' '$work/export-err'"
tmux -L camxuc-e2e kill-session -t studio 2>/dev/null
else
    echo "ok - # SKIP continuing a MIDI file: no Python with mido ($mido_python; make .build/e2e-venv/bin/python)"
fi

# Keys typed together are all taken before the next frame: each drew a frame of its own, and with a large take on
# screen (a quarter of a second a frame) 34 typed keys held Ctrl-C back for 6.5 s. 40 keys sent at once drew 44 frames.
tmux -L camxuc-e2e new-session -d -x 120 -y 40 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-frames' XDG_DATA_HOME='$work/frames-data' CAMXUC_FRAME_STATS='$work/frames.json' LANG=C.UTF-8 '$camxuc' --no-listen; echo \"exit=\$?\"; sleep 30"
wait_for "Văn bản ─ Telex"
open_prompt
sleep 0.5
tmux -L camxuc-e2e send-keys -t studio -l "abcdefghijklmnopqrstuvwxyzabcdefghijklmn"
wait_for "abcdefghijklmn "
tmux -L camxuc-e2e send-keys -t studio Escape
sleep 0.3
tmux -L camxuc-e2e send-keys -t studio C-c
wait_for "exit=0"
check "studio: 40 keys typed at once are taken before the next frame (frames drawn in all under 20)" python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d['frames'] < 20 else print(d) or 1)" "$work/frames.json"
# A window dragged sends a resize every few milliseconds, and each drew the whole screen (41 in a second sent 1.5 MB
# over the link): 40 sizes set on the studio's terminal 25 ms apart (as a drag or a phone turning sends them; tmux
# itself passes a few a second) draw a handful of frames, the last at the last size.
tmux -L camxuc-e2e kill-session -t studio 2>/dev/null
tmux -L camxuc-e2e new-session -d -x 120 -y 40 -s studio "cd '$work' && XDG_STATE_HOME='$work/st-resize' XDG_DATA_HOME='$work/resize-data' CAMXUC_FRAME_STATS='$work/resize-frames.json' LANG=C.UTF-8 '$camxuc' --no-listen; echo \"exit=\$?\"; sleep 30"
wait_for "Văn bản ─ Telex"
sleep 0.5
python3 -c '
import fcntl, os, struct, sys, termios, time
terminal = os.open(os.readlink("/proc/%s/fd/0" % sys.argv[1]), os.O_RDWR | os.O_NOCTTY)
for step in range(40):
    rows, columns = [(24, 80), (30, 100), (60, 200), (40, 120)][step % 4]
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    time.sleep(0.025)
fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
' "$(pgrep -f "^$camxuc --no-listen\$" | head -1)"
sleep 0.5
check "studio: after a storm of 40 resizes the screen is drawn at its last size" bash -c "$(declare -f screen); screen | head -1 | grep -q '^┌ Văn bản.*┐\$' && [ \$(screen | head -1 | wc -m) -ge 120 ]"
tmux -L camxuc-e2e send-keys -t studio C-c
wait_for "exit=0"
check "studio: a storm of 40 resizes drew under 15 frames in all (one a resize before)" python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d['frames'] < 15 else print(d) or 1)" "$work/resize-frames.json"
tmux -L camxuc-e2e kill-session -t studio 2>/dev/null
tmux -L camxuc-e2e kill-session -t studio 2>/dev/null

echo "e2e: $passed passed, $failed failed"
[ "$failed" = 0 ]
