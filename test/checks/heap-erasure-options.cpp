// REQUIRES: stdlib-x86_64
// Defaults: the TU's library (libstdc++ 12), copies reported, in-place
// values not.
// RUN: %check_fe %s --plugin-mode=syntax-only --check-prefixes=DEFAULT -- -std=c++20 --target=x86_64-linux-gnu
// Libraries: judge for another library than the TU's, or for several (one
// warning per place: the other libraries' verdicts follow as notes).
// RUN: %check_fe %s --plugin-mode=syntax-only --check-prefixes=LIBCXX \
// RUN:   --config="{CheckOptions: {tightfit-heap-erasure.Libraries: 'libc++'}}" -- -std=c++20 --target=x86_64-linux-gnu
// RUN: %check_fe %s --plugin-mode=syntax-only --check-prefixes=BOTH \
// RUN:   --config="{CheckOptions: {tightfit-heap-erasure.Libraries: 'libstdc++;msvc'}}" -- -std=c++20 --target=x86_64-linux-gnu
// Wrappers: a type-erasing wrapper of another library, with its own rule.
// RUN: %check_fe %s --plugin-mode=syntax-only --check-prefixes=DEFAULT,WRAP \
// RUN:   --config="{CheckOptions: {tightfit-heap-erasure.Wrappers: 'absl::AnyInvocable=16,8,nothrow-move'}}" -- -std=c++20 --target=x86_64-linux-gnu
// FunctionRefType: the type the remedy for a parameter that is only called names.
// RUN: %check_fe %s --plugin-mode=syntax-only --check-prefixes=REF \
// RUN:   --config="{CheckOptions: {tightfit-heap-erasure.FunctionRefType: 'llvm::function_ref'}}" -- -std=c++20 --target=x86_64-linux-gnu
// ReportCopies: false.
// RUN: %check_fe %s --plugin-mode=syntax-only --check-prefixes=NOCOPY \
// RUN:   --config="{CheckOptions: {tightfit-heap-erasure.ReportCopies: false}}" -- -std=c++20 --target=x86_64-linux-gnu
// ReportInPlace: true, an audit of every decision.
// RUN: %check_fe %s --plugin-mode=syntax-only --check-prefixes=INPLACE \
// RUN:   --config="{CheckOptions: {tightfit-heap-erasure.ReportInPlace: true}}" -- -std=c++20 --target=x86_64-linux-gnu
#include <functional>

namespace absl {
template <class> class AnyInvocable;
template <class R, class... A> class AnyInvocable<R(A...)> {
public:
  AnyInvocable() noexcept;
  AnyInvocable(AnyInvocable &&) noexcept;
  template <class F> AnyInvocable(F &&f) {}
  ~AnyInvocable();
};
} // namespace absl

void *P;
template <class... T> void use(const T &...) {}

void forEach(const std::function<void(int)> &cb) { cb(1); }

