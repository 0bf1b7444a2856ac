// Records whose field declarations cannot be moved one by one: fields sharing
// a declaration and fields spelled by macros. Their current size is still
// checked.
// RUN: %verify_layout %s -- -std=c++17 | FileCheck %s
// CHECK: verify_layout: {{[0-9]+}} records verified, 0 mismatches, {{[1-9][0-9]*}} not rewritable, 0 not nameable, 0 errors

#define FIELD(type, name) type name;

struct SharedDecl {
  char a, b;
  double d;
  char c;
};

struct MacroField {
  char a;
  FIELD(double, b)
  char c;
};

struct Fine {
  char a;
  double b;
  char c;
};

SharedDecl s;
MacroField m;
Fine f;
