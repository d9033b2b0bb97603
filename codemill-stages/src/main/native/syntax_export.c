/*
 * One native call per syntax tree: parse UTF-8 bytes with the tree-sitter runtime vendored in
 * tree-sitter/ (compiled at -O3 with LTO into this library, its symbols kept local by exports.map) and a
 * grammar (TSLanguage) of the io.github.bonede binding (or this library's optimised build of the
 * same grammar, grammars/), walk the tree inside C and return it as
 * one int[] (layout in dev.codemill.stages.analysis.syntax.NodeRecords). Built by
 * build-native.sh at Maven's process-resources; NativeTrees falls back to the pure-Java walk
 * through the binding when this library is missing or fails its self-check.
 */
#include <jni.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tree_sitter/api.h"
/* the runtime's internal headers (tree-sitter/lib/src): the walk reads subtrees directly */
#include "language.h"
#include "subtree.h"
#include "tree.h"

/* must match NodeRecords */
#define HEADER 2
#define STRIDE 6
#define FLAG_ERROR 1
#define FLAG_MISSING 2
#define STATUS_COMPLETE 0
#define STATUS_TRUNCATED 1
#define STATUS_TIMED_OUT 2
#define STATUS_FAILED 3
#define SYM_ERROR 0xFFFF

/* null when ready, else why not */
JNIEXPORT jstring JNICALL Java_dev_codemill_stages_analysis_syntax_NativeTrees_init(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return NULL;
}

/*
 * Grammars compiled into this library from their generated sources (grammars/, build-native.sh,
 * at -O2; the binding's grammar libraries are built without optimisation, and a grammar's lexer
 * is a large part of a parse). One is used in place of the binding's TSLanguage only when
 * same_grammar finds both are the same generated grammar; else the binding's is used as before.
 */
#ifndef CODEMILL_WITHOUT_OWN_GRAMMARS
const TSLanguage *tree_sitter_python(void);

static const TSLanguage *(*const OWN_GRAMMARS[])(void) = {tree_sitter_python};
#define OWN_GRAMMAR_COUNT (sizeof OWN_GRAMMARS / sizeof OWN_GRAMMARS[0])
#else
/* build-native.sh could not compile the grammars: the binding's are used for every language */
static const TSLanguage *(*const OWN_GRAMMARS[1])(void) = {NULL};
#define OWN_GRAMMAR_COUNT ((size_t) 0)
#endif

static int same_strings(const char *const *a, const char *const *b, uint32_t from, uint32_t to) {
    for (uint32_t i = from; i < to; i++) {
        if ((a[i] == NULL) != (b[i] == NULL) || (a[i] != NULL && strcmp(a[i], b[i]) != 0)) {
            return 0;
        }
    }
    return 1;
}

#define SAME_ARRAY(field, n) ((n) == 0 || (a->field != NULL && b->field != NULL && memcmp(a->field, b->field, (size_t) (n) * sizeof(*a->field)) == 0))

/*
 * Whether two TSLanguage tables are the same generated grammar: name, version, ABI, every count,
 * symbol and field names, symbol metadata, the large parse table, the small table's state map,
 * lex modes, public symbols, alias sequences, field maps and the external tokens' states all
 * equal (the lexer functions are code and cannot be compared; a grammar whose tables are all
 * equal is the same version of the grammar).
 */
static int same_grammar(const TSLanguage *a, const TSLanguage *b) {
    if (a->abi_version != b->abi_version || a->abi_version < 15 || a->name == NULL || b->name == NULL
            || strcmp(a->name, b->name) != 0
            || a->metadata.major_version != b->metadata.major_version || a->metadata.minor_version != b->metadata.minor_version
            || a->metadata.patch_version != b->metadata.patch_version
            || a->symbol_count != b->symbol_count || a->alias_count != b->alias_count || a->token_count != b->token_count
            || a->external_token_count != b->external_token_count || a->state_count != b->state_count
            || a->large_state_count != b->large_state_count || a->production_id_count != b->production_id_count
            || a->field_count != b->field_count || a->max_alias_sequence_length != b->max_alias_sequence_length
            || a->keyword_capture_token != b->keyword_capture_token || a->supertype_count != b->supertype_count) {
        return 0;
    }
    uint32_t symbols = a->symbol_count + a->alias_count;
    return same_strings(a->symbol_names, b->symbol_names, 0, symbols)
            && (a->field_count == 0 || same_strings(a->field_names, b->field_names, 1, a->field_count + 1))
            && SAME_ARRAY(symbol_metadata, symbols)
            && SAME_ARRAY(public_symbol_map, symbols)
            && SAME_ARRAY(parse_table, (size_t) a->large_state_count * a->symbol_count)
            && SAME_ARRAY(small_parse_table_map, a->state_count - a->large_state_count)
            && SAME_ARRAY(lex_modes, a->state_count)
            && SAME_ARRAY(primary_state_ids, a->state_count)
            && SAME_ARRAY(alias_sequences, (size_t) a->production_id_count * a->max_alias_sequence_length)
            && SAME_ARRAY(field_map_slices, a->production_id_count)
            && SAME_ARRAY(external_scanner.symbol_map, a->external_token_count);
}

