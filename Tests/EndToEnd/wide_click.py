"""A click past column 223 inside tmux, through a real pseudo-terminal with TERM=tmux-256color.

    python3 wide_click.py CAMXUC WORKDIR

tmux's and screen's terminfo entries have the old X10 mouse encoding, which cannot say a column past 223: on a wide
tmux window (a full-screen tmux on a 4K monitor is 240–300 columns) the right of the roll and the takes panel took no
click. The studio asks for xterm's SGR encoding there (tmux speaks it) and reads it. Exits 0 when the studio asked for
it and a click at column 231 of a 240-column screen, in the takes panel, moved the focus there (the status line then
shows the takes' keys); 1 otherwise, saying what it saw."""
import fcntl, os, pty, select, signal, struct, sys, termios, time

camxuc, work = sys.argv[1], sys.argv[2]
env = dict(os.environ, TERM="tmux-256color", LANG="C.UTF-8", XDG_STATE_HOME=f"{work}/state",
           XDG_CONFIG_HOME=f"{work}/config", XDG_DATA_HOME=f"{work}/data")
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 240, 0, 0))
    os.execve(camxuc, [camxuc, "--no-listen"], env)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 240, 0, 0))
seen = b""


def drain(seconds):
    global seen
    end = time.time() + seconds
    while time.time() < end:
        if select.select([fd], [], [], 0.05)[0]:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                return


def end(message=None):
    os.kill(pid, signal.SIGTERM)
    drain(1)
    os.waitpid(pid, 0)
    sys.exit(message)


for _ in range(100):  # the first frame
    drain(0.1)
    if "Telex".encode() in seen:
        break
else:
    end("the studio drew no first frame in 10 s")
if b"\x1b[?1006h" not in seen:
    end("the studio did not ask for the SGR mouse encoding under TERM=tmux-256color")
# The text field has the focus; Esc leaves it, then a left click at column 231, row 6: the takes panel.
os.write(fd, b"\x1b")
drain(0.3)
before = len(seen)
os.write(fd, b"\x1b[<0;231;6M")
time.sleep(0.01)
os.write(fd, b"\x1b[<0;231;6m")
drain(0.8)
after = seen[before:]
if "xoá take".encode() not in after and "phát từ đầu".encode() not in after:
    end(f"a click at column 231 did not focus the takes panel (the studio wrote {len(after)} bytes after it)")
end()
