#ifndef BOARD_OUT_OF_MEMORY_H
#define BOARD_OUT_OF_MEMORY_H

/// What the program prints on standard error, before exiting with `status`, when memory it asks for
/// cannot be had; set once, at start. Until it is set, allocation fails as the C library's does.
void board_stop_when_out_of_memory(const char *message, int status);

#endif