/* this library's compiled copy of a grammar when it is the same grammar, else the grammar itself */
static const TSLanguage *own_grammar(const TSLanguage *lang) {
    for (size_t i = 0; i < OWN_GRAMMAR_COUNT; i++) {
        const TSLanguage *own = OWN_GRAMMARS[i]();
        if (lang->abi_version >= 15 && lang->name != NULL && strcmp(own->name, lang->name) == 0) {
            return same_grammar(own, lang) ? own : lang;
        }
    }
    return lang;
}

/* whether a parser (from newParser) parses with a grammar compiled into this library (tests) */
JNIEXPORT jboolean JNICALL Java_dev_codemill_stages_analysis_syntax_NativeTrees_ownGrammar(JNIEnv *env, jclass cls, jlong parser) {
    (void) env;
    (void) cls;
    const TSLanguage *lang = ts_parser_language((TSParser *) (intptr_t) parser);
    for (size_t i = 0; i < OWN_GRAMMAR_COUNT; i++) {
        if (lang == OWN_GRAMMARS[i]()) {
            return JNI_TRUE;
        }
    }
    return JNI_FALSE;
}

/* a parser of this library's runtime for a binding's TSLanguage*; 0 when the grammar's ABI is not supported */
JNIEXPORT jlong JNICALL Java_dev_codemill_stages_analysis_syntax_NativeTrees_newParser(JNIEnv *env, jclass cls, jlong language) {
    (void) env;
    (void) cls;
    const TSLanguage *lang = (const TSLanguage *) (intptr_t) language;
    if (lang == NULL) {
        return 0;
    }
    uint32_t abi = ts_language_abi_version(lang);
    if (abi < TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION || abi > TREE_SITTER_LANGUAGE_VERSION) {
        return 0;
    }
    lang = own_grammar(lang);
    TSParser *p = ts_parser_new();
    if (p == NULL) {
        return 0;
    }
    if (!ts_parser_set_language(p, lang)) {
        ts_parser_delete(p);
        return 0;
    }
    return (jlong) (intptr_t) p;
}

JNIEXPORT void JNICALL Java_dev_codemill_stages_analysis_syntax_NativeTrees_deleteParser(JNIEnv *env, jclass cls, jlong parser) {
    (void) env;
    (void) cls;
    if (parser != 0) {
        ts_parser_delete((TSParser *) (intptr_t) parser);
    }
}

typedef struct {
    const char *bytes;
    uint32_t length;
} Source;

static const char *read_source(void *payload, uint32_t offset, TSPoint position, uint32_t *read) {
    (void) position;
    Source *s = payload;
    if (offset >= s->length) {
        *read = 0;
        return "";
    }
    *read = s->length - offset;
    return s->bytes + offset;
}

typedef struct {
    int64_t deadline; /* thread CPU nanoseconds; 0: none */
    int fired;
} Budget;

