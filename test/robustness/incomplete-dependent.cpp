// RUN: %check_fe %s -- -std=c++20 --target=x86_64-linux-gnu

// Records without a layout: declared but never defined, or templates never
// instantiated (their fields have dependent types, sizes or alignments). No
// check may ask for their layout. Instantiations are analysed like any
// record; the ones below are char, <8-byte member>, char: 24 bytes with
// 7 + 7 bytes of padding, 16 bytes with the chars together.

// --- incomplete --------------------------------------------------------------
struct Forward;
struct Forward *pointerToForward;
extern struct Forward forwards[];
void takesForward(struct Forward *);
template <typename T> struct NeverDefined;
NeverDefined<int> *pointerToUndefinedSpecialization;

// --- dependent, never instantiated --------------------------------------------
template <typename T> struct Never {
  char a;
  T b;
  char c;
};
template <typename T> using NeverAlias = Never<T>;

template <typename T> struct Partial;
template <typename T> struct Partial<T *> {
// CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'Partial<long *>' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
  char a;
  T *b;
  char c;
};

template <typename T> struct DependentBase : T {
// CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'DependentBase<Empty>' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
  char a;
  double b;
  char c;
};

template <typename T> struct Outer {
  struct Inner {
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'Outer<double>::Inner' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
    char a;
    T b;
    char c;
  };
};

// A dependent bit-field width. Bits<20>: a in bits 0-7, b in bits 8-27 of the
// same int, c at byte 4: 8 bytes, and 36 bits cannot fit in 4: no finding.
template <int N> struct Bits {
  char a;
  int b : N;
  char c;
};

// A dependent alignment. AlignedLike<double>: a aligned to 8 at 0, b at 8,
// c at 16: 24 bytes; {a, c, b} puts c at 1 and b at 8: 16 bytes.
template <typename T> struct AlignedLike {
// CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'AlignedLike<double>' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
  alignas(T) char a;
  double b;
  char c;
};

// A local class whose field type depends on a generic lambda's parameter.
auto genericLambda = [](auto x) {
  struct Local {
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'Local' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
    char a;
    decltype(x) b;
    char c;
  };
  return Local{};
};

// Refers to another specialization of itself through a pointer only:
// instantiating one must not instantiate the next.
template <typename T> struct SelfReferencing {
// CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'SelfReferencing<int>' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, next} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
  char a;
  SelfReferencing<T *> *next;
  char c;
};

template <typename T> struct DerivedFromNever : Never<T> {
  char d;
};

// --- the instantiations --------------------------------------------------------
struct Empty {};
Partial<long *> partial;
Outer<double>::Inner inner;
Bits<20> bits;
DependentBase<Empty> dependentBase;
AlignedLike<double> alignedLike;
auto local = genericLambda(1.0);
SelfReferencing<int> selfReferencing;
