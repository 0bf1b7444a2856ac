// The Targets option: each finding also says what the suggested order does on
// other targets, and the order is chosen to be the smallest on as many of
// them as possible (never larger than now where it can), among the orders as
// small as the best one on the translation unit's own target.
// verify_layout --check-targets compiles each record for every judged target
// and static_asserts the predicted sizes, before and after reordering.
//
// REQUIRES: x86-registered-target, aarch64-registered-target
// RUN: %check_fe %s --fix --config="{CheckOptions: {tightfit-padded-record.Targets: 'i686-linux-gnu;aarch64-linux-gnu;x86_64-pc-windows-msvc'}}" -- -std=c++17 --target=x86_64-linux-gnu -ffreestanding
// RUN: %verify_layout %s --check-targets --min-verified=4 --target=x86_64-linux-gnu --config="{CheckOptions: {tightfit-padded-record.Targets: 'i686-linux-gnu;aarch64-linux-gnu;x86_64-pc-windows-msvc'}}" -- -std=c++17 -ffreestanding
// The fix-its (with the order chosen for all the targets) give the promised
// sizes and offsets:
// RUN: %verify_layout %s --fix --min-verified=3 --target=x86_64-linux-gnu --config="{CheckOptions: {tightfit-padded-record.Targets: 'i686-linux-gnu;aarch64-linux-gnu;x86_64-pc-windows-msvc'}}" -- -std=c++17 -ffreestanding
// An unknown triple is a configuration error.
// RUN: %clang_tidy -load %tidy_module -checks='-*,tightfit-padded-record' --config="{CheckOptions: {tightfit-padded-record.Targets: 'no-such-target'}}" %s -- -std=c++17 -ffreestanding 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: invalid target 'no-such-target' in tightfit-padded-record.Targets: unknown target 'no-such-target'

#include <stdint.h>

// x86_64: a@0 p@8 b@16 q@24 -> 32; {a, b, p, q} = 0, 1, 8, 16 -> 24.
// i686 (4-byte pointers, long long aligned to 4): a@0 p@4 b@8 q@12 -> 20;
// in the new order a@0 b@1 p@4 q@8 -> 16, and 14 bytes need 16.
// aarch64 and Windows x64 lay it out like x86_64.
struct PtrPair {
  char a;
  void *p;
  char b;
  long long q;
};
// CHECK-MESSAGES: :[[@LINE-6]]:8: warning: 'PtrPair' is 32 bytes with 14 bytes of padding; ordering fields as {a, b, p, q} makes it 24 bytes (saves 8 bytes, 25%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-7]]:8: note: on i686-linux-gnu: 20 bytes -> 16 bytes (saves 4 bytes, the smallest there)
// CHECK-MESSAGES: :[[@LINE-8]]:8: note: on aarch64-linux-gnu: 32 bytes -> 24 bytes (saves 8 bytes, the smallest there)
// CHECK-MESSAGES: :[[@LINE-9]]:8: note: on x86_64-pc-windows-msvc: 32 bytes -> 24 bytes (saves 8 bytes, the smallest there)

// On x86_64 long double is 16 bytes aligned to 16: a@0 b@4 c@8 ld@16 d@32 ->
// 48. 1 + 4 + 1 + 16 + 4 = 26 bytes need 32, which {a, b, c, d, ld} reaches
// by moving one field (a@0 b@4 c@8 d@12 ld@16). On i686 long double is 12
// bytes aligned to 4: that order is a@0 b@4 c@8 d@12 ld@16 -> 28, while 22
// bytes need only 24. {a, c, b, d, ld} is 32 on x86_64 (a@0 c@1 b@4 d@8
// ld@16) and 24 on i686 (ld@12): the smallest on both, so it is suggested.
// On Windows x64 long double is double: a@0 b@4 c@8 ld@16 d@24 -> 32 now,
// a@0 c@1 b@4 d@8 ld@16 -> 24 in the new order (18 bytes need 24).
struct Joint {
  char a;
  int b;
  char c;
  long double ld;
  int d;
};
// CHECK-MESSAGES: :[[@LINE-7]]:8: warning: 'Joint' is 48 bytes with 22 bytes of padding; ordering fields as {a, c, b, d, ld} makes it 32 bytes (saves 16 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-8]]:8: note: on i686-linux-gnu: 28 bytes -> 24 bytes (saves 4 bytes, the smallest there)
// CHECK-MESSAGES: :[[@LINE-9]]:8: note: on aarch64-linux-gnu: 48 bytes -> 32 bytes (saves 16 bytes, the smallest there)
// CHECK-MESSAGES: :[[@LINE-10]]:8: note: on x86_64-pc-windows-msvc: 32 bytes -> 24 bytes (saves 8 bytes, the smallest there)
// CHECK-FIXES:      struct Joint {
// CHECK-FIXES-NEXT:   char a;
// CHECK-FIXES-NEXT:   char c;
// CHECK-FIXES-NEXT:   int b;
// CHECK-FIXES-NEXT:   int d;
// CHECK-FIXES-NEXT:   long double ld;
// CHECK-FIXES-NEXT: };

// long is 8 bytes on x86_64 and aarch64, 4 on i686 and Windows; int64_t is
// 8 bytes everywhere (long long on i686 and Windows, aligned to 4 on i686).
// x86_64: c@0 n@8 v@16 d@24 -> 32; {c, d, n, v} = 0, 1, 8, 16 -> 24.
// i686: c@0 n@4 v@8 d@16 -> 20; {c, d, n, v}: c@0 d@1 n@4 v@8 -> 16.
// Windows: c@0 n@4 v@8 d@16 -> 24 (v aligned to 8); new: c@0 d@1 n@4 v@8 -> 16.
struct Widths {
  char c;
  long n;
  int64_t v;
  char d;
};
// CHECK-MESSAGES: :[[@LINE-6]]:8: warning: 'Widths' is 32 bytes with 14 bytes of padding; ordering fields as {c, d, n, v} makes it 24 bytes (saves 8 bytes, 25%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-7]]:8: note: on i686-linux-gnu: 20 bytes -> 16 bytes (saves 4 bytes, the smallest there)
// CHECK-MESSAGES: :[[@LINE-8]]:8: note: on aarch64-linux-gnu: 32 bytes -> 24 bytes (saves 8 bytes, the smallest there)
// CHECK-MESSAGES: :[[@LINE-9]]:8: note: on x86_64-pc-windows-msvc: 24 bytes -> 16 bytes (saves 8 bytes, the smallest there)

// Not judged on other targets: a class with a vtable pointer (its place and
// the bases' differ between ABIs).
// x86_64: vptr@0 a@8 d@16 b@24 -> 32; {a, b, d}: a@8 b@9 d@16 -> 24.
struct Dynamic {
  virtual ~Dynamic();
  char a;
  double d;
  char b;
};
// CHECK-MESSAGES: :[[@LINE-6]]:8: warning: 'Dynamic' is 32 bytes with 14 bytes of padding; ordering fields as {a, b, d} makes it 24 bytes (saves 8 bytes, 25%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-7]]:8: note: on i686-linux-gnu: not judged (classes with virtual functions or bases are not modelled on other targets)
