// RUN: %check_fe %s -- -std=c++20 --target=x86_64-pc-windows-msvc
// RUN: %verify_layout %s --target=x86_64-pc-windows-msvc -- -std=c++20

// Microsoft's layout differs from Itanium in what matters here: bit-fields
// share a storage unit only with neighbours of the same type size, base-class
// tail padding is never reused, and the vfptr is injected in front of the
// fields after they are laid out, padded to the record's alignment.

// c1@0; a:4 opens a char unit at 1; b:4 (int) opens an int unit at 4; c2@8
// -> 12. Sorting by alignment puts the run (align 4) first: a@0, b@4, c1@8,
// c2@9 -> 12. {c1, c2, a, b}: c1@0, c2@1, a@2, b's unit at 4 -> 8. (Itanium
// packs a and b into one unit and needs only 4 bytes in any order.)
struct MixedBitFields {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'MixedBitFields' is 12 bytes with 8 bytes of padding; ordering fields as {c1, c2, a, b} makes it 8 bytes (saves 4 bytes, 33%) [tightfit-padded-record]
  char c1;
  char a : 4;
  int b : 4;
  char c2;
};

// Fields laid out first: a@0, x@16, b@20 -> 21; then the vfptr pushes them
// back by 8 rounded up to 16 -> 37 -> 48. {x, a, b}: 6 bytes + 16 -> 32.
// (Itanium places the vptr first and needs 32 in any order.)
struct VirtualAligned {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'VirtualAligned' is 48 bytes with 34 bytes of padding; ordering fields as {x, a, b} makes it 32 bytes (saves 16 bytes, 33%) [tightfit-padded-record]
  virtual void f();
  char a;
  alignas(16) int x;
  char b;
};

// Same as on x86_64 Linux: 24 -> 16.
struct Packet {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'Packet' is 24 bytes with 9 bytes of padding; ordering fields as {flags, len, tag, id} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
  char flags;
  long long id;
  short len;
  int tag;
};

// A non-POD base's tail padding is not reused under this ABI: Derived's
// fields start at 8 whatever their order, and 8 + 4 + 1 -> 16 either way.
struct NonPod {
  int x;
  char c;
  NonPod() {}
};
struct Derived : NonPod {
  int y;
  char d;
};

// Zero-width bit-fields follow rules tightfit does not model for this ABI:
// no verdict rather than a guess.
struct ZeroWidth {
  char a;
  int b : 3;
  int : 0;
  long long c;
  char d;
};
