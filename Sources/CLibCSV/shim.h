#ifndef PREDEVAL_CLIBCSV_SHIM_H
#define PREDEVAL_CLIBCSV_SHIM_H
// libcsv's public header, from Debian's libcsv-dev.
#include <csv.h>
#endif
