// A trailing array may be indexed past its bound (the "struct hack": the
// record is allocated with room for more elements), so it stays last like a
// flexible array member -- unless -fstrict-flex-arrays says the compiler
// itself does not treat it as flexible.
// RUN: %check_fe %s --check-prefixes=CHECK-MESSAGES,PINNED -- -std=c++17 --target=x86_64-linux-gnu
// RUN: %check_fe %s --check-prefixes=CHECK-MESSAGES,STRICT -- -std=c++17 --target=x86_64-linux-gnu -fstrict-flex-arrays=3
// RUN: %verify_layout %s --target=x86_64-linux-gnu -- -std=c++17
// RUN: %verify_layout %s --target=x86_64-linux-gnu -- -std=c++17 -fstrict-flex-arrays=3

// x@0, c@8, (3), n@12, data@16, (7) -> 24. With data pinned last:
// {x, n, c, data}: x@0, n@8, c@12, data@13 -> 16. When data[1] is an ordinary
// array (-fstrict-flex-arrays=3), the order closest to the source is
// {x, c, data, n}: x@0, c@8, data@9, n@12 -> 16.
struct StructHack {
// PINNED: :[[@LINE-1]]:8: warning: 'StructHack' is 24 bytes with 10 bytes of padding; ordering fields as {x, n, c, data} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// STRICT: :[[@LINE-2]]:8: warning: 'StructHack' is 24 bytes with 10 bytes of padding; ordering fields as {x, c, data, n} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
  long long x;
  char c;
  int n;
  char data[1];
};

// A zero-length trailing array (a GNU extension) is pinned at every level
// below 3: x@0, c@8, n@12, data@16 -> 16 is already the smallest with data
// last, so nothing is reported -- except under -fstrict-flex-arrays=3, where
// data[0] takes no room and may go anywhere: still 16 bytes in every order.
struct ZeroLength {
  long long x;
  char c;
  int n;
  char data[0];
};

// An array that is not last is an ordinary field: c@0, d@8, e@32 -> 40, and
// {c, e, d} -> 32 at every level.
struct InnerArray {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'InnerArray' is 40 bytes with 14 bytes of padding; ordering fields as {c, e, d} makes it 32 bytes (saves 8 bytes, 20%) [tightfit-padded-record]
  char c;
  double d[3];
  char e;
};
