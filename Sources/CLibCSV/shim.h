#ifndef PREDEVAL_CLIBCSV_SHIM_H
#define PREDEVAL_CLIBCSV_SHIM_H
// libcsv's public header, from Debian's libcsv-dev.
#include <csv.h>
// malloc_usable_size, for the allocator predeval gives libcsv (glibc and musl both have it).
#include <malloc.h>

// What predeval asks of a parser's state, read here so that Swift never touches the fields of
// libcsv's struct csv_parser, which csv.h declares but does not document as an interface.

/// Whether the parser stands at the start of a row: no field and no row begun.
static inline int predeval_csv_at_row_start(const struct csv_parser *parser) {
    return parser->pstate == 0 && parser->entry_pos == 0;
}

/// Whether the parser is inside a quoted field.
static inline int predeval_csv_in_quoted_field(const struct csv_parser *parser) {
    return parser->quoted != 0;
}

/// The bytes of the field being read, so far (libcsv's buffer; valid until the next csv_parse).
static inline const unsigned char *predeval_csv_partial_field(const struct csv_parser *parser) {
    return parser->entry_buf;
}

/// How many bytes of the field being read there are so far.
static inline size_t predeval_csv_partial_field_length(const struct csv_parser *parser) {
    return parser->entry_pos;
}
#endif
