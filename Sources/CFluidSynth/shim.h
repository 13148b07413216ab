#ifndef CAMXUC_CFLUIDSYNTH_SHIM_H
#define CAMXUC_CFLUIDSYNTH_SHIM_H

#include <fluidsynth.h>

/* FluidSynth's log levels, as plain ints for Swift (the enum imports awkwardly). */
static inline int camxuc_fluid_log_level_count(void) { return LAST_LOG_LEVEL; }

/* Points every log level at one handler so nothing reaches the terminal. */
static inline void camxuc_fluid_route_logs(fluid_log_function_t handler, void *data) {
    for (int level = 0; level < LAST_LOG_LEVEL; level++) {
        fluid_set_log_function(level, handler, data);
    }
}

#endif
