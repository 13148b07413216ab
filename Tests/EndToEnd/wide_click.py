"""A click past column 223 inside tmux, through a real pseudo-terminal with TERM=tmux-256color.

    python3 wide_click.py CAMXUC WORKDIR

tmux's and screen's terminfo entries have the old X10 mouse encoding, which cannot say a column past 223: on a wide
tmux window (a full-screen tmux on a 4K monitor is 240–300 columns) the right of the roll and the takes panel took no
click. The studio asks for xterm's SGR encoding there (tmux speaks it) and reads it. Exits 0 when the studio asked for
it and a click at column 231 of a 240-column screen, in the takes panel, moved the focus there (the status line then
shows the takes' keys); 1 otherwise, saying what it saw."""
import os, signal, sys, time

from studio_pty import Studio

camxuc, work = sys.argv[1], sys.argv[2]
studio = Studio(camxuc, work, term="tmux-256color", cols=240, rows=40)


def end(message=None):
    os.kill(studio.pid, signal.SIGTERM)
    studio.drain(1)
    os.waitpid(studio.pid, 0)
    sys.exit(message)


if not studio.first_frame():
    end("the studio drew no first frame in 10 s")
if b"\x1b[?1006h" not in studio.seen:
    end("the studio did not ask for the SGR mouse encoding under TERM=tmux-256color")
# The text field has the focus; Esc leaves it, then a left click at column 231, row 6: the takes panel.
studio.write(b"\x1b")
studio.drain(0.3)
before = len(studio.seen)
studio.write(b"\x1b[<0;231;6M")
time.sleep(0.01)
studio.write(b"\x1b[<0;231;6m")
studio.drain(0.8)
after = studio.seen[before:]
if "xoá take".encode() not in after and "phát từ đầu".encode() not in after:
    end(f"a click at column 231 did not focus the takes panel (the studio wrote {len(after)} bytes after it)")
end()
