#!/usr/bin/env bash
# Speed figures for CamXuc on this machine. Prints figures; asserts nothing (targets live in the issues and
# docs/DECISIONS.md). Usage: make bench
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
camxuc=${CAMXUC:-$root/.build/release/camxuc}
take=$root/Tests/Fixtures/midi/bench-30s.mid
soundfont=/usr/share/sounds/sf2/TimGM6mb.sf2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_STATE_HOME=$work/state ALSA_CONFIG_PATH=$root/Tests/Fixtures/alsa-null.conf
runs=5

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
now() { date +%s.%N; }

bench=${CAMXUC_BENCH:-$root/.build/release/camxuc-bench}
echo "CamXuc bench — $(nproc) cores, $(uname -m), soundfont $(basename "$soundfont")"
echo

echo "Offline render of a 30 s piano take (Tests/Fixtures/midi/bench-30s.mid), median of $runs runs:"
for _ in $(seq $runs); do
    start=$(now); "$camxuc" render "$take" -o "$work/ours.wav" >/dev/null; end=$(now)
    echo "$end - $start" | bc -l
done | median >"$work/ours"
for _ in $(seq $runs); do
    start=$(now); fluidsynth -ni -q -C 0 -g 1.0 -r 44100 -F "$work/theirs.wav" "$soundfont" "$take" >/dev/null 2>&1; end=$(now)
    echo "$end - $start" | bc -l
done | median >"$work/theirs"
audio=$(soxi -D "$work/ours.wav")
printf "  camxuc render      %6.3f s wall for %.1f s of audio: %6.1f s of audio per second (whole process)\n" \
    "$(cat "$work/ours")" "$audio" "$(echo "$audio / $(cat "$work/ours")" | bc -l)"
printf "  fluidsynth -F      %6.3f s wall for the same file:  %6.1f s of audio per second (whole process)\n" \
    "$(cat "$work/theirs")" "$(echo "$(soxi -D "$work/theirs.wav") / $(cat "$work/theirs")" | bc -l)"
echo

echo "Time from launching \`camxuc play\` to the first note (ALSA null device), median of $runs runs:"
for _ in $(seq $runs); do
    start=$(now)
    line=$("$camxuc" play --timing "$take" | grep '^timing:')
    struck=$(sed 's/.*rendered at \([0-9.]*\) s.*/\1/' <<<"$line")
    echo "($struck - $start) * 1000" | bc -l
done | median >"$work/first"
buffer=$("$camxuc" play --timing "$root/Tests/Fixtures/midi/overlapping.mid" | sed -n 's/.*device buffer \([0-9.]*\) ms.*/\1/p')
printf "  first note rendered %6.1f ms after launch; + %.1f ms device buffer = %.1f ms to the speaker\n" \
    "$(cat "$work/first")" "$buffer" "$(echo "$(cat "$work/first") + $buffer" | bc -l)"

echo
echo "Emotion model on the 693 UIT-VSMEC test sentences:"
sentences=$work/sentences.txt
python3 -c "import csv,sys; [print(r['sentence']) for r in csv.DictReader(open(sys.argv[1], encoding='utf-8'))]" \
    "$root/../shared/data/text/UIT-VSMEC/test.csv" >"$sentences" 2>/dev/null || printf 'Hôm nay tôi rất vui\nbuồn quá\n' >"$sentences"
"$bench" emotion "$sentences"
venv_python=$root/Models/training/.venv/bin/python
if [ -x "$venv_python" ]; then
    "$venv_python" "$root/Models/training/bench_emotion.py" "$sentences"
else
    echo "  PyTorch  (no training venv: run make train-emotion once to compare)"
fi

