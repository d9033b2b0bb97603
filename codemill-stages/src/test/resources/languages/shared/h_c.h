#ifndef POINT_H
#define POINT_H
#ifdef __cplusplus
extern "C" {
#endif
struct point { int x, y; };
int point_dist(const struct point *a, const struct point *b);
#ifdef __cplusplus
}
#endif
#endif
