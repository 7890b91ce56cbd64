#ifndef CASE_EXPLORER_CSEARCH_H
#define CASE_EXPLORER_CSEARCH_H
#include <stddef.h>
/// glibc's memmem (vectorised), which Swift's Glibc module does not expose.
const void *ce_memmem(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length);
#endif
