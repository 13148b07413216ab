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

#endif
