// libFuzzer's driver, linked by swiftc -sanitize=fuzzer (the Swift toolchain's clang runtime).
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
