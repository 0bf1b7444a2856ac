// RUN: %check_fe %s -- -std=c++20 --target=x86_64-linux-gnu
// RUN: %verify_layout %s --target=x86_64-linux-gnu -- -std=c++20

// Sizes below are worked out by hand for x86_64 (SysV): char 1, short 2,
// int/float 4, long long/double/pointers 8, each aligned to its size.

// --- Plain fields: the classic case. ---------------------------------------
// flags@0, (7), id@8, len@16, (2), tag@20: 24 bytes, 9 of padding. Fields need
// 15 bytes, so 16 is optimal; moving only 'id' to the end reaches it.
struct Packet {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'Packet' is 24 bytes with 9 bytes of padding; ordering fields as {flags, len, tag, id} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
  char flags;
// CHECK-MESSAGES: :[[@LINE-1]]:8: note: 7 bytes of padding after 'flags'
  long long id;
  short len;
// CHECK-MESSAGES: :[[@LINE-1]]:9: note: 2 bytes of padding after 'len'
  int tag;
};

// Already optimal: 8 + 4 + 1 = 13, rounded to 16 whatever the order.
struct AlreadyTight {
  double d;
  int i;
  char c;
};

// Padding that no order removes: 8 + 1 needs 16 bytes at alignment 8.
struct UnavoidableTail {
  long long a;
  char b;
};

// --- Sorting by decreasing alignment is not optimal: over-aligned member. ---
// c@0 (align 16), (7), d@8, i@16: 20 -> 32. Sorted by alignment (c, d, i) is
// the same 32; {c, i, d} puts i into c's 16-byte slot: c@0, i@4, d@8 -> 16.
struct OverAligned {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'OverAligned' is 32 bytes with 19 bytes of padding; ordering fields as {c, i, d} makes it 16 bytes (saves 16 bytes, 50%) [tightfit-padded-record]
  alignas(16) char c;
// CHECK-MESSAGES: :[[@LINE-1]]:20: note: 7 bytes of padding after 'c'
  double d;
  int i;
};
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: 12 bytes of tail padding

// --- Bit-fields share bytes with chars; a run moves as a unit. --------------
// x:4 in byte 0 (storage unit unsigned, align 4), (1), s@2, c@4: 5 -> 8.
// Sorting by alignment keeps {x, s, c} (the run is 4-aligned): still 8.
// {x, c, s}: x in byte 0, c@1, s@2 -> 4.
struct BitShare {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'BitShare' is 8 bytes with 4 bytes of padding; ordering fields as {x, c, s} makes it 4 bytes (saves 4 bytes, 50%) [tightfit-padded-record]
  unsigned x : 4;
// CHECK-MESSAGES: :[[@LINE-1]]:12: note: 1 byte of padding after 'x'
  short s;
  char c;
};
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: 3 bytes of tail padding

// a@0, (7), l@8, x,y in byte 16, b@17: 18 -> 24. {a, x, y, b, l}: a@0, x and
// y in byte 1 (same unsigned storage unit as a), b@2, l@8 -> 16.
struct BitRun {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'BitRun' is 24 bytes with 13 bytes of padding; ordering fields as {a, x, y, b, l} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
  char a;
  long long l;
  unsigned x : 3;
  unsigned y : 5;
  char b;
};

// A zero-width bit-field stays with its run: no order saves anything here.
// a:3 at bit 0, :0 aligns to 4, b:3 at byte 4, c@5: 6 -> 8. Minimum: 8.
struct ZeroWidth {
  int a : 3;
  int : 0;
  int b : 3;
  char c;
};

// --- Non-POD base: the ABI reuses its tail padding. --------------------------
// NonPod: x@0, c@4; data size 5, sizeof 8. Not POD, so Derived's fields may
// start at 5: currently y@8, d@12 -> 16. {d, y}: d@5, y@8 -> 12. Sorting by
// alignment ({y, d}) stays at 16.
struct NonPod {
  int x;
  char c;
  NonPod() {}
};
struct Derived : NonPod {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'Derived' is 16 bytes with 6 bytes of padding; ordering fields as {d, y} makes it 12 bytes (saves 4 bytes, 25%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-2]]:18: note: 3 bytes of padding after the base 'NonPod'
  int y;
  char d;
};
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: 3 bytes of tail padding

