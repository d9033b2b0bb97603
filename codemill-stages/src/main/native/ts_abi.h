/*
 * The part of tree-sitter's C API (lib/include/tree_sitter/api.h, MIT licence) that
 * syntax_export.c calls, declared as pointer types so that the functions can be looked up at
 * run time in the runtime the io.github.bonede:tree-sitter jar already loaded (it has no SONAME
 * and is loaded RTLD_LOCAL from a temporary file, so it cannot be linked against).
 *
 * Layouts are those of tree-sitter v0.26.6, the runtime inside io.github.bonede:tree-sitter
 * 0.26.6. TSTreeCursor is padded on purpose: it is only ever returned by value (through a hidden
 * pointer on x86_64 and aarch64, the struct being larger than 16 bytes) and passed by pointer,
 * so a larger buffer is safe if a future runtime grows it; TSNode is passed by value and must
 * match exactly (unchanged since tree-sitter 0.19).
 */
#ifndef CODEMILL_TS_ABI_H
#define CODEMILL_TS_ABI_H

#include <stdbool.h>
#include <stdint.h>

typedef uint16_t TSSymbol;
typedef uint16_t TSFieldId;
typedef struct TSTree TSTree;
typedef struct TSParser TSParser;

typedef struct { uint32_t row; uint32_t column; } TSPoint;

typedef struct {
    uint32_t context[4];
    const void *id;
    const TSTree *tree;
} TSNode;

typedef struct {
    const void *tree;
    const void *id;
    uint32_t context[3];
    uint32_t reserve[8]; /* padding, see above */
} TSTreeCursor;

typedef struct {
    void *payload;
    const char *(*read)(void *payload, uint32_t byte_index, TSPoint position, uint32_t *bytes_read);
    int encoding; /* TSInputEncodingUTF8 = 0 */
    void *decode; /* NULL unless encoding is custom */
} TSInput;

typedef struct {
    void *payload;
    uint32_t current_byte_offset;
    bool has_error;
} TSParseState;

typedef struct {
    void *payload;
    bool (*progress_callback)(TSParseState *state);
} TSParseOptions;

typedef TSTree *(*ts_parser_parse_with_options_fn)(TSParser *, const TSTree *, TSInput, TSParseOptions);
typedef void (*ts_parser_reset_fn)(TSParser *);
typedef void (*ts_tree_delete_fn)(TSTree *);
typedef TSNode (*ts_tree_root_node_fn)(const TSTree *);
typedef bool (*ts_node_bool_fn)(TSNode);
typedef uint32_t (*ts_node_u32_fn)(TSNode);
typedef TSSymbol (*ts_node_symbol_fn)(TSNode);
typedef TSTreeCursor (*ts_tree_cursor_new_fn)(TSNode);
typedef void (*ts_tree_cursor_delete_fn)(TSTreeCursor *);
typedef TSNode (*ts_tree_cursor_current_node_fn)(const TSTreeCursor *);
typedef TSFieldId (*ts_tree_cursor_current_field_id_fn)(const TSTreeCursor *);
typedef bool (*ts_tree_cursor_goto_fn)(TSTreeCursor *);

#endif
