#ifndef CAMXUC_CALSA_SHIM_H
#define CAMXUC_CALSA_SHIM_H

#include <alsa/asoundlib.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

/*
 * libasound prints "ALSA lib ..." lines to stderr through a variadic handler, which Swift cannot define.
 * The handler below writes them to a file descriptor chosen from Swift (our log file; -1 drops them) and keeps the
 * last message so that a failure can be explained in one line.
 *
 * State lives in function-local statics: Swift's importer emits these functions into the object that calls them,
 * so call them from one Swift file only (CamXucAudio/ALSAMessages.swift).
 */
static inline int *camxuc_alsa_log_fd_slot(void) {
    static int fd = -1;
    return &fd;
}

static inline char *camxuc_alsa_last_error_buffer(void) {
    static char buffer[256];
    return buffer;
}

static void camxuc_alsa_error_handler(const char *file, int line, const char *function, int err, const char *fmt, ...) {
    char message[512];
    va_list args;
    va_start(args, fmt);
    vsnprintf(message, sizeof message, fmt, args);
    va_end(args);
    snprintf(camxuc_alsa_last_error_buffer(), 256, "%s", message);
    int fd = *camxuc_alsa_log_fd_slot();
    if (fd < 0) return;
    char buffer[768];
    int length = snprintf(buffer, sizeof buffer, "alsa: %s:%d (%s) %s%s%s\n", file ? file : "?", line,
                          function ? function : "?", message, err ? ": " : "", err ? snd_strerror(err) : "");
    if (length > 0) {
        if (length > (int)sizeof buffer - 1) length = (int)sizeof buffer - 1;
        ssize_t ignored = write(fd, buffer, (size_t)length);
        (void)ignored;
    }
}

/* Sends libasound's messages to `fd` (-1 drops them). Call before anything opens an ALSA device. */
static inline void camxuc_alsa_route_errors(int fd) {
    *camxuc_alsa_log_fd_slot() = fd;
    snd_lib_error_set_handler(camxuc_alsa_error_handler);
}

/* The last message libasound reported (empty if none), e.g. "Unknown PCM default". */
static inline const char *camxuc_alsa_last_error_message(void) { return camxuc_alsa_last_error_buffer(); }

/* Forgets the last message, so the next failure's reason is its own. */
static inline void camxuc_alsa_clear_last_error(void) { camxuc_alsa_last_error_buffer()[0] = 0; }

#endif
