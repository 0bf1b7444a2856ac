// RUN: %check_fe %s -- -std=c++17 --target=x86_64-linux-gnu

// A translation unit with compile errors: the checks run on what parsed, like
// clang-tidy's (docs/robustness.md). Every front-end reports the compiler's
// errors and the findings of the declarations that are valid; a declaration
// that the compiler marked invalid is not analysed, whatever the error did to
// its layout; the standalone tool exits with 3.
//
// The valid records are the same three fields each: char (1), double (8),
// char (1) at offsets 0, 8, 16: 24 bytes with 7 + 7 bytes of padding. With
// the chars together: 0, 1, 8 -> 16 bytes, saving 8 bytes (33%).

struct BeforeTheErrors {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'BeforeTheErrors' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
  char a;
  double b;
  char c;
};

// An unknown field type makes the field, and so the record, invalid.
struct UnknownFieldType {
  char a;
  UnknownType u;
// CHECK-MESSAGES: :[[@LINE-1]]:3: error: unknown type name 'UnknownType'
  double b;
  char c;
};

// Errors inside a function body leave the declarations around it valid.
void brokenBody() {
  int x = ;
// CHECK-MESSAGES: :[[@LINE-1]]:11: error: expected expression
  struct Local {
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'Local' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
    char a;
    double b;
    char c;
  };
  Local l;
}

// A stray token at namespace scope.
int stray = 1 +;
// CHECK-MESSAGES: :[[@LINE-1]]:16: error: expected expression

// A class template instantiated with a type that does not exist: the
// instantiation never happens; one with a valid type is analysed.
template <typename T> struct Box {
// CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'Box<double>' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, value} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
  char a;
  T value;
  char c;
};
Box<NoSuchType> badBox;
// CHECK-MESSAGES: :[[@LINE-1]]:5: error: use of undeclared identifier 'NoSuchType'
Box<double> goodBox;

// A member function whose body does not parse.
struct WithBrokenMethod {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'WithBrokenMethod' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
  char a;
  double b;
  char c;
  int method() { return (a + ; }
// CHECK-MESSAGES: :[[@LINE-1]]:30: error: expected expression
};

struct AfterTheErrors {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'AfterTheErrors' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
  char a;
  double b;
  char c;
};