static int64_t cpu_nanos(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (int64_t) t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* called by the parser every 100 operations; true halts the parse */
static bool over_budget(TSParseState *state) {
    Budget *b = state->payload;
    if (b->deadline != 0 && cpu_nanos() > b->deadline) {
        b->fired = 1;
        return true;
    }
    return false;
}

typedef struct {
    jint *data;
    size_t size;
    size_t cap;
} Ints;

static int ints_reserve(Ints *a, size_t more) {
    if (a->size + more <= a->cap) {
        return 1;
    }
    size_t cap = a->cap == 0 ? (a->size + more > 4096 ? a->size + more : 4096) : a->cap;
    while (cap < a->size + more) {
        cap *= 2;
    }
    jint *d = realloc(a->data, cap * sizeof(jint));
    if (d == NULL) {
        return 0;
    }
    a->data = d;
    a->cap = cap;
    return 1;
}

/*
 * The tree's visible nodes in pre-order, read straight from the runtime's subtrees (the
 * runtime is compiled into this library, so its internal headers are ours to use): the same
 * nodes, symbols, offsets, fields and flags as a TSTreeCursor walk (goto_first_child /
 * goto_next_sibling / goto_parent with ts_tree_cursor_current_node and
 * ts_tree_cursor_current_field_id, which NodeRecords.walk does through the binding and
 * NativeTreesRealCorpusTest compares on real files), without rebuilding a TSNode, the alias
 * lookup and the field-map scan up the cursor stack for every node. Rules, as in tree_cursor.c:
 * a child is visible when its subtree is, or when it is not extra and its parent's production
 * aliases it; a hidden child is descended into when it has visible children (visible_child_count);
 * a node's symbol is its alias or else its subtree's symbol, mapped to the public symbol; its field
 * is the first non-inherited field-map entry of its parent's production at its structural child
 * index, else (when not found) its hidden ancestor's, up to the first visible or extra ancestor.
 */
typedef struct {
    Subtree subtree;
    const TSSymbol *aliases;    /* the production's alias sequence, or NULL */
    uint32_t child;             /* next child to visit */
    uint32_t structural;        /* structural index of that child (extras do not count) */
    uint32_t position;          /* start byte of that child */
    uint32_t index_in_parent;   /* this entry's structural child index in its parent */
    jint node;                  /* record index of this entry, or of its nearest visible ancestor when hidden */
    uint8_t visible;
    uint8_t extra;
} Frame;

typedef struct {
    Frame *data;
    size_t size;
    size_t cap;
} Frames;

static Frame *frames_push(Frames *f) {
    if (f->size == f->cap) {
        size_t cap = f->cap == 0 ? 64 : f->cap * 2;
        Frame *d = realloc(f->data, cap * sizeof(Frame));
        if (d == NULL) {
            return NULL;
        }
        f->data = d;
        f->cap = cap;
    }
    return &f->data[f->size++];
}

/* field id of a child at structural index sci of frames[top] (the child itself not pushed), as ts_tree_cursor_current_field_id */
static TSFieldId field_of(const TSLanguage *lang, const Frames *f, size_t top, uint32_t sci, int extra) {
    if (lang->field_count == 0) {
        return 0;
    }
    size_t parent = top;
    for (;;) {
        if (extra) {
            return 0;
        }
        const TSFieldMapEntry *map, *end;
        ts_language_field_map(lang, f->data[parent].subtree.ptr->production_id, &map, &end);
        for (; map < end; map++) {
            if (!map->inherited && map->child_index == sci) {
                return map->field_id;
            }
        }
        /* go up one: the entry is now frames[parent]; stop at the root, a visible or an extra entry */
        if (parent == 0 || f->data[parent].visible) {
            return 0;
        }
        extra = f->data[parent].extra;
        sci = f->data[parent].index_in_parent;
        parent--;
    }
}

/* 0 on out of memory */
static int walk(TSTree *tree, jint maxNodes, Ints *out, int *truncated) {
    const TSLanguage *lang = tree->language;
    Subtree root = tree->root;
    int anyError = ts_subtree_error_cost(root) > 0;
    Frames frames = {0};
    jint n = 0;
    /* the node count as the runtime summarised it (a hint only: room is still checked per node) */
    size_t hint = (size_t) ts_subtree_visible_descendant_count(root) + 1;
    int ok = ints_reserve(out, STRIDE * (hint < (size_t) maxNodes ? hint : (size_t) maxNodes));
    Frame *fr = ok ? frames_push(&frames) : NULL;
    if (fr == NULL) {
        free(frames.data);
        return 0;
    }
    {
        uint32_t start = ts_subtree_padding(root).bytes;
        TSSymbol sym = ts_language_public_symbol(lang, ts_subtree_symbol(root));
        jint *r = out->data + out->size;
        r[0] = sym;
        r[1] = (jint) start;
        r[2] = (jint) (start + ts_subtree_size(root).bytes);
        r[3] = -1;
        r[4] = 0;
        r[5] = (sym == SYM_ERROR ? FLAG_ERROR : 0) | (anyError && ts_subtree_missing(root) ? FLAG_MISSING : 0);
        out->size += STRIDE;
        n = 1;
        *fr = (Frame) {root, ts_subtree_child_count(root) > 0 ? ts_language_alias_sequence(lang, root.ptr->production_id) : NULL,
                       0, 0, start, 0, 0, 1, 0};
    }
    while (frames.size > 0) {
        size_t top = frames.size - 1;
        Frame *p = &frames.data[top];
        uint32_t count = ts_subtree_child_count(p->subtree);
        if (p->child >= count) {
            frames.size--;
            continue;
        }
        const Subtree *children = ts_subtree_children(p->subtree);
        Subtree c = children[p->child];
        uint32_t position = p->position;
        uint32_t sci = p->structural;
        int extra = ts_subtree_extra(c);
        TSSymbol alias = 0;
        if (!extra) {
            if (p->aliases) {
                alias = p->aliases[sci];
            }
            p->structural++;
        }
        int visible = ts_subtree_visible(c) || alias != 0;
        p->child++;
        p->position += ts_subtree_size(c).bytes;
        if (p->child < count) {
            p->position += ts_subtree_padding(children[p->child]).bytes;
        }
        jint parentNode = p->node;
        jint me = parentNode;
        if (visible) {
            if (n >= maxNodes) {
                *truncated = 1;
                break;
            }
            if (!ints_reserve(out, STRIDE)) {
                ok = 0;
                break;
            }
            TSSymbol sym = ts_language_public_symbol(lang, alias != 0 ? alias : ts_subtree_symbol(c));
            jint *r = out->data + out->size;
            r[0] = sym;
            r[1] = (jint) position;
            r[2] = (jint) (position + ts_subtree_size(c).bytes);
            r[3] = parentNode;
            r[4] = field_of(lang, &frames, top, sci, extra);
            r[5] = (sym == SYM_ERROR ? FLAG_ERROR : 0) | (anyError && ts_subtree_missing(c) ? FLAG_MISSING : 0);
            out->size += STRIDE;
            me = n++;
        } else if (ts_subtree_visible_child_count(c) == 0) {
            continue;
        }
        if (ts_subtree_child_count(c) > 0) {
            Frame *f = frames_push(&frames);
            if (f == NULL) {
                ok = 0;
                break;
            }
            *f = (Frame) {c, ts_language_alias_sequence(lang, c.ptr->production_id), 0, 0, position, sci, me,
                          (uint8_t) visible, (uint8_t) extra};
        }
    }
    free(frames.data);
    return ok;
}

/*
 * Parses text with the parser (from newParser) and returns {status, nodeCount, node records...};
 * maxNodes 0 parses only (no records); budgetNanos 0: no budget, else the parse halts after that
 * much CPU time of this thread (status TIMED_OUT).
 */
JNIEXPORT jintArray JNICALL Java_dev_codemill_stages_analysis_syntax_NativeTrees_parseExport(
        JNIEnv *env, jclass cls, jlong parser, jbyteArray text, jint maxNodes, jlong budgetNanos) {
    (void) cls;
    jsize length = (*env)->GetArrayLength(env, text);
    char *bytes = malloc(length > 0 ? (size_t) length : 1);
    if (bytes == NULL) {
        (*env)->ThrowNew(env, (*env)->FindClass(env, "java/lang/OutOfMemoryError"), "syntax export: text buffer");
        return NULL;
    }
    (*env)->GetByteArrayRegion(env, text, 0, length, (jbyte *) bytes);
    Source source = {bytes, (uint32_t) length};
    Budget budget = {budgetNanos > 0 ? cpu_nanos() + budgetNanos : 0, 0};
    TSInput input = {&source, read_source, TSInputEncodingUTF8, NULL};
    TSParseOptions options = {&budget, budgetNanos > 0 ? over_budget : NULL};
    TSParser *p = (TSParser *) (intptr_t) parser;
    TSTree *tree = ts_parser_parse_with_options(p, NULL, input, options);
    Ints out = {0};
    jint status = STATUS_COMPLETE;
    int ok = 1;
    if (tree == NULL) {
        ts_parser_reset(p);
        status = budget.fired ? STATUS_TIMED_OUT : STATUS_FAILED;
    } else {
        if (maxNodes > 0) {
            int truncated = 0;
            ok = walk(tree, maxNodes, &out, &truncated);
            status = truncated ? STATUS_TRUNCATED : STATUS_COMPLETE;
        }
        ts_tree_delete(tree);
    }
    free(bytes);
    if (!ok) {
        free(out.data);
        (*env)->ThrowNew(env, (*env)->FindClass(env, "java/lang/OutOfMemoryError"), "syntax export: node records");
        return NULL;
    }
    jsize total = (jsize) (HEADER + out.size);
    jintArray result = (*env)->NewIntArray(env, total);
    if (result != NULL) {
        jint header[HEADER] = {status, (jint) (out.size / STRIDE)};
        (*env)->SetIntArrayRegion(env, result, 0, HEADER, header);
        if (out.size > 0) {
            (*env)->SetIntArrayRegion(env, result, HEADER, (jsize) out.size, out.data);
        }
    }
    free(out.data);
    return result;
}
