#ifndef SDMGRAD_CNCURSESW_SHIM_H
#define SDMGRAD_CNCURSESW_SHIM_H

/* Wide-character curses (cchar_t, get_wch, setcchar) must be requested before the header. */
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1

#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <wchar.h>
#include <ncurses.h>

/* Swift cannot see macros with arguments nor (safely, under Swift 6) C globals, so each one
   the backend needs gets a one-line function here. */

static inline FILE *sdm_stdin(void) { return stdin; }
static inline FILE *sdm_stdout(void) { return stdout; }
static inline WINDOW *sdm_stdscr(void) { return stdscr; }
static inline WINDOW *sdm_curscr(void) { return curscr; }
static inline int sdm_colors(void) { return COLORS; }
static inline int sdm_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t sdm_attr_normal(void) { return A_NORMAL; }
static inline attr_t sdm_attr_bold(void) { return A_BOLD; }
static inline attr_t sdm_attr_dim(void) { return A_DIM; }
static inline attr_t sdm_attr_reverse(void) { return A_REVERSE; }
static inline attr_t sdm_attr_underline(void) { return A_UNDERLINE; }

static inline int sdm_max_x(void) { return getmaxx(stdscr); }
static inline int sdm_max_y(void) { return getmaxy(stdscr); }

/* Puts one grapheme (up to CCHARW_MAX wide characters, NUL-terminated) at (y, x) on stdscr. */
static inline int sdm_put_cell(int y, int x, const wchar_t *characters, attr_t attributes, short pair) {
    cchar_t cell;
    if (setcchar(&cell, characters, attributes, pair, NULL) == ERR) {
        /* curses refuses some clusters (emoji joined by ZWJ): draw their first character. */
        wchar_t first[2] = { characters[0], 0 };
        if (setcchar(&cell, first, attributes, pair, NULL) == ERR) return ERR;
    }
    return mvwadd_wch(stdscr, y, x, &cell);
}

/* Columns the C library (and so curses) gives a wide character; declared here because glibc
   hides wcwidth unless _XOPEN_SOURCE was set before its headers were first read. */
extern int wcwidth(wchar_t character);
static inline int sdm_wcwidth(wchar_t character) { return wcwidth(character); }

/* Reads one key or character from stdscr; returns OK, KEY_CODE_YES or ERR (timeout). */
static inline int sdm_get_wch(wint_t *key) { return wget_wch(stdscr, key); }

/* Terminfo string capability, or NULL when absent or not a string (tigetstr's (char *)-1). */
static inline const char *sdm_terminfo_string(const char *name) {
    char *value = tigetstr(name);
    return (value == NULL || value == (char *)-1) ? NULL : value;
}

/* The mouse: press, release and wheel of the buttons the explorer uses, decoded in C because
   the BUTTONn_* masks are macros Swift cannot see. Returns 0 when no mouse event was read. */
enum { SDM_MOUSE_NONE = 0, SDM_MOUSE_PRESS = 1, SDM_MOUSE_RELEASE = 2, SDM_MOUSE_WHEEL_UP = 3, SDM_MOUSE_WHEEL_DOWN = 4 };
static inline int sdm_read_mouse(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return SDM_MOUSE_NONE;
    *x = event.x;
    *y = event.y;
    if (event.bstate & BUTTON1_PRESSED) return SDM_MOUSE_PRESS;
    if (event.bstate & (BUTTON1_RELEASED | BUTTON1_CLICKED)) return SDM_MOUSE_RELEASE;
    if (event.bstate & BUTTON4_PRESSED) return SDM_MOUSE_WHEEL_UP;
#ifdef BUTTON5_PRESSED
    if (event.bstate & BUTTON5_PRESSED) return SDM_MOUSE_WHEEL_DOWN;
#endif
    return SDM_MOUSE_NONE;
}

/* Reports presses, releases and the wheel, with no click detection delay. */
static inline void sdm_enable_mouse(void) {
    mmask_t mask = BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED;
#ifdef BUTTON5_PRESSED
    mask |= BUTTON5_PRESSED;
#endif
    mousemask(mask, NULL);
    mouseinterval(0);
}

/* Stops mouse reporting (before the terminal goes back to the shell). */
static inline void sdm_disable_mouse(void) { mousemask(0, NULL); }

#endif
