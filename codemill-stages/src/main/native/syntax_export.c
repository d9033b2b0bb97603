/*
 * One native call per syntax tree: parse UTF-8 bytes with a parser of the
 * io.github.bonede:tree-sitter binding, walk the tree inside C and return it as one int[]
 * (layout in dev.codemill.stages.analysis.syntax.NodeRecords). Built by build-native.sh at
 * Maven's process-resources; NativeTrees falls back to the pure-Java walk when this library
 * is missing or fails to initialise.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <jni.h>
#include <link.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ts_abi.h"

/*
 * Bind dlopen/dlsym/dlclose to their oldest symbol versions (libdl of glibc 2.2.5 on x86_64,
 * 2.17 on aarch64) rather than the GLIBC_2.34 ones a new build host picks, so that a library
 * built on a new distribution still loads on older ones (libdl.so.2 is kept as NEEDED).
 */
#if defined(__x86_64__) && defined(__GLIBC__)
__asm__(".symver dlopen,dlopen@GLIBC_2.2.5");
__asm__(".symver dlsym,dlsym@GLIBC_2.2.5");
__asm__(".symver dlclose,dlclose@GLIBC_2.2.5");
#elif defined(__aarch64__) && defined(__GLIBC__)
__asm__(".symver dlopen,dlopen@GLIBC_2.17");
__asm__(".symver dlsym,dlsym@GLIBC_2.17");
__asm__(".symver dlclose,dlclose@GLIBC_2.17");
#endif

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

static struct {
    ts_parser_parse_with_options_fn parse_with_options;
    ts_parser_reset_fn parser_reset;
    ts_tree_delete_fn tree_delete;
    ts_tree_root_node_fn tree_root_node;
    ts_node_bool_fn node_has_error;
    ts_node_bool_fn node_is_missing;
    ts_node_u32_fn node_start_byte;
    ts_node_u32_fn node_end_byte;
    ts_node_symbol_fn node_symbol;
    ts_tree_cursor_new_fn cursor_new;
    ts_tree_cursor_delete_fn cursor_delete;
    ts_tree_cursor_current_node_fn cursor_current_node;
    ts_tree_cursor_current_field_id_fn cursor_current_field_id;
    ts_tree_cursor_goto_fn cursor_goto_first_child;
    ts_tree_cursor_goto_fn cursor_goto_next_sibling;
    ts_tree_cursor_goto_fn cursor_goto_parent;
} ts;

static void *runtime;

/* the binding's library: the loaded object that has both its JNI entry points and the runtime */
static int find_runtime(struct dl_phdr_info *info, size_t size, void *data) {
    (void) size;
    (void) data;
    if (info->dlpi_name == NULL || info->dlpi_name[0] == '\0') {
        return 0;
    }
    void *h = dlopen(info->dlpi_name, RTLD_LAZY | RTLD_NOLOAD);
    if (h == NULL) {
        return 0;
    }
    if (dlsym(h, "Java_org_treesitter_TSParser_ts_1parser_1new") != NULL
            && dlsym(h, "ts_tree_cursor_new") != NULL) {
        runtime = h;
        return 1;
    }
    dlclose(h);
    return 0;
}

#define BIND(field, name) \
    if ((*(void **) (&ts.field) = dlsym(runtime, name)) == NULL) { return (*env)->NewStringUTF(env, "symbol " name " missing in the tree-sitter runtime"); }

/* null when ready, else why not; the binding's library must already be loaded */
JNIEXPORT jstring JNICALL Java_dev_codemill_stages_analysis_syntax_NativeTrees_init(JNIEnv *env, jclass cls) {
    (void) cls;
    if (runtime == NULL) {
        dl_iterate_phdr(find_runtime, NULL);
    }
    if (runtime == NULL) {
        return (*env)->NewStringUTF(env, "the io.github.bonede tree-sitter library is not loaded in this process");
    }
    BIND(parse_with_options, "ts_parser_parse_with_options")
    BIND(parser_reset, "ts_parser_reset")
    BIND(tree_delete, "ts_tree_delete")
    BIND(tree_root_node, "ts_tree_root_node")
    BIND(node_has_error, "ts_node_has_error")
    BIND(node_is_missing, "ts_node_is_missing")
    BIND(node_start_byte, "ts_node_start_byte")
    BIND(node_end_byte, "ts_node_end_byte")
    BIND(node_symbol, "ts_node_symbol")
    BIND(cursor_new, "ts_tree_cursor_new")
    BIND(cursor_delete, "ts_tree_cursor_delete")
    BIND(cursor_current_node, "ts_tree_cursor_current_node")
    BIND(cursor_current_field_id, "ts_tree_cursor_current_field_id")
    BIND(cursor_goto_first_child, "ts_tree_cursor_goto_first_child")
    BIND(cursor_goto_next_sibling, "ts_tree_cursor_goto_next_sibling")
    BIND(cursor_goto_parent, "ts_tree_cursor_goto_parent")
    return NULL;
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
    TSNode root = ts.tree_root_node(tree);
    int anyError = ts.node_has_error(root);
    TSTreeCursor cursor = ts.cursor_new(root);
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
        TSNode node = ts.cursor_current_node(&cursor);
        TSSymbol sym = ts.node_symbol(node);
        jint *r = out->data + out->size;
        r[0] = sym;
        r[1] = (jint) ts.node_start_byte(node);
        r[2] = (jint) ts.node_end_byte(node);
        r[3] = parents.data[depth];
        r[4] = ts.cursor_current_field_id(&cursor);
        r[5] = (sym == SYM_ERROR ? FLAG_ERROR : 0) | (anyError && ts.node_is_missing(node) ? FLAG_MISSING : 0);
        out->size += STRIDE;
        jint me = n++;
        if (ts.cursor_goto_first_child(&cursor)) {
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
                if (ts.cursor_goto_next_sibling(&cursor)) {
                    moved = 1;
                } else if (ts.cursor_goto_parent(&cursor)) {
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
    ts.cursor_delete(&cursor);
    free(parents.data);
    return ok;
}

/*
 * Parses text with the parser (a TSParser* whose language is set) and returns
 * {status, nodeCount, node records...}; maxNodes 0 parses only (no records); budgetNanos 0: no
 * budget, else the parse halts after that much CPU time of this thread (status TIMED_OUT).
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
    TSInput input = {&source, read_source, 0, NULL};
    TSParseOptions options = {&budget, over_budget};
    TSParser *p = (TSParser *) (intptr_t) parser;
    TSTree *tree = ts.parse_with_options(p, NULL, input, options);
    Ints out = {0};
    jint status = STATUS_COMPLETE;
    int ok = 1;
    if (tree == NULL) {
        ts.parser_reset(p);
        status = budget.fired ? STATUS_TIMED_OUT : STATUS_FAILED;
    } else {
        if (maxNodes > 0) {
            int truncated = 0;
            ok = walk(tree, maxNodes, &out, &truncated);
            status = truncated ? STATUS_TRUNCATED : STATUS_COMPLETE;
        }
        ts.tree_delete(tree);
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
