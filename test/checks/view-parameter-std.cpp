// The language standard decides what can be suggested: std::string_view needs
// C++17, std::span C++20. The small-buffer size behind "heap allocation"
// comes from the standard library the translation unit uses.
//
// RUN: %check_fe %s --checks='-*,tightfit-view-parameter' --expect-no-diagnostics -- -std=c++14 --target=x86_64-linux-gnu
// RUN: %check_fe %s --checks='-*,tightfit-view-parameter' --check-prefixes=CHECK-MESSAGES,CXX17 --fix -- -std=c++17 --target=x86_64-linux-gnu
// RUN: %check_fe %s --checks='-*,tightfit-view-parameter' --check-prefixes=CHECK-MESSAGES,CXX20 --fix -- -std=c++20 --target=x86_64-linux-gnu
// The numbers behind the message, in the standalone tool's JSON report:
// RUN: not %tightfit --format=json --checks='-*,tightfit-view-parameter' %s -- -std=c++20 --target=x86_64-linux-gnu 2>/dev/null \
// RUN:   | %validate_findings -
// RUN: not %tightfit --format=json --checks='-*,tightfit-view-parameter' %s -- -std=c++20 --target=x86_64-linux-gnu 2>/dev/null \
// RUN:   | FileCheck %s --check-prefix=JSON
// JSON:      "check": "tightfit-view-parameter",
// JSON:      "details": {
// JSON-DAG:    "byValue": false,
// JSON-DAG:    "callSites": 2,
// JSON-DAG:    "copies": 0,
// JSON-DAG:    "fixIt": true,
// JSON-DAG:    "function": "isFlag",
// JSON-DAG:    "heapAllocations": 1,
// JSON-DAG:    "library": "libstdc++",
// JSON-DAG:    "parameter": "arg",
// JSON-DAG:    "priority": "high",
// JSON-DAG:    "ssoCapacity": 15,
// JSON-DAG:    "temporaries": 2,
// JSON-DAG:    "viewType": "std::string_view"
// REQUIRES: stdlib-x86_64, jsonschema

#include <string>
#include <vector>
// CXX20-FIXES: #include <span>
// CXX20-FIXES-NEXT: #include <string>
// CXX17-FIXES-NOT: {{^}}#include <span>

// 20 chars: more than libstdc++'s 15 inline chars, fewer than libc++'s 22.
static bool isFlag(const std::string &arg) {
// CHECK-MESSAGES: :[[@LINE-1]]:39: warning: parameter 'arg' is only read; taking std::string_view avoids the std::string built at 2 call sites (1 heap allocation: a literal of 20 chars) [tightfit-view-parameter]
// CHECK-FIXES: static bool isFlag(std::string_view arg) {
  return arg.size() > 1 && arg[0] == '-';
}

int useIsFlag() { return isFlag("--verbose-diagnostic") + isFlag("-v"); }

// std::span is C++20: nothing before; the fix-it adds <span> (it is not
// included above).
static int largest(const std::vector<int> &v) {
// CXX20: :[[@LINE-1]]:44: warning: parameter 'v' is only read; it can be std::span<const int> [tightfit-view-parameter]
// CXX20-FIXES: static int largest(std::span<const int> v) {
// CXX17-FIXES: static int largest(const std::vector<int> &v) {
  int m = 0;
  for (int x : v)
    m = x > m ? x : m;
  return m;
}

// A second span in the same file: the header is added once.
static int smallest(const std::vector<int> &v) {
// CXX20: :[[@LINE-1]]:45: warning: parameter 'v' is only read; it can be std::span<const int> [tightfit-view-parameter]
// CXX20-FIXES: static int smallest(std::span<const int> v) {
  return v.empty() ? 0 : v.front();
}
