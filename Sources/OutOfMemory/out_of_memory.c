// When memory runs out, Swift's runtime aborts with a backtrace (exit 134): to a registry officer that
// is a crash, with no word of why or of what was written. There is no Swift hook for a failed
// allocation, and glibc removed its malloc hooks (2.34), so the program's allocation functions wrap the
// C library's own (`__libc_*`, which glibc exports for this): when one fails for want of memory, the
// program says so in words and exits. Every output is written complete or not at all, and the ledger in
// transactions, so stopping there leaves nothing partial.
#include "out_of_memory.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#if defined(__GLIBC__)

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);

static char message[4096];
static int status;

void board_stop_when_out_of_memory(const char *text, int exit_status) {
    strncpy(message, text, sizeof message - 1);
    status = exit_status;
}

// Only for want of memory, and only once the message is set: a bad alignment is the caller's error.
static void *checked(void *pointer, size_t size) {
    if (pointer == NULL && size > 0 && errno == ENOMEM && message[0] != '\0') {
        // No allocation here: write the words as they are, then leave.
        size_t length = strlen(message);
        while (length > 0) {
            ssize_t written = write(STDERR_FILENO, message, length);
            if (written <= 0) break;
            length -= (size_t)written;
        }
        _exit(status);
    }
    return pointer;
}

void *malloc(size_t size) { return checked(__libc_malloc(size), size); }

void *calloc(size_t count, size_t size) { return checked(__libc_calloc(count, size), count * size); }

void *realloc(void *pointer, size_t size) { return checked(__libc_realloc(pointer, size), size); }

void *memalign(size_t alignment, size_t size) { return checked(__libc_memalign(alignment, size), size); }

void *aligned_alloc(size_t alignment, size_t size) { return checked(__libc_memalign(alignment, size), size); }

int posix_memalign(void **result, size_t alignment, size_t size) {
    if (alignment % sizeof(void *) != 0 || (alignment & (alignment - 1)) != 0) return EINVAL;
    void *pointer = checked(__libc_memalign(alignment, size), size);
    if (pointer == NULL && size > 0) return ENOMEM;
    *result = pointer;
    return 0;
}

#else
// Elsewhere the C library's allocation stands, and memory running out crashes as it did.
void board_stop_when_out_of_memory(const char *text, int exit_status) {
    (void)text;
    (void)exit_status;
}
#endif
