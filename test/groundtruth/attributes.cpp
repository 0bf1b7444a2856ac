// Ground truth for alignment attributes, packing pragmas and
// [[no_unique_address]]: the layout model must follow every adjustment.
// RUN: %verify_layout %s --min-verified=2 -- -std=c++20
// RUN: %verify_layout %s --fix --min-verified=10 -- -std=c++20

struct Anchor {
  char a;
  double b;
  char c;
};

struct alignas(16) OverAligned {
  char a;
  double b;
  char c;
};

struct WithAlignasMember {
  char a;
  alignas(16) float v[2];
  char b;
  double d;
};

#pragma pack(push, 4)
struct Packed4 {
  char a;
  double b;
  char c;
  int i;
};
#pragma pack(pop)

#pragma pack(push, 2)
struct Packed2 {
  char a;
  int b;
  char c;
};
#pragma pack(pop)

struct __attribute__((packed)) FullyPacked {
  char a;
  double b;
  char c;
};

struct AlignedField {
  char a;
  int b __attribute__((aligned(8)));
  char c;
};

struct Empty {};

struct WithNoUniqueAddress {
  char a;
  [[no_unique_address]] Empty e;
  double d;
  char b;
};

struct Tail {
  double d;
  char c;
  Tail() = default;
};

struct ReusesTail {
  char a;
  [[no_unique_address]] Tail t;
  char b;
};

Anchor anchor;
OverAligned over;
WithAlignasMember member;
Packed4 p4;
Packed2 p2;
FullyPacked fp;
AlignedField af;
WithNoUniqueAddress nua;
ReusesTail rt;
