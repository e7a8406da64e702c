#ifndef PREDEVAL_CZSTD_SHIM_H
#define PREDEVAL_CZSTD_SHIM_H
// libzstd's public header, from Debian's libzstd-dev: zstd input is decompressed with it.
#include <zstd.h>
#endif
