// libFuzzer's driver, linked in by `-sanitize=fuzzer` (and only then: predeval-fuzz names it only
// when built with -DPREDEVAL_FUZZING).
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
