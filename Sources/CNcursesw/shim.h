#ifndef CAMXUC_CNCURSESW_SHIM_H
#define CAMXUC_CNCURSESW_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* pkg-config's -D_XOPEN_SOURCE is dropped by SwiftPM, which hides glibc's wcwidth from Swift. */
int wcwidth(wchar_t c);

/* Macros Swift cannot import. */
static inline int camxuc_color_pair(int n) { return COLOR_PAIR(n); }
static inline int camxuc_lines(void) { return LINES; }
static inline int camxuc_cols(void) { return COLS; }
static inline int camxuc_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int camxuc_getmaxx(WINDOW *w) { return getmaxx(w); }
static inline int camxuc_display_width(wchar_t c) { return wcwidth(c); }
static inline unsigned int camxuc_a_bold(void) { return A_BOLD; }
static inline unsigned int camxuc_a_dim(void) { return A_DIM; }
static inline unsigned int camxuc_a_underline(void) { return A_UNDERLINE; }
static inline unsigned int camxuc_a_reverse(void) { return A_REVERSE; }
static inline unsigned int camxuc_a_normal(void) { return A_NORMAL; }
static inline int camxuc_key_code_yes(void) { return KEY_CODE_YES; }
static inline int camxuc_get_wch(unsigned int *out) { wint_t c = 0; int r = get_wch(&c); *out = (unsigned int)c; return r; }
/* Pushes a key back so the next get_wch returns it: a character, or a key code (KEY_CODE_YES). */
static inline int camxuc_unget_wch(unsigned int c) { return unget_wch((wchar_t)c); }
static inline int camxuc_ungetch(int code) { return ungetch(code); }
static inline void camxuc_set_escdelay(int ms) { set_escdelay(ms); }
static inline void camxuc_keypad_on(void) { keypad(stdscr, TRUE); }
static inline void camxuc_repaint_all(void) { clearok(stdscr, TRUE); }
static inline int camxuc_colors(void) { return COLORS; }
/* What erase() and cells never written are drawn with: a blank in the theme's background. */
static inline void camxuc_set_background(int pair) { bkgd((chtype)' ' | (chtype)COLOR_PAIR(pair)); }
static inline int camxuc_color_pairs(void) { return COLOR_PAIRS; }
/* The mouse: every button event, reported at once (no click-resolution delay); the studio acts on presses of the
   left button and the wheel. Asked for presses alone, ncurses threw the releases away (the terminal reports them in
   any mode) and read on without the timeout set by timeout(): after every click the studio waited for a key. */
static inline void camxuc_mouse_on(void) {
    mousemask(ALL_MOUSE_EVENTS, NULL);
    mouseinterval(0);
}
static inline int camxuc_key_mouse(void) { return KEY_MOUSE; }
/* 1 press, 4 wheel up, 5 wheel down, 0 anything else; -1 when no event could be read. */
static inline int camxuc_get_mouse(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return -1;
    *x = event.x;
    *y = event.y;
    if (event.bstate & BUTTON1_PRESSED) return 1;
    if (event.bstate & BUTTON4_PRESSED) return 4;
    if (event.bstate & BUTTON5_PRESSED) return 5;
    return 0;
}
/* Escape sequences ncurses should report as one key code (bracketed paste, Ctrl-arrows). */
static inline void camxuc_define_key(const char *sequence, int code) { define_key(sequence, code); }
static inline const char *camxuc_key_name(int code) { const char *name = keyname(code); return name ? name : ""; }
static inline void camxuc_write_raw(const char *text) { putp(text); fflush(stdout); }
#include <langinfo.h>
static inline const char *camxuc_codeset(void) { return nl_langinfo(CODESET); }

#include <poll.h>
/* Whether the terminal behind standard input has gone (its window closed without a SIGHUP reaching us, as under
   setsid): reads then fail at once, and a loop that takes that for "no key yet" would spin. */
