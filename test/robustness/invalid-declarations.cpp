// RUN: %check_fe %s -- -std=c++17 --target=x86_64-linux-gnu

// Declarations the compiler rejects. Each record below has a field the
// compiler marks invalid, which makes the record invalid: its layout means
// nothing and no check reports it. Only the compiler's errors appear.

struct Forward;
struct IncompleteMember {
  char a;
  Forward f;
// CHECK-MESSAGES: :[[@LINE-1]]:11: error: field has incomplete type 'Forward'
  double b;
  char c;
};

struct SelfMember {
  char a;
  SelfMember self;
// CHECK-MESSAGES: :[[@LINE-1]]:14: error: field has incomplete type 'SelfMember'
  double b;
  char c;
};

struct NegativeArray {
  char a;
  char arr[-1];
// CHECK-MESSAGES: :[[@LINE-1]]:12: error: 'arr' declared as an array with a negative size
  double b;
  char c;
};

struct ArrayTooLarge {
  char a;
  char big[1ULL << 62];
// CHECK-MESSAGES: :[[@LINE-1]]:12: error: array is too large (4611686018427387904 elements)
  double b;
  char c;
};

struct Redefined {
  int x;
};
struct Redefined {
// CHECK-MESSAGES: :[[@LINE-1]]:8: error: redefinition of 'Redefined'
  char a;
  double b;
  char c;
};

struct DuplicateMember {
  char a;
  double b;
  char a;
// CHECK-MESSAGES: :[[@LINE-1]]:8: error: duplicate member 'a'
};

struct VoidMember {
  char a;
  void v;
// CHECK-MESSAGES: :[[@LINE-1]]:8: error: field has incomplete type 'void'
  double b;
  char c;
};

struct NegativeBitField {
  char a;
  int bits : -1;
// CHECK-MESSAGES: :[[@LINE-1]]:7: error: bit-field 'bits' has negative width (-1)
  double b;
  char c;
};

struct FloatBitField {
  char a;
  double d : 3;
// CHECK-MESSAGES: :[[@LINE-1]]:10: error: bit-field 'd' has non-integral type 'double'
  double b;
  char c;
};

struct Abstract {
  virtual void f() = 0;
};
struct AbstractMember {
  char a;
  Abstract abs;
// CHECK-MESSAGES: :[[@LINE-1]]:12: error: field type 'Abstract' is an abstract class
  double b;
  char c;
};

union UnionWithReference {
  char a;
  int &r;
// CHECK-MESSAGES: :[[@LINE-1]]:8: error: union member 'r' has reference type 'int &'
  double d;
};

struct FlexibleArrayInTheMiddle {
  char a;
  int flex[];
// CHECK-MESSAGES: :[[@LINE-1]]:7: error: flexible array member 'flex' with type 'int[]' is not at the end of struct
  double b;
  char c;
};

// A failed static_assert inside a record leaves the record valid: its layout
// is real, and it is reported (24 -> 16 bytes, as in compile-errors.cpp).
struct FailedStaticAssert {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'FailedStaticAssert' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
  char a;
  double b;
  char c;
  static_assert(sizeof(double) == 3, "not so");
// CHECK-MESSAGES: :[[@LINE-1]]:17: error: static assertion failed due to requirement 'sizeof(double) == 3': not so
};

// Invalid specializations and instantiations of a template.
template <typename T> struct Holder {
  char a;
  T value;
  char c;
};
Holder<void> holdsVoid;
// CHECK-MESSAGES: :[[@LINE-4]]:5: error: field has incomplete type 'void'
// CHECK-MESSAGES: :[[@LINE-2]]:14: note: in instantiation of template class 'Holder<void>' requested here
Holder<Abstract> holdsAbstract;
// CHECK-MESSAGES: :[[@LINE-7]]:5: error: field type 'Abstract' is an abstract class
