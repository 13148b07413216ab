#ifndef CAMXUC_CALSA_SHIM_H
#define CAMXUC_CALSA_SHIM_H

#include <alsa/asoundlib.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

/*
 * libasound prints "ALSA lib ..." lines to stderr through a variadic handler, which Swift cannot define.
 * This handler writes them to a file descriptor chosen from Swift (our log file), or drops them when it is -1.
 */
static int camxuc_alsa_log_fd = -1;

static void camxuc_alsa_error_handler(const char *file, int line, const char *function, int err, const char *fmt, ...) {
    if (camxuc_alsa_log_fd < 0) return;
    char message[512];
    va_list args;
    va_start(args, fmt);
    vsnprintf(message, sizeof message, fmt, args);
    va_end(args);
    char buffer[768];
    int length = snprintf(buffer, sizeof buffer, "alsa: %s:%d (%s) %s%s%s\n", file ? file : "?", line,
                          function ? function : "?", message, err ? ": " : "", err ? snd_strerror(err) : "");
    if (length > 0) {
        if (length > (int)sizeof buffer - 1) length = (int)sizeof buffer - 1;
        ssize_t ignored = write(camxuc_alsa_log_fd, buffer, (size_t)length);
        (void)ignored;
    }
}

/* Sends libasound's messages to `fd` (-1 drops them). Call before anything opens an ALSA device. */
static inline void camxuc_alsa_route_errors(int fd) {
    camxuc_alsa_log_fd = fd;
    snd_lib_error_set_handler(camxuc_alsa_error_handler);
}

#endif
