#ifndef PREDEVAL_CLIBCSV_SHIM_H
#define PREDEVAL_CLIBCSV_SHIM_H
// libcsv's public header, from Debian's libcsv-dev.
#include <csv.h>
// malloc_usable_size, for the allocator predeval gives libcsv (glibc and musl both have it).
#include <malloc.h>
#endif
