// Fix-its in C: positional initializer lists are rewritten (omitted fields
// the new order must name get 0, or {0} for an aggregate: what static
// storage holds), `{0}` and designated lists are valid in any order and stay.
// The fixed copy must compile, and verify_layout static_asserts the sizes and
// offsets of the fixed records in it.
//
// RUN: %check_fe %s --fix -- -std=c11 --target=x86_64-linux-gnu
// RUN: %verify_layout %s --fix --target=x86_64-linux-gnu --min-verified=3 -- -std=c11

#include <stddef.h>

// kind@0 next@8 len@16 data@24 tag@32 -> 40. 20 bytes of fields need 24:
// {kind, len, tag, next, data} = 0, 2, 4, 8, 16.
struct node {
  char kind;
  struct node *next;
  short len;
  void *data;
  char tag;
};
// CHECK-MESSAGES: :[[@LINE-7]]:8: warning: 'struct node' is 40 bytes with 20 bytes of padding; ordering fields as {kind, len, tag, next, data} makes it 24 bytes (saves 16 bytes, 40%) [tightfit-padded-record]
// CHECK-FIXES:      struct node {
// CHECK-FIXES-NEXT:   char kind;
// CHECK-FIXES-NEXT:   short len;
// CHECK-FIXES-NEXT:   char tag;
// CHECK-FIXES-NEXT:   struct node *next;
// CHECK-FIXES-NEXT:   void *data;
// CHECK-FIXES-NEXT: };
struct node full = {1, NULL, 2, NULL, 3};
// CHECK-FIXES: struct node full = {1, 2, 3, NULL, NULL};
// 'tag' was omitted (zero); it now comes before 'next': it gets 0.
struct node partial = {1, NULL, 2};
// CHECK-FIXES: struct node partial = {1, 2, 0, NULL};
struct node zero = {0};
// CHECK-FIXES: struct node zero = {0};
struct node named = {.tag = 3, .kind = 1};
// CHECK-FIXES: struct node named = {.tag = 3, .kind = 1};
struct node *literal(void) { return &(struct node){4, NULL, 5, NULL, 6}; }
// CHECK-FIXES: struct node *literal(void) { return &(struct node){4, 5, 6, NULL, NULL}; }

// A typedef of an unnamed struct: a@0 (7) b@8 c@16 -> 24; {a, c, b} -> 16.
typedef struct {
  char a;
  double b;
  char c;
} pair_t;
// CHECK-MESSAGES: :[[@LINE-5]]:9: warning: 'pair_t' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-6]]:9: note: instances: array 'pairs' of 2, array 'flat' of 2
pair_t pairs[2] = {{1, 2.0, 3}, {4, 5.0, 6}};
// CHECK-FIXES: pair_t pairs[2] = {{[{][{]}}1, 3, 2.0}, {4, 6, 5.0}};
pair_t flat[2] = {1, 2.0, 3, 4, 5.0, 6};
// CHECK-FIXES: pair_t flat[2] = {1, 3, 2.0, 4, 6, 5.0};

// An aggregate the list must now name gets {0}: a@0 (7) d@8 in@16 b@24 -> 32;
// 18 bytes need 24: {a, in, b, d} = 0, 4, 12, 16 moves only 'd'.
struct pair_of_ints {
  int x, y;
};
struct holder {
  char a;
  double d;
  struct pair_of_ints in;
  char b;
};
// CHECK-MESSAGES: :[[@LINE-6]]:8: warning: 'struct holder' is 32 bytes with 14 bytes of padding; ordering fields as {a, in, b, d} makes it 24 bytes (saves 8 bytes, 25%) [tightfit-padded-record]
struct holder h = {1, 2.0};
// CHECK-FIXES: struct holder h = {1, {0}, 0, 2.0};

// A comment after a field that runs over more lines (zlib's gz_header) moves
// with its field. done@0 (4) stamp@8 crc@16 (4) -> 24; {done, crc, stamp}:
// done@0 crc@4 stamp@8 -> 16. The moved run's comments stay at column 17
// (the longest code, 'double stamp;', plus the input's one space).
struct header {
  int    done;  /* true when done reading (not used
                   when writing) */
  double stamp; /* the time */
  int    crc;   /* a crc of the header */
};
// CHECK-MESSAGES: :[[@LINE-6]]:8: warning: 'struct header' is 24 bytes with 8 bytes of padding; ordering fields as {done, crc, stamp} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-FIXES:      struct header {
// CHECK-FIXES-NEXT:   int    done;  /* true when done reading (not used
// CHECK-FIXES-NEXT:                    when writing) */
// CHECK-FIXES-NEXT:   int    crc;   /* a crc of the header */
// CHECK-FIXES-NEXT:   double stamp; /* the time */
// CHECK-FIXES-NEXT: };
struct header hdr = {1, 2.0, 3};
// CHECK-FIXES: struct header hdr = {1, 3, 2.0};