static inline int camxuc_input_gone(int fd) {
    struct pollfd p = { .fd = fd, .events = POLLIN, .revents = 0 };
    if (poll(&p, 1, 0) < 0) return 0;
    return (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

#include <term.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
/* Whether a SIGCONT came since the last reset (camxuc_continued(1) resets and installs the handler; (0) asks): Ctrl-Z
   tells a real stop from one the kernel discarded for want of job control. */
static volatile sig_atomic_t camxuc_continued_flag = 0;
static inline void camxuc_on_continue(int sig) { (void)sig; camxuc_continued_flag = 1; }
static inline int camxuc_continued(int reset) {
    if (reset) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = camxuc_on_continue;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        sigaction(SIGCONT, &action, NULL);
        camxuc_continued_flag = 0;
        return 0;
    }
    return camxuc_continued_flag ? 1 : 0;
}

/* Whether ncurses reads the mouse in the old X10 encoding (the entry's kmous is ESC [ M, as tmux's and screen's are),
   where no column past 223 can be told: the studio then asks for xterm's SGR encoding and reads it itself. */
static inline int camxuc_mouse_reads_x10(void) {
    const char *mouse = tigetstr("kmous");
    return mouse != NULL && mouse != (char *)-1 && strcmp(mouse, "\033[M") == 0;
}

/* Whether the terminal has an alternate screen to leave (smcup), asked of the terminal ncurses set up. */
static inline int camxuc_has_alternate_screen(void) {
    const char *enter = tigetstr("smcup");
    return enter != NULL && enter != (char *)-1 && enter[0] != '\0';
}
/* Whether TERM names a terminal ncurses knows and can address (not "dumb"), asked without ncurses printing:
   1 yes, 0 known but not addressable, -1 not in this machine's terminfo (a terminal newer than the machine). */
static inline int camxuc_terminal_usable(void) {
    int status = 0;
    if (setupterm(NULL, STDOUT_FILENO, &status) != OK || status != 1) return status == 0 ? -1 : 0;
    int addressable = tigetstr("cup") != NULL && tigetstr("cup") != (char *)-1;
    del_curterm(cur_term);
    return addressable;
}

/* A crash (a trap, a bad access, an abort) must leave the terminal usable: the handler writes the resets with
   async-signal-safe calls, restores the saved modes, then lets the signal take its default course, so the
   process still dies of it (and Swift's interactive backtracer never takes over the screen). */
static inline struct termios *camxuc_saved_modes(int *valid_out, int set_valid) {
    static struct termios modes;
    static int valid = 0;
    if (set_valid >= 0) valid = set_valid;
    if (valid_out) *valid_out = valid;
    return &modes;
}
static volatile sig_atomic_t camxuc_output_is_terminal = 0;
/* Set while the studio's frame is on a terminal without an alternate screen (vt100, the Linux console): the frame
   stays after the process ends, so the shell must be sent below it, not left on whatever row the cursor was. */
static volatile sig_atomic_t camxuc_frame_stays = 0;
static inline void camxuc_set_frame_stays(int stays) { camxuc_frame_stays = stays ? 1 : 0; }
static inline void camxuc_crash_handler(int sig) {
    static const char reset[] = "\033[?1000l\033[?1002l\033[?1006l\033[?2004l\033[0m\033[?25h\033[?1l\033>\033[?1049l\r\n";
    static const char bottom[] = "\033[999;1H";   /* a row past the last is taken as the last */
    /* Only to a terminal: `play > file` ended by a SIGPIPE or SIGUSR1 would have the resets in its file. */
    if (camxuc_output_is_terminal) {
        if (camxuc_frame_stays) {
            ssize_t ignored = write(STDOUT_FILENO, bottom, sizeof bottom - 1);
            (void)ignored;
        }
        ssize_t ignored = write(STDOUT_FILENO, reset, sizeof reset - 1);
        (void)ignored;
    }
    int valid = 0;
    struct termios *modes = camxuc_saved_modes(&valid, -1);
    if (valid) tcsetattr(STDIN_FILENO, TCSANOW, modes);
    signal(sig, SIG_DFL);
    raise(sig);
}
static inline void camxuc_install_crash_handlers(void) {
    camxuc_saved_modes(NULL, tcgetattr(STDIN_FILENO, camxuc_saved_modes(NULL, -1)) == 0);
    camxuc_output_is_terminal = isatty(STDOUT_FILENO);
    /* And the signals whose default also ends the process unannounced (sent from outside: SIGUSR1, SIGALRM; a
       SIGPIPE): they left the alternate screen, mouse reporting and a hidden cursor behind. */
    int signals[] = { SIGILL, SIGTRAP, SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGUSR1, SIGUSR2, SIGALRM, SIGPIPE };
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction action;
        /* A signal ignored when the program started (SIGPIPE under systemd) stays ignored. */
        if (sigaction(signals[i], NULL, &action) == 0 && action.sa_handler == SIG_IGN) continue;
        memset(&action, 0, sizeof action);
        action.sa_handler = camxuc_crash_handler;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESETHAND;
        sigaction(signals[i], &action, NULL);
    }
}

#endif
