// The standalone tool finds Clang's builtin headers (stddef.h) and the C++
// standard library on its own, although it is not installed beside clang.

// RUN: not %tightfit %s -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not=error

// A -resource-dir in the command is kept.
// RUN: not %tightfit %s -- -std=c++17 -resource-dir=%resource_dir 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not=error

#include <stddef.h>
#include <string>

struct UsesHeaders {
  char tag;
  size_t length;
  char flag;
};
// CHECK: cli-builtin-headers.cpp:[[@LINE-5]]:8: warning: {{.*}}'UsesHeaders'{{.*}} [tightfit-padded-record]
// CHECK: tightfit: 1 translation unit, 0 failed, 1 finding

std::string name(const UsesHeaders &) { return "record"; }
