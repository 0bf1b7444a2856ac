// libc++ keeps 22 chars inline on 64-bit targets (libstdc++: 15), so the same
// 20-char literal is no heap allocation here; a 23-char one is.
//
// RUN: %check_fe %s --checks='-*,tightfit-view-parameter' --fix -- -std=c++20 -stdlib=libc++ --target=x86_64-linux-gnu
// REQUIRES: libcxx

#include <string>

static bool isFlag(const std::string &arg) {
// CHECK-MESSAGES: :[[@LINE-1]]:39: warning: parameter 'arg' is only read; taking std::string_view avoids the std::string built at 2 call sites (1 heap allocation: a literal of 23 chars) [tightfit-view-parameter]
// CHECK-FIXES: static bool isFlag(std::string_view arg) {
  return arg.size() > 1 && arg[0] == '-';
}

int useIsFlag() {
  return isFlag("--verbose-diagnostic") + isFlag("--verbose-diagnostics-x");
// CHECK-MESSAGES: :[[@LINE-1]]:17: note: std::string built here from a literal of 20 chars{{$}}
// CHECK-MESSAGES: :[[@LINE-2]]:50: note: std::string built here from a literal of 23 chars (heap allocation: libc++ keeps at most 22 chars inline)
}
