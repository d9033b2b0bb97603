/* ring.c - a fixed-size ring buffer of ints. */
#include <stddef.h>

struct ring {
    int data[16];
    size_t head, tail;
};

/* Pushes v; returns 0 when the ring is full. */
int ring_push(struct ring *r, int v)
{
    size_t next = (r->head + 1) % 16;
    if (next == r->tail)
        return 0;
    r->data[r->head] = v;
    r->head = next;
    return 1;
}

int ring_pop(struct ring *r, int *out)
{
    if (r->head == r->tail) {
        return 0;
    }
	*out = r->data[r->tail];
    r->tail = (r->tail + 1) % 16;
    return 1;
}
