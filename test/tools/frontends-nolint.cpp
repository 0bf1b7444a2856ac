// NOLINT, NOLINTNEXTLINE and NOLINTBEGIN/NOLINTEND comments silence tightfit's
// findings in all three front-ends, by check name or glob, and a comment for
// another check does not.

// RUN: %clang_tidy -load %tidy_module -checks='-*,tightfit-*' %s -- -std=c++17 2>/dev/null \
// RUN:   | FileCheck %s --implicit-check-not=warning:
// RUN: %clangxx -fplugin=%plugin -std=c++17 -fsyntax-only %s 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not=warning:
// RUN: not %tightfit %s -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not=warning:

struct Reported { char a; double b; char c; };
// CHECK: frontends-nolint.cpp:[[@LINE-1]]:8: warning: {{.*}}'Reported'{{.*}} [tightfit-padded-record]

struct SameLine { char a; double b; char c; }; // NOLINT(tightfit-padded-record)

struct AnyCheck { char a; double b; char c; }; // NOLINT

// NOLINTNEXTLINE(tightfit-*)
struct NextLine { char a; double b; char c; };

// NOLINTBEGIN(tightfit-padded-record)
struct InBlock1 { char a; double b; char c; };
struct InBlock2 { char a; double b; char c; };
// NOLINTEND(tightfit-padded-record)

struct OtherCheck { char a; double b; char c; }; // NOLINT(misc-unused-parameters)
// CHECK: frontends-nolint.cpp:[[@LINE-1]]:8: warning: {{.*}}'OtherCheck'{{.*}} [tightfit-padded-record]

int use() {
  return sizeof(Reported) + sizeof(SameLine) + sizeof(AnyCheck) + sizeof(NextLine) +
         sizeof(InBlock1) + sizeof(InBlock2) + sizeof(OtherCheck);
}
