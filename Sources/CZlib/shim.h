#ifndef PREDEVAL_CZLIB_SHIM_H
#define PREDEVAL_CZLIB_SHIM_H
// zlib's public header, from Debian's zlib1g-dev: gzip input is inflated with it.
#include <zlib.h>

/// inflateInit2 is a macro in zlib.h, which Swift cannot call: this is it as a function.
static inline int predeval_inflate_init(z_stream *stream, int window_bits) {
    return inflateInit2(stream, window_bits);
}
#endif
