"""A click (press and release) in the studio, through a real pseudo-terminal that speaks xterm's SGR mouse protocol.

    python3 click_release.py CAMXUC WORKDIR

ncurses was asked for presses only: the release it had not asked for was thrown away and the next read waited for
a key with no timeout, so after every click the studio stood still (the bars kept the model's reading after a click
on an emotion row, the playhead froze, a notice never went, SIGTERM was not heard) until a key came. tmux re-encodes
the mouse and never showed it. Exits 0 when the studio, after a click, still ends on SIGTERM within 5 s (130, as
documented) with no key pressed; 1 otherwise, saying what it saw."""
import fcntl, os, pty, signal, struct, sys, termios, time

camxuc, work = sys.argv[1], sys.argv[2]
env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", XDG_STATE_HOME=f"{work}/state",
           XDG_CONFIG_HOME=f"{work}/config", XDG_DATA_HOME=f"{work}/data")
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    os.execve(camxuc, [camxuc, "--no-listen"], env)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
seen = b""


def drain(seconds):
    global seen
    end = time.time() + seconds
    while time.time() < end:
        try:
            import select
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                seen += os.read(fd, 65536)
        except OSError:
            return


def finished(seconds):
    end = time.time() + seconds
    while time.time() < end:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        drain(0.05)
    return None


for _ in range(100):  # the first frame
    drain(0.1)
    if "Telex".encode() in seen:
        break
else:
    os.kill(pid, signal.SIGKILL)
    sys.exit("the studio drew no first frame in 10 s")
# A left click on the text panel (column 10, row 2): press, then the release 10 ms later.
os.write(fd, b"\x1b[<0;10;2M")
time.sleep(0.01)
os.write(fd, b"\x1b[<0;10;2m")
drain(0.5)
os.kill(pid, signal.SIGTERM)
code = finished(5)
if code is None:
    os.kill(pid, signal.SIGKILL)
    sys.exit("after a click the studio did not end on SIGTERM within 5 s (it waited for a key)")
if code != 130:
    sys.exit(f"after a click and SIGTERM the studio exited {code}, not 130")
