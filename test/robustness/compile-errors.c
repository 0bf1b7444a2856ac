// RUN: %check_fe %s -- -std=c11 --target=x86_64-linux-gnu

// C with compile errors: as in compile-errors.cpp, the checks run on what
// parsed, invalid records are skipped, valid ones reported (char, double,
// char: 24 bytes with 7 + 7 bytes of padding, 16 bytes as {a, c, b}).

// Wider than its type is an error in C (C++ only warns).
struct TooWideBitField {
  char a;
  int bits : 40;
// CHECK-MESSAGES: :[[@LINE-1]]:7: error: width of bit-field 'bits' (40 bits) exceeds the width of its type (32 bits)
  double b;
  char c;
};

// size_t without <stddef.h>.
struct UnknownType {
  char a;
  size_t n;
// CHECK-MESSAGES: :[[@LINE-1]]:3: error: unknown type name 'size_t'
  double b;
  char c;
};

struct FlexibleArrayInTheMiddle {
  char a;
  int flex[];
// CHECK-MESSAGES: :[[@LINE-1]]:7: error: flexible array member 'flex' with type 'int[]' is not at the end of struct
  double b;
};

struct Valid {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'struct Valid' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
  char a;
  double b;
  char c;
};

void returnsInVoid(void) { return 1 }
// CHECK-MESSAGES: :[[@LINE-1]]:28: error: void function 'returnsInVoid' should not return a value
// CHECK-MESSAGES: :[[@LINE-2]]:36: error: expected ';' after return statement

struct ValidAfterTheErrors {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'struct ValidAfterTheErrors' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
  char a;
  double b;
  char c;
};
