// Ground truth for bit-fields: runs of adjacent bit-fields move as a unit.
// RUN: %verify_layout %s --min-verified=2 -- -std=c++17
// RUN: %verify_layout %s --target=x86_64-pc-windows-msvc --target=i686-pc-windows-msvc -- -std=c++17
// RUN: %verify_layout %s --fix --min-verified=6 -- -std=c++17
// RUN: %verify_layout %s --fix --target=x86_64-pc-windows-msvc --target=i686-pc-windows-msvc -- -std=c++17

struct Anchor {
  char a;
  double b;
  char c;
};

struct Flags {
  char tag;
  unsigned int ready : 1;
  unsigned int mode : 3;
  unsigned int level : 4;
  double weight;
  unsigned short extra : 4;
};

struct MixedStorage {
  unsigned char a : 4;
  long long big;
  unsigned char b : 4;
  unsigned short c : 9;
  char d;
};

struct ZeroWidth {
  char x;
  int a : 3;
  int : 0;
  int b : 3;
  double d;
  char y;
};

struct Unnamed {
  char tag;
  unsigned : 3;
  unsigned flag : 1;
  double value;
  char kind;
};

Anchor anchor;
Flags flags;
MixedStorage mixed;
ZeroWidth zw;
Unnamed un;