// A POD base's tail padding is not reused: PodBase is 8 bytes whatever follows,
// and 8 + 4 + 1 -> 16 in every order.
struct PodBase {
  int x;
  char c;
};
struct DerivedFromPod : PodBase {
  int y;
  char d;
};

// --- [[no_unique_address]] member with tail padding. -------------------------
// c@0, (1), s@2, n@4 (occupies its 5 data bytes), sizeof = 4 + 8 -> 12.
// Sorting by alignment gives {n, s, c}: n@0, s@6, c@8 -> 12. {n, c, s}: n@0,
// c@5, s@6 -> 8.
struct Overlapping {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'Overlapping' is 12 bytes with 4 bytes of padding; ordering fields as {n, c, s} makes it 8 bytes (saves 4 bytes, 33%) [tightfit-padded-record]
  char c;
  short s;
  [[no_unique_address]] NonPod n;
};

// An empty [[no_unique_address]] member takes no room wherever it is.
struct EmptyTag {};
struct WithEmptyMember {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'WithEmptyMember' is 12 bytes with 6 bytes of padding; ordering fields as {a, tag, c, b} makes it 8 bytes (saves 4 bytes, 33%) [tightfit-padded-record]
  char a;
  [[no_unique_address]] EmptyTag tag;
  int b;
  char c;
};

// --- The vtable pointer and bases stay first. --------------------------------
// vptr@0, a@8, (7), b@16, c@24 -> 32. {a, c, b}: a@8, c@9, b@16 -> 24.
struct Dynamic {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'Dynamic' is 32 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 24 bytes (saves 8 bytes, 25%) [tightfit-padded-record]
  virtual ~Dynamic();
  char a;
  long long b;
  char c;
};

// An empty base at offset 0 is no obstacle: a@0, b@4, c@8 -> 12; {a, c, b} -> 8.
struct EmptyBase {};
struct OnEmptyBase : EmptyBase {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'OnEmptyBase' is 12 bytes with 6 bytes of padding; ordering fields as {a, c, b} makes it 8 bytes (saves 4 bytes, 33%) [tightfit-padded-record]
  char a;
  int b;
  char c;
};

// Two empty subobjects of one type may not share an address: Clang moves 'e'
// off offset 0, a rule tightfit does not model, so it says nothing.
struct CollidingEmpty : EmptyBase {
  EmptyBase e;
  char a;
  int b;
  char c;
};

// Virtual bases are laid out after the fields: not modelled, not reported.
struct VirtualBase : virtual EmptyBase {
  char a;
  long long b;
  char c;
};

// --- Flexible array members stay last. ---------------------------------------
// c@0, (7), n@8, k@16, data@20: 24. {c, k, n, data}: c@0, k@4, n@8, data@16 -> 16.
struct Flexible {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'Flexible' is 24 bytes with 11 bytes of padding; ordering fields as {c, k, n, data} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
  char c;
  long long n;
  int k;
  char data[];
};

// --- Anonymous members and nested records move as a whole. -------------------
// a@0, union@4, b@8, s@16 (16 bytes), z@32 -> 40. Fields need 1+4+1+16+1 = 23,
// so 24 is optimal: the three chars together, then the union, then s.
struct WithAnonymous {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'WithAnonymous' is 40 bytes with 17 bytes of padding; ordering fields as {a, b, z, (anonymous union), s} makes it 24 bytes (saves 16 bytes, 40%) [tightfit-padded-record]
  char a;
  union {
    int i;
    float f;
  };
  char b;
  struct {
    char x;
    double y;
  } s;
  char z;
};

// The nested record is reported on its own; the outer one has nothing to gain
// (in@0 is 12 bytes, z@12 -> 16, and 13 bytes at alignment 4 need 16).
struct Outer {
  struct Inner {
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'Outer::Inner' is 12 bytes with 6 bytes of padding; ordering fields as {a, c, b} makes it 8 bytes (saves 4 bytes, 33%) [tightfit-padded-record]
    char a;
    int b;
    char c;
  } in;
  char z;
};

