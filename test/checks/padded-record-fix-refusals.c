// C records reported without a fix-it (the file must stay unchanged).
//
// RUN: %check_fe %s --fix -- -std=c11 --target=x86_64-linux-gnu
//
// Each record is {char a; double b; char c;}: a@0 (7) b@8 c@16 (7) -> 24;
// {a, c, b} -> 16.

#include <stddef.h>
#include <stdio.h>
#include <string.h>

// A designated element followed by positional ones: the positional ones
// follow 'a' in declaration order, whatever that becomes.
struct mixed {
  char a;
  double b;
  char c;
};
struct mixed m = {.a = 1, 2.0, 3};
// CHECK-MESSAGES: :[[@LINE-6]]:8: warning: 'struct mixed' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-2]]:18: note: no fix-it: an initialiser list mixes designated and positional elements here

struct wire {
  char a;
  double b;
  char c;
};
void to_bytes(const struct wire *w, unsigned char *out) { memcpy(out, w, sizeof *w); }
// CHECK-MESSAGES: :[[@LINE-6]]:8: warning: 'struct wire' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-2]]:59: note: no fix-it: 'memcpy' copies its bytes to or from another type here

struct saved {
  char a;
  double b;
  char c;
};
size_t save(const struct saved *s, FILE *f) { return fwrite(s, sizeof *s, 1, f); }
// CHECK-MESSAGES: :[[@LINE-6]]:8: warning: 'struct saved' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-2]]:54: note: no fix-it: 'fwrite' reads or writes its bytes here

struct parsed {
  char a;
  double b;
  char c;
};
const struct parsed *parse(const char *buffer) { return (const struct parsed *)buffer; }
// CHECK-MESSAGES: :[[@LINE-6]]:8: warning: 'struct parsed' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-2]]:57: note: no fix-it: a cast reinterprets its bytes here

struct offsets {
  char a;
  double b;
  char c;
};
size_t offset_of_c(void) { return offsetof(struct offsets, c); }
// CHECK-MESSAGES: :[[@LINE-6]]:8: warning: 'struct offsets' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-2]]:35: note: no fix-it: offsetof reads its layout here

// A copy between two objects of the same type does not observe the layout,
// but the _Static_assert does.
struct checked {
  char a;
  double b;
  char c;
};
void copy(struct checked *to, const struct checked *from) { memcpy(to, from, sizeof *to); }
_Static_assert(sizeof(struct checked) == 24, "layout is part of the ABI");
// CHECK-MESSAGES: :[[@LINE-7]]:8: warning: 'struct checked' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-2]]:16: note: no fix-it: its size is asserted or compared here
