#define _GNU_SOURCE
#include <string.h>
#include "csearch.h"

#if defined(__x86_64__) && defined(__SSE2__)
#include <emmintrin.h>

/* Needles longer than this go to glibc's memmem, which is linear whatever the text: the
   filter below compares the middle of every candidate, at most this many bytes each. */
#define CE_FILTER_MAX 32

/* The leftmost occurrence, found 16 positions at a time: a position is a candidate when the
   needle's first and last bytes both match there (rare in text), and only candidates are
   compared in full. glibc's memmem does not filter this way and is several times slower on
   prose (most of a query's time at 100 000 excerpts). */
const void *ce_memmem(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length) {
    const unsigned char *h = haystack, *n = needle;
    if (needle_length < 2 || needle_length > CE_FILTER_MAX || needle_length > haystack_length) {
        if (needle_length == 1) return memchr(haystack, n[0], haystack_length);
        return memmem(haystack, haystack_length, needle, needle_length);
    }
    const size_t last_start = haystack_length - needle_length;
    const __m128i first = _mm_set1_epi8((char)n[0]);
    const __m128i last = _mm_set1_epi8((char)n[needle_length - 1]);
    size_t i = 0;
    /* Every one of positions i ... i + 15 can start a match, so both loads stay in the text. */
    for (; i + 15 <= last_start; i += 16) {
        const __m128i a = _mm_loadu_si128((const __m128i *)(h + i));
        const __m128i b = _mm_loadu_si128((const __m128i *)(h + i + needle_length - 1));
        unsigned mask = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last)));
        while (mask != 0) {
            const unsigned bit = (unsigned)__builtin_ctz(mask);
            if (memcmp(h + i + bit + 1, n + 1, needle_length - 2) == 0) return h + i + bit;
            mask &= mask - 1;
        }
    }
    for (; i <= last_start; i++) {
        if (h[i] == n[0] && memcmp(h + i + 1, n + 1, needle_length - 1) == 0) return h + i;
    }
    return NULL;
}

#else

const void *ce_memmem(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length) {
    return memmem(haystack, haystack_length, needle, needle_length);
}

#endif