// Arrays are single fields: c@0, d@8 (24 bytes), e@32 -> 40; {c, e, d} -> 32.
struct WithArray {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'WithArray' is 40 bytes with 14 bytes of padding; ordering fields as {c, e, d} makes it 32 bytes (saves 8 bytes, 20%) [tightfit-padded-record]
  char c;
  double d[3];
  char e;
};

// --- alignas on the record. ---------------------------------------------------
// alignas(16): 12 bytes of fields -> 16, and {a, c, b} (8 bytes) still -> 16.
struct alignas(16) AlignedRecord {
  char a;
  int b;
  char c;
};
// alignas(8): 12 -> 16; {a, c, b} is 8 bytes, a multiple of 8.
struct alignas(8) AlignedRecord8 {
// CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'AlignedRecord8' is 16 bytes with 10 bytes of padding; ordering fields as {a, c, b} makes it 8 bytes (saves 8 bytes, 50%) [tightfit-padded-record]
  char a;
  int b;
  char c;
};

// --- Packing. -----------------------------------------------------------------
// #pragma pack(4) caps long long at 4: a@0, b@4, c@12 -> 16; {a, c, b} -> 12.
#pragma pack(push, 4)
struct Pack4 {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'Pack4' is 16 bytes with 6 bytes of padding; ordering fields as {a, c, b} makes it 12 bytes (saves 4 bytes, 25%) [tightfit-padded-record]
  char a;
  long long b;
  char c;
};
#pragma pack(pop)
// Fully packed records have no padding to remove.
struct __attribute__((packed)) Packed {
  char a;
  long long b;
  char c;
};
#pragma pack(push, 1)
struct Pack1 {
  char a;
  long long b;
  char c;
};
#pragma pack(pop)

// --- Unions have nothing to reorder. ------------------------------------------
union Variant {
  char c;
  long long l;
};

// --- Records spelled by macros are still reported. ----------------------------
#define DECLARE_RECORD(Name) \
  struct Name {              \
    char c1;                 \
    long long l;             \
    char c2;                 \
  }
DECLARE_RECORD(FromMacro);
// CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'FromMacro' is 24 bytes with 14 bytes of padding; ordering fields as {c1, c2, l} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]

// --- Namespaces: the qualified name is reported. ------------------------------
// version@0, (3), length@4, flags@8, (2) -> 12; {version, flags, length} -> 8.
namespace net {
struct Header {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'net::Header' is 12 bytes with 5 bytes of padding; ordering fields as {version, flags, length} makes it 8 bytes (saves 4 bytes, 33%) [tightfit-padded-record]
  char version;
  int length;
  short flags;
};
} // namespace net

// --- NOLINT is honoured. ----------------------------------------------------------
struct Suppressed { // NOLINT(tightfit-padded-record)
  char a;
  long long b;
  char c;
};

// --- Class templates: once per template, after every instantiation is known. ---
// Box<double>: tag@0, value@8, flag@16 -> 24; {tag, flag, value} -> 16.
// Box<int>: 12 -> 8. Box<char>: 3 bytes, no padding. The template itself
// (dependent) is never analysed.
template <typename T> struct Box {
  char tag;
  T value;
  char flag;
};
Box<int> IntBox;
Box<double> DoubleBox;
Box<char> CharBox;

// An explicit specialization is a record of its own.
template <> struct Box<long> {
  char tag;
  long value;
  char flag;
};

// CHECK-MESSAGES: :[[@LINE-16]]:30: warning: 'Box<double>' is 24 bytes with 14 bytes of padding; ordering fields as {tag, flag, value} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-17]]:30: note: also 'Box<int>' is 12 bytes with 6 bytes of padding; ordering fields as {tag, flag, value} makes it 8 bytes (saves 4 bytes, 33%)
// CHECK-MESSAGES: :[[@LINE-8]]:20: warning: 'Box<long>' is 24 bytes with 14 bytes of padding; ordering fields as {tag, flag, value} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
