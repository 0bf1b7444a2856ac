// RUN: %check_fe %s --frontends=tidy,cli -- -std=c++20 --target=x86_64-linux-gnu
// RUN: %check_fe %s --frontends=plugin --check-prefixes=PLUGIN -- -std=c++20 --target=x86_64-linux-gnu

// Template instantiation past the compiler's depth limit (1024): an error
// that is fatal in a compiler. As in compile-errors-fatal.cpp, the clang-tidy
// module and the standalone tool go on and analyse the rest of the unit; the
// plugin reports the fatal error only.

template <int N> struct TooDeep : TooDeep<N - 1> {};
// CHECK-MESSAGES: :[[@LINE-1]]:35: error: recursive template instantiation exceeded maximum depth of 1024
// PLUGIN: :[[@LINE-2]]:35: error: recursive template instantiation exceeded maximum depth of 1024
template <> struct TooDeep<0> {};
TooDeep<1100> tooDeep;

// char, double, char: 24 bytes, 16 as {a, c, b}.
struct AfterTheLimit {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'AfterTheLimit' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
  char a;
  double b;
  char c;
};
