// RUN: %check_fe %s -- -std=c++20 --target=x86_64-linux-gnu

// Deeply nested and deeply recursive templates: every level is a record to
// analyse, and a record's fields or bases are records of the level below. The
// analysis must neither recurse without bound nor take long.

// Wrap<...<double>> nested 100 deep. Level k (k wraps) is a char, level k-1,
// a char: level 1 is 24 bytes, level k is 16k + 8 bytes (the char at 0, the
// inner level at 8, the char after it, tail padding to 8), with 7 + 7 bytes of
// padding. With the chars together the inner level starts at 8 and the
// record ends with it: 16k bytes, 8 bytes saved at every level.
template <typename T> struct Wrap {
// CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'Wrap<double>' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, t} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-2]]:30: note: also 'Wrap<Wrap<double>>' is 40 bytes with 14 bytes of padding; ordering fields as {a, c, t} makes it 32 bytes (saves 8 bytes, 20%)
// CHECK-MESSAGES: :[[@LINE-3]]:30: note: also 'Wrap<Wrap<Wrap<double>>>' is 56 bytes with 14 bytes of padding; ordering fields as {a, c, t} makes it 48 bytes (saves 8 bytes, 14%)
// CHECK-MESSAGES-COUNT-96: :[[@LINE-4]]:30: note: also 'Wrap<{{.*}}' is {{[0-9]+}} bytes with 14 bytes of padding; ordering fields as {a, c, t} makes it {{[0-9]+}} bytes (saves 8 bytes, {{[0-9]+}}%)
// CHECK-MESSAGES: :[[@LINE-5]]:30: note: also '{{(Wrap<)+}}double{{>+}}' is 1608 bytes with 14 bytes of padding; ordering fields as {a, c, t} makes it 1600 bytes (saves 8 bytes, 0%)
  char a;
  T t;
  char c;
};
template <int N, typename T> struct Nest {
  using type = Wrap<typename Nest<N - 1, T>::type>;
};
template <typename T> struct Nest<0, T> {
  using type = T;
};
Nest<100, double>::type nested;

// An inheritance chain 300 deep. Chain<k> derives from Chain<k-1> and adds
// c, d, e (char, double, char). Chain<1>: c at 0, d at 8, e at 16, data size
// 17, 24 bytes. A base that is not POD lends its tail padding, so Chain<k>
// puts c right after the base's data (16(k-1) + 1), d at the next multiple of
// 8, e after d: data size 16k + 1, size 16k + 8, with 6 bytes of padding
// after c and 7 at the end. {c, e, d} puts e beside c and d last: 16k bytes.
template <int N> struct Chain : Chain<N - 1> {
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Chain<300>' is 4808 bytes with 13 bytes of padding; ordering fields as {c, e, d} makes it 4800 bytes (saves 8 bytes, 0%) [tightfit-padded-record]
  char c;
  double d;
  char e;
};
template <> struct Chain<0> {};
Chain<300> chain;