echo
echo "Music LSTM, one generation step:"
swift_line=$("$bench" music)
echo "$swift_line"
if [ -x "$venv_python" ]; then
    torch_line=$("$venv_python" "$root/Models/training/bench_music.py")
    echo "$torch_line"
    # The ratio moves with this shared machine's load, so three more Swift/PyTorch pairs run back to back and the
    # median of the four pairs' ratios is printed with their range.
    ratios=()
    for pair in 1 2 3 4; do
        if [ "$pair" -gt 1 ]; then
            swift_line=$("$bench" music | sed -n 1p)
            torch_line=$("$venv_python" "$root/Models/training/bench_music.py")
        fi
        ours=$(sed -n 's/.*Swift *\([0-9.]*\) ms per step.*/\1/p' <<<"$swift_line" | sed -n 1p)
        theirs=$(sed -n 's/.*PyTorch *\([0-9.]*\) ms per step.*/\1/p' <<<"$torch_line")
        [ -n "$ours" ] && [ -n "$theirs" ] && ratios+=("$(echo "$theirs / $ours" | bc -l)|$ours|$theirs")
    done
    if [ ${#ratios[@]} -gt 0 ]; then
        printf '%s\n' "${ratios[@]}" | sort -g -t'|' -k1,1 | awk -F'|' '
            { r[NR] = $1; pairs = pairs sprintf("%s%.3f/%.3f", NR > 1 ? ", " : "", $2, $3) }
            END {
                median = NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
                printf "  Swift is %.1f× faster per step (median of %d back-to-back pairs; range %.1f–%.1f×; ms Swift/PyTorch: %s)\n",
                       median, NR, r[1], r[NR], pairs
            }'
    fi
fi

echo
echo "Emotional arcs (Benchmarks/arc-texts.txt: 20 two-sentence texts of opposite emotions; each half judged alone):"
"$bench" arc-eval "$root/Benchmarks/arc-texts.txt" | tail -2
echo

echo "Continuing a MIDI file (compose --primer), the first 30 s of Tests/Fixtures/midi/bench-30s.mid:"
"$bench" primer

echo
echo "The studio:"
for _ in $(seq $runs); do
    start=$(now)
    LANG=C.UTF-8 TERM=xterm-256color CAMXUC_BENCH_FIRST_FRAME=1 script -qec "$camxuc" /dev/null >/dev/null 2>&1 </dev/null
    end=$(now)
    echo "($end - $start) * 1000" | bc -l
done | median >"$work/frame"
printf "  launch to first drawn frame %.0f ms (whole process under a pseudo-terminal, median of %d)\n" "$(cat "$work/frame")" $runs
tmux -L camxuc-bench kill-server 2>/dev/null || true
# A 300 s take composed at full speed (listen = false), so that generating lasts long enough to count frames; CAMXUC_FRAME_STATS makes the studio write
# its frame timings when it quits.
mkdir -p "$work/config/camxuc"
printf '[studio]\nlisten = false\n[parameters]\nlength = 300\n' >"$work/config/camxuc/config.toml"
tmux -L camxuc-bench new-session -d -x 120 -y 40 -s bench "cd '$work' && LANG=C.UTF-8 XDG_DATA_HOME='$work/data' XDG_CONFIG_HOME='$work/config' CAMXUC_FRAME_STATS='$work/frames.json' '$camxuc'"
sleep 1.5
pid=$(pgrep -n -f "^$camxuc\$" || true)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
if [ -n "$pid" ]; then
    before=$(cpu_ticks "$pid")
    sleep 5
    after=$(cpu_ticks "$pid")
    printf "  idle: %.1f %% of one core (CPU time over 5 s with nothing to do)\n" \
        "$(echo "($after - $before) / $(getconf CLK_TCK) / 5 * 100" | bc -l)"
fi
tmux -L camxuc-bench send-keys -t bench "Hoom nay tooi raats vui" Enter
for _ in $(seq 600); do [ -e "$work/data/camxuc/takes/take-1.mid" ] && break; sleep 0.1; done
tmux -L camxuc-bench send-keys -t bench Tab Space
sleep 1
if [ -n "$pid" ]; then
    printf "  resident memory after composing and while playing: %.0f MB\n" "$(echo "$(ps -o rss= -p "$pid") / 1024" | bc -l)"
    before=$(cpu_ticks "$pid")
    sleep 5
    after=$(cpu_ticks "$pid")
    printf "  while playing that take: %.1f %% of one core (CPU time over 5 s: synthesis, the playhead, redraws)\n" \
        "$(echo "($after - $before) / $(getconf CLK_TCK) / 5 * 100" | bc -l)"
fi
tmux -L camxuc-bench send-keys -t bench C-c
sleep 0.5
tmux -L camxuc-bench kill-server 2>/dev/null || true
if [ -s "$work/frames.json" ]; then
    python3 - "$work/frames.json" <<'PY'
import json, sys
f = json.load(open(sys.argv[1]))
print("  while generating a 300 s take: %.0f frames per second over %.1f s (longest gap %.0f ms); drawing a frame: median %.2f ms, worst %.1f ms"
      % (f.get("fps_while_generating", 0), f.get("generating_seconds", 0), f.get("max_gap_ms_while_generating", 0),
         f.get("draw_ms_median", 0), f.get("draw_ms_max", 0)))
PY
fi
# What a remote link carries (a playhead step rewrote two cells of every roll row; see DECISIONS).
for size in "80 24" "120 40" "200 60"; do
    ALSA_CONFIG_PATH="$root/Tests/Fixtures/alsa-null.conf" python3 "$root/Benchmarks/terminal_bytes.py" "$camxuc" $size
done
