// RUN: %check_fe %s -- -std=c11 --target=x86_64-linux-gnu
// RUN: %verify_layout %s --target=x86_64-linux-gnu -- -std=c11

#include <stddef.h>

// kind@0, next@8, len@16, data@24, tag@32 -> 40. 20 bytes of fields need 24;
// 'len' and 'tag' fill the hole after 'kind': two fields move.
struct node {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'struct node' is 40 bytes with 20 bytes of padding; ordering fields as {kind, len, tag, next, data} makes it 24 bytes (saves 16 bytes, 40%) [tightfit-padded-record]
  char kind;
// CHECK-MESSAGES: :[[@LINE-1]]:8: note: 7 bytes of padding after 'kind'
  struct node *next;
  short len;
// CHECK-MESSAGES: :[[@LINE-1]]:9: note: 6 bytes of padding after 'len'
  void *data;
  char tag;
};
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: 7 bytes of tail padding

// A typedef names an anonymous struct: a@0, b@8, c@16 -> 24; {a, c, b} -> 16.
typedef struct {
// CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'pair_t' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
  char a;
  double b;
  char c;
} pair_t;

// Flexible array member, already optimal: n@0, c@4, d@8, data@16 -> 16.
struct message {
  int n;
  char c;
  double d;
  char data[];
};

// Bit-fields around a char, already optimal: a in byte 0, c@1, b in byte 2 -> 4.
struct flags {
  unsigned a : 1;
  char c;
  unsigned b : 1;
};

// size_t from a system header is just a field type: c@0, n@8, d@16 -> 24.
struct sized {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'struct sized' is 24 bytes with 14 bytes of padding; ordering fields as {c, d, n} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
  char c;
  size_t n;
  char d;
};
