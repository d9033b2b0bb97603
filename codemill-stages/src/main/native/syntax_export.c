/*
 * One native call per syntax tree: parse UTF-8 bytes with the tree-sitter runtime vendored in
 * tree-sitter/ (compiled at -O2 into this library, its symbols kept local by exports.map) and a
 * grammar (TSLanguage) of the io.github.bonede binding, walk the tree inside C and return it as
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
    size_t cap = a->cap == 0 ? 4096 : a->cap;
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

/* pre-order walk with a cursor (iterative: depth costs heap, not stack); 0 on out of memory */
static int walk(TSTree *tree, jint maxNodes, Ints *out, int *truncated) {
    TSNode root = ts_tree_root_node(tree);
    int anyError = ts_node_has_error(root);
    TSTreeCursor cursor = ts_tree_cursor_new(root);
    Ints parents = {0};
    int ok = ints_reserve(&parents, 64);
    jint depth = 0;
    jint n = 0;
    if (ok) {
        parents.data[0] = -1;
    }
    while (ok) {
        if (!ints_reserve(out, STRIDE)) {
            ok = 0;
            break;
        }
        TSNode node = ts_tree_cursor_current_node(&cursor);
        TSSymbol sym = ts_node_symbol(node);
        jint *r = out->data + out->size;
        r[0] = sym;
        r[1] = (jint) ts_node_start_byte(node);
        r[2] = (jint) ts_node_end_byte(node);
        r[3] = parents.data[depth];
        r[4] = ts_tree_cursor_current_field_id(&cursor);
        r[5] = (sym == SYM_ERROR ? FLAG_ERROR : 0) | (anyError && ts_node_is_missing(node) ? FLAG_MISSING : 0);
        out->size += STRIDE;
        jint me = n++;
        if (ts_tree_cursor_goto_first_child(&cursor)) {
            depth++;
            parents.size = (size_t) depth;
            if (!ints_reserve(&parents, 1)) {
                ok = 0;
                break;
            }
            parents.data[depth] = me;
        } else {
            int moved = 0;
            while (!moved) {
                if (ts_tree_cursor_goto_next_sibling(&cursor)) {
                    moved = 1;
                } else if (ts_tree_cursor_goto_parent(&cursor)) {
                    depth--;
                } else {
                    break;
                }
            }
            if (!moved) {
                break;
            }
        }
        if (n >= maxNodes) {
            *truncated = 1;
            break;
        }
    }
    ts_tree_cursor_delete(&cursor);
    free(parents.data);
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
