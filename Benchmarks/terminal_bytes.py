"""Bytes a second the studio writes to its terminal, as a remote link carries them.

    python3 terminal_bytes.py CAMXUC WIDTH HEIGHT

Runs the studio on a pseudo-terminal of WIDTH × HEIGHT (TERM=xterm-256color, the dark theme, sound to ALSA's null
device as the caller's ALSA_CONFIG_PATH says), types "vui qua" and Enter, and counts what it writes while the take is
composed and heard (15 s), then while it is replayed with Space (10 s). Prints one line."""
import fcntl, os, pty, select, shutil, struct, sys, tempfile, termios, time

camxuc, width, height = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
work = tempfile.mkdtemp(prefix="camxuc-bytes-")
env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", XDG_STATE_HOME=f"{work}/state",
           XDG_DATA_HOME=f"{work}/data", XDG_CONFIG_HOME=f"{work}/config")
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
    os.execve(camxuc, [camxuc, "--theme", "dark"], env)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))


def read(seconds, quiet=None):
    """Bytes written in `seconds`, or until nothing was written for `quiet` seconds."""
    count, end, last = 0, time.time() + seconds, time.time()
    while time.time() < end:
        if select.select([fd], [], [], 0.02)[0]:
            try:
                count += len(os.read(fd, 65536))
            except OSError:
                break
            last = time.time()
        elif quiet is not None and time.time() - last > quiet:
            break
    return count


read(20, quiet=1)
os.write(fd, b"vui qua\r")
heard = read(15)
read(30, quiet=1.5)
os.write(fd, b"\x1b")
read(0.3)
os.write(fd, b" ")
replayed = read(10)
os.kill(pid, 15)
read(1)
os.waitpid(pid, 0)
shutil.rmtree(work, ignore_errors=True)
print(f"  to the terminal at {width}×{height}: {heard / 15 / 1000:.1f} KB a second while a take is composed and heard,"
      f" {replayed / 10 / 1000:.1f} KB while it is replayed")
