#ifndef CASE_EXPLORER_CSEARCH_H
#define CASE_EXPLORER_CSEARCH_H
#include <stddef.h>
/// The leftmost occurrence of the needle in the haystack, as memmem (which Swift's Glibc module
/// does not expose); on x86-64, short needles are found with a vectorised filter.
const void *ce_memmem(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length);
#endif
