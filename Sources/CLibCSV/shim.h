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

// libcsv 3's parse states (libcsv.c; csv.h does not declare them).
#define PREDEVAL_CSV_FIELD_BEGUN 2
#define PREDEVAL_CSV_FIELD_MIGHT_HAVE_ENDED 3

/// After csv_parse stopped a strict parser with CSV_EPARSE at a stray quote, reads the quote as
/// predeval's lenient mode defines it, so that csv_parse can go on: text after a closing quote
/// continues the field unquoted (the closing quote dropped: `"x"y` is `xy`), and a quote inside an
/// unquoted field is a character (`5" screen`). Either way the field ends at the next delimiter
/// or line end, as an unquoted one does: it never runs on to the next quote, across rows.
/// Returns how many input bytes to step over before parsing on (0: the byte that stopped the
/// parser is parsed again; 1: the quote was taken), or -1 when the parser is in neither state.
static inline int predeval_csv_take_stray_quote(struct csv_parser *parser) {
    if (parser->pstate == PREDEVAL_CSV_FIELD_MIGHT_HAVE_ENDED) {
        /* The buffer ends in the closing quote and any blanks after it: drop the quote. */
        size_t spaces = parser->spaces;
        unsigned char *end = parser->entry_buf + parser->entry_pos;
        for (size_t index = 0; index < spaces; index++) end[(ptrdiff_t)index - (ptrdiff_t)spaces - 1] = end[(ptrdiff_t)index - (ptrdiff_t)spaces];
        parser->entry_pos -= 1;
        parser->spaces = 0;
        parser->quoted = 0;
        parser->pstate = PREDEVAL_CSV_FIELD_BEGUN;
        parser->status = CSV_SUCCESS;
        return 0;
    }
    if (parser->pstate == PREDEVAL_CSV_FIELD_BEGUN && !parser->quoted && parser->entry_pos < parser->entry_size) {
        /* csv_parse made room for this byte before it looked at it. */
        parser->entry_buf[parser->entry_pos++] = parser->quote_char;
        parser->spaces = 0;
        parser->status = CSV_SUCCESS;
        return 1;
    }
    return -1;
}
#endif
