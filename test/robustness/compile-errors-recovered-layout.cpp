// RUN: %check_fe %s -- -std=c++17 --target=x86_64-linux-gnu
//
// For some errors clang recovers by dropping the part of a record that failed
// and keeps the record valid, so the checks would see a layout the program
// does not have:
//  - a base class that does not resolve: the base specifier is dropped, and
//    'MissingBase' is analysed as if it had no base (24 bytes), although its
//    size depends on 'NoSuchBase';
//  - an alignment that is not a power of 2: the attribute is dropped, and
//    'BadAlignment' is analysed with 'a' aligned to 1.
// tightfit does not report such records (in a unit with compile errors, a
// record whose text has more base specifiers or alignment attributes than
// the compiler kept is refused), nor records with a field or base whose type
// is an invalid record. Records of the same unit that recovery did not touch
// are reported (negatives beside positives).

struct MissingBase : NoSuchBase {
// CHECK-MESSAGES: :[[@LINE-1]]:22: error: expected class name
  char a;
  double b;
  char c;
};

struct BadAlignment {
  alignas(3) char a;
// CHECK-MESSAGES: :[[@LINE-1]]:3: error: requested alignment is not a power of 2
  double b;
  char c;
};

// An invalid record (its field's type is unknown) is not analysed, and
// neither are the records that hold it or derive from it: its size means
// nothing.
struct Invalid {
  NoSuchType t;
// CHECK-MESSAGES: :[[@LINE-1]]:3: error: unknown type name 'NoSuchType'
  char a;
};

struct HoldsInvalid {
  char a;
  Invalid inner;
  char c;
  double d;
};

struct DerivesFromInvalid : Invalid {
  char a;
  double b;
  char c;
};

// Untouched by recovery, in the same unit: reported.
// char, double, char: 0, 8, 16 -> 24 bytes, 7 + 7 padding; {a, c, b}: 0, 1,
// 8 -> 16 bytes, saves 8 (33%).
struct StillReported {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'StillReported' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
  char a;
  double b;
  char c;
};

// A valid alignment is kept, so the text agrees with the record: alignas(4)
// char at 0, double at 8, char at 16 -> 24 bytes, 14 padding; {a, c, b}: 0,
// 1, 8 -> 16 bytes.
struct GoodAlignment {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'GoodAlignment' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
  alignas(4) char a;
  double b;
  char c;
};
