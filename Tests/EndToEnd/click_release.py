"""A click (press and release) in the studio, through a real pseudo-terminal that speaks xterm's SGR mouse protocol.

    python3 click_release.py CAMXUC WORKDIR

ncurses was asked for presses only: the release it had not asked for was thrown away and the next read waited for
a key with no timeout, so after every click the studio stood still (the bars kept the model's reading after a click
on an emotion row, the playhead froze, a notice never went, SIGTERM was not heard) until a key came. tmux re-encodes
the mouse and never showed it. Exits 0 when the studio, after a click, still ends on SIGTERM within 5 s (130, as
documented) with no key pressed; 1 otherwise, saying what it saw."""
import os, signal, sys, time

from studio_pty import Studio

camxuc, work = sys.argv[1], sys.argv[2]
studio = Studio(camxuc, work, term="xterm-256color", cols=100, rows=30)


def finished(seconds):
    end = time.time() + seconds
    while time.time() < end:
        done, status = os.waitpid(studio.pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        studio.drain(0.05)
    return None


if not studio.first_frame():
    os.kill(studio.pid, signal.SIGKILL)
    sys.exit("the studio drew no first frame in 10 s")
# A left click on the text panel (column 10, row 2): press, then the release 10 ms later.
studio.write(b"\x1b[<0;10;2M")
time.sleep(0.01)
studio.write(b"\x1b[<0;10;2m")
studio.drain(0.5)
os.kill(studio.pid, signal.SIGTERM)
code = finished(5)
if code is None:
    os.kill(studio.pid, signal.SIGKILL)
    sys.exit("after a click the studio did not end on SIGTERM within 5 s (it waited for a key)")
if code != 130:
    sys.exit(f"after a click and SIGTERM the studio exited {code}, not 130")
