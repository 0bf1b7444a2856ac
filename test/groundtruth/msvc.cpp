// Ground truth for the Microsoft record layout: vfptr placement, no reuse of a
// base's tail padding.
// RUN: %verify_layout %s --min-verified=2 --target=x86_64-pc-windows-msvc --target=i686-pc-windows-msvc -- -std=c++17

struct Anchor {
  char a;
  double b;
  char c;
};

struct Base {
  virtual ~Base();
  int id;
};

struct Derived : Base {
  char a;
  double b;
  char c;
};

struct Polymorphic {
  char kind;
  virtual void run();
  double payload;
  short code;
};

struct PlainBase {
  double d;
  char c;
};

struct FromPlain : PlainBase {
  char x;
  long long y;
  char z;
};

Anchor anchor;
Derived derived;
FromPlain fp;
