// RUN: %check_fe %s --checks='-*,tightfit-view-local-copy' --check-prefixes=CHECK-MESSAGES,SUB --fix -- -std=c++17 --target=x86_64-linux-gnu
// Before C++17 only whole copies become const references:
// RUN: %check_fe %s --checks='-*,tightfit-view-local-copy' --fix -- -std=c++14 --target=x86_64-linux-gnu
// Why each negative is one:
// RUN: env TIGHTFIT_VIEWS_EXPLAIN=1 %clang_tidy -load %tidy_module -checks='-*,tightfit-view-local-copy' %s \
// RUN:   -- -std=c++17 --target=x86_64-linux-gnu 2>&1 | FileCheck %s --check-prefix=WHY
// REQUIRES: stdlib-x86_64

#include <algorithm>
#include <cstring>
#include <string>

// ============================================================================
// Flagged: the copy is only read while its source is alive and unchanged.
// ============================================================================

static bool hasSourceExtension(const std::string &path) {
  std::string ext = path.substr(path.rfind('.') + 1);
// SUB: :[[@LINE-1]]:15: warning: 'ext' copies part of 'path', which does not change while 'ext' is in use; a std::string_view avoids the copy [tightfit-view-local-copy]
// SUB-FIXES: std::string_view ext = std::string_view(path).substr(path.rfind('.') + 1);
  return ext == "cpp" || ext == "h";
}
// WHY: view-local-copy: hasSourceExtension 'ext': finding

int countSpaces(const char *text) {
  std::string line = text;
  std::string copy = line;
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'copy' is a copy of 'line', which does not change while 'copy' is in use; a const reference avoids the copy [tightfit-view-local-copy]
// CHECK-FIXES: const std::string &copy = line;
  int n = 0;
  for (char c : copy)
    n += c == ' ';
  return n + static_cast<int>(line.size());
}
// WHY: view-local-copy: countSpaces 'line': not a copy of a variable or of its substr()
// WHY: view-local-copy: countSpaces 'copy': finding

// The source changes before the copy is made, not while it is in use.
size_t firstField(std::string record) {
  record += ",";
  std::string head = record.substr(0, record.find(','));
// SUB: :[[@LINE-1]]:15: warning: 'head' copies part of 'record', which does not change while 'head' is in use; a std::string_view avoids the copy [tightfit-view-local-copy]
// SUB-FIXES: std::string_view head = std::string_view(record).substr(0, record.find(','));
  return head.size() + record.size();
}
// WHY: view-local-copy: firstField 'head': finding

// ============================================================================
// Not flagged.
// ============================================================================

// The source changes while the copy is alive.
size_t modifiedAfter(std::string s) {
  std::string head = s.substr(0, 3);
  s.clear();
  return head.size();
}
// WHY: view-local-copy: modifiedAfter 'head': source may change while the copy is in use

// ... through an alias made before.
size_t aliased(std::string s) {
  std::string &alias = s;
  std::string head = s.substr(0, 3);
  alias.clear();
  return head.size();
}
// WHY: view-local-copy: aliased 'head': source has a mutable alias

// ... by a lambda.
size_t capturedSource(std::string s) {
  std::string head = s.substr(0, 1);
  auto clear = [&s] { s.clear(); };
  clear();
  return head.size();
}
// WHY: view-local-copy: capturedSource 'head': source captured by a lambda

// ... through another parameter that may alias it.
size_t aliasParameter(const std::string &s, std::string &out) {
  std::string head = s.substr(0, 2);
  out.clear();
  return head.size();
}
// WHY: view-local-copy: aliasParameter 'head': aliasing (mutable reference or pointer parameter)

// The copy itself is returned, modified, or needs its NUL.
std::string returned(const std::string &s) {
  std::string t = s.substr(0, 1);
  return t;
}
// WHY: view-local-copy: returned 't': use: returned
size_t modifiedCopy(const std::string &s) {
  std::string t = s;
  t += "x";
  return t.size();
}
// WHY: view-local-copy: modifiedCopy 't': use: modified
size_t needsNul(const std::string &s) {
  std::string t = s.substr(1);
  return std::strlen(t.c_str());
}
// WHY: view-local-copy: needsNul 't': use: needs NUL terminator

// The source is a member: it may change behind the function's back.
struct Holder {
  std::string name;
  size_t tail() const {
    std::string t = name.substr(1);
    return t.size();
  }
};
// WHY: view-local-copy: Holder::tail 't': not a copy of a variable or of its substr()
