// Never a guess: a standard library tightfit does not recognise, or a version
// its rules were not checked against, gets no warning...
// RUN: %check_fe %s --expect-no-diagnostics -- -std=c++20 --target=x86_64-linux-gnu \
// RUN:   -nostdinc++ -isystem %S/Inputs/heap-erasure/unknown
// RUN: %check_fe %s --expect-no-diagnostics -- -std=c++20 --target=x86_64-linux-gnu \
// RUN:   -nostdinc++ -isystem %S/Inputs/heap-erasure/old-libstdcxx
// ...unless the Libraries option names the library to judge for.
// RUN: %check_fe %s --check-prefixes=FORCED \
// RUN:   --config="{CheckOptions: {tightfit-heap-erasure.Libraries: 'libstdc++'}}" \
// RUN:   -- -std=c++20 --target=x86_64-linux-gnu -nostdinc++ -isystem %S/Inputs/heap-erasure/unknown
#include <functional>

void *P;

void sites() {
  void *a = P, *b = P, *c = P;
  std::function<void()> three = [a, b, c] { (void)a, (void)b, (void)c; };
  // FORCED: :[[@LINE-1]]:33: warning: lambda (24 bytes, captures 'a', 'b', 'c') does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  std::function<void()> one = [a] { (void)a; };
  three();
  one();
}
