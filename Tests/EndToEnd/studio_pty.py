"""The studio on a pseudo-terminal of its own, for the end-to-end checks that speak to it byte by byte (tmux
re-encodes the mouse and never shows what the studio sent)."""
import fcntl, os, pty, select, struct, termios, time


class Studio:
    """`camxuc --no-listen` on a pseudo-terminal of `cols` × `rows` with TERM=`term`, its folders under `work`;
    `seen` is everything it has written so far."""

    def __init__(self, camxuc, work, term, cols, rows):
        env = dict(os.environ, TERM=term, LANG="C.UTF-8", XDG_STATE_HOME=f"{work}/state",
                   XDG_CONFIG_HOME=f"{work}/config", XDG_DATA_HOME=f"{work}/data")
        size = struct.pack("HHHH", rows, cols, 0, 0)
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, size)
            os.execve(camxuc, [camxuc, "--no-listen"], env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, size)
        self.seen = b""

    def drain(self, seconds):
        """Reads what the studio writes for `seconds` (until its terminal closes)."""
        end = time.time() + seconds
        while time.time() < end:
            try:
                if select.select([self.fd], [], [], 0.05)[0]:
                    self.seen += os.read(self.fd, 65536)
            except OSError:
                return

    def first_frame(self, seconds=10):
        """Whether the first frame (the text panel's "Telex") came within `seconds`."""
        for _ in range(int(seconds * 10)):
            self.drain(0.1)
            if "Telex".encode() in self.seen:
                return True
        return False

    def write(self, data):
        os.write(self.fd, data)