void sites() {
  void *a = P, *b = P, *c = P, *d = P, *e = P, *f = P, *g = P;
  // 24 bytes: heap in libstdc++; in place in libc++ (8 + 24 = 32) and MSVC.
  std::function<void()> three = [a, b, c] { use(a, b, c); };
  // DEFAULT: :[[@LINE-1]]:33: warning: lambda (24 bytes, captures 'a', 'b', 'c') does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  // DEFAULT: :[[@LINE-2]]:33: note: std::move_only_function (C++23) stores it in place in libstdc++ (24-byte buffer) if the callback is never copied
  // BOTH: :[[@LINE-3]]:33: warning: lambda (24 bytes, captures 'a', 'b', 'c') does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  // BOTH: :[[@LINE-4]]:33: note: std::move_only_function (C++23) stores it in place in libstdc++ (24-byte buffer) if the callback is never copied
  // REF: :[[@LINE-5]]:33: warning: lambda (24 bytes, captures 'a', 'b', 'c') does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  // NOCOPY: :[[@LINE-6]]:33: warning: lambda (24 bytes, captures 'a', 'b', 'c') does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  // INPLACE: :[[@LINE-7]]:33: warning: lambda (24 bytes, captures 'a', 'b', 'c') does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  std::function<void()> copy = three;
  // DEFAULT: :[[@LINE-1]]:32: warning: copying 'three' heap-allocates: its lambda (24 bytes, captures 'a', 'b', 'c') does not fit std::function's 16-byte in-place buffer in libstdc++ [tightfit-heap-erasure]
  // BOTH: :[[@LINE-2]]:32: warning: copying 'three' heap-allocates: its lambda (24 bytes, captures 'a', 'b', 'c') does not fit std::function's 16-byte in-place buffer in libstdc++ [tightfit-heap-erasure]
  // REF: :[[@LINE-3]]:32: warning: copying 'three' heap-allocates: its lambda (24 bytes, captures 'a', 'b', 'c') does not fit std::function's 16-byte in-place buffer in libstdc++ [tightfit-heap-erasure]
  // INPLACE: :[[@LINE-4]]:32: warning: copying 'three' heap-allocates: its lambda (24 bytes, captures 'a', 'b', 'c') does not fit std::function's 16-byte in-place buffer in libstdc++ [tightfit-heap-erasure]
  // 56 bytes: heap in all three libraries; MSVC's std::move_only_function
  // holds 56 bytes.
  std::function<void()> seven = [a, b, c, d, e, f, g] { use(a, b, c, d, e, f, g); };
  // DEFAULT: :[[@LINE-1]]:33: warning: lambda (56 bytes, captures 'a', 'b', 'c' and 4 more) does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  // DEFAULT: :[[@LINE-2]]:33: note: capture less: the lambda's 7 captures take 56 bytes; one pointer to a struct that holds them fits
  // LIBCXX: :[[@LINE-3]]:33: warning: lambda (56 bytes, captures 'a', 'b', 'c' and 4 more) does not fit std::function's 24-byte in-place buffer in libc++; each construction heap-allocates [tightfit-heap-erasure]
  // LIBCXX: :[[@LINE-4]]:33: note: capture less: the lambda's 7 captures take 56 bytes; one pointer to a struct that holds them fits
  // BOTH: :[[@LINE-5]]:33: warning: lambda (56 bytes, captures 'a', 'b', 'c' and 4 more) does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  // BOTH: :[[@LINE-6]]:33: note: capture less: the lambda's 7 captures take 56 bytes; one pointer to a struct that holds them fits
  // BOTH: :[[@LINE-7]]:33: note: also lambda (56 bytes, captures 'a', 'b', 'c' and 4 more) does not fit std::function's 48-byte in-place buffer in MSVC STL; each construction heap-allocates
  // BOTH-NOT: warning: {{.*}} in MSVC STL
  // REF: :[[@LINE-9]]:33: warning: lambda (56 bytes, captures 'a', 'b', 'c' and 4 more) does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  // NOCOPY: :[[@LINE-10]]:33: warning: lambda (56 bytes, captures 'a', 'b', 'c' and 4 more) does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  // INPLACE: :[[@LINE-11]]:33: warning: lambda (56 bytes, captures 'a', 'b', 'c' and 4 more) does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  std::function<void()> small = [a] { use(a); };
  // INPLACE: :[[@LINE-1]]:33: warning: lambda (8 bytes, captures 'a') fits std::function's 16-byte in-place buffer in libstdc++; no allocation [tightfit-heap-erasure]
  forEach([a, b, c](int) { use(a, b, c); });
  // DEFAULT: :[[@LINE-1]]:11: warning: lambda (24 bytes, captures 'a', 'b', 'c') does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  // DEFAULT: :[[@LINE-36]]:46: note: 'cb' is only called in 'forEach': a template parameter or std::function_ref (C++26) takes the lambda without allocating
  // BOTH: :[[@LINE-3]]:11: warning: lambda (24 bytes, captures 'a', 'b', 'c') does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  // BOTH: :[[@LINE-38]]:46: note: 'cb' is only called in 'forEach': a template parameter or std::function_ref (C++26) takes the lambda without allocating
  // REF: :[[@LINE-5]]:11: warning: lambda (24 bytes, captures 'a', 'b', 'c') does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  // REF: :[[@LINE-40]]:46: note: 'cb' is only called in 'forEach': a template parameter or 'llvm::function_ref' takes the lambda without allocating
  // NOCOPY: :[[@LINE-7]]:11: warning: lambda (24 bytes, captures 'a', 'b', 'c') does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  // INPLACE: :[[@LINE-8]]:11: warning: lambda (24 bytes, captures 'a', 'b', 'c') does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  absl::AnyInvocable<void()> invocable = [a, b, c] { use(a, b, c); };
  // WRAP: :[[@LINE-1]]:42: warning: lambda (24 bytes, captures 'a', 'b', 'c') does not fit absl::AnyInvocable's 16-byte in-place buffer; each construction heap-allocates [tightfit-heap-erasure]
  // WRAP: :[[@LINE-2]]:42: note: capture less: the lambda's 3 captures take 24 bytes; one pointer to a struct that holds them fits
  absl::AnyInvocable<void()> fits = [a, b] { use(a, b); };
  use(copy, seven, small, invocable, fits);
}
