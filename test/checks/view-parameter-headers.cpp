// A function declared in a header may be called from files this translation
// unit does not see: warning, but a fix-it only with FixHeaderDeclarations,
// and then every redeclaration (header included) is rewritten together.
//
// RUN: %check_fe %s --checks='-*,tightfit-view-parameter' --check-prefixes=CHECK-MESSAGES,NOFIX --fix \
// RUN:   -- -std=c++17 --target=x86_64-linux-gnu
// RUN: %check_fe %s --checks='-*,tightfit-view-parameter' --check-prefixes=CHECK-MESSAGES,HDR --fix \
// RUN:   --config="{CheckOptions: {tightfit-view-parameter.FixHeaderDeclarations: true}}" \
// RUN:   -- -std=c++17 --target=x86_64-linux-gnu
// REQUIRES: stdlib-x86_64

#include "Inputs/view-parameter/api.h"
// CHECK-MESSAGES: {{.*}}Inputs/view-parameter/api.h:9:40: warning: parameter 'mode' is only read; taking std::string_view avoids the std::string built at 1 call site [tightfit-view-parameter]

int parseLevel(const std::string &text) {
// CHECK-MESSAGES: :[[@LINE-1]]:35: warning: parameter 'text' is only read; it can be std::string_view [tightfit-view-parameter]
// NOFIX: :[[@LINE-2]]:35: note: no fix-it: declared in a header (callers in other files are not seen; FixHeaderDeclarations enables it)
// NOFIX-FIXES: int parseLevel(const std::string &text) {
// HDR-FIXES: int parseLevel(std::string_view text) {
  return text.empty() ? 0 : text[0] - '0';
}

// Only in this file: fixed either way.
static int level(const std::string &name) {
// CHECK-MESSAGES: :[[@LINE-1]]:37: warning: parameter 'name' is only read; taking std::string_view avoids the std::string built at 1 call site [tightfit-view-parameter]
// CHECK-FIXES: static int level(std::string_view name) {
  return static_cast<int>(name.size());
}

int useLevel() { return level("info") + isQuiet("loud"); }
// CHECK-FIXES: int useLevel() { return level("info") + isQuiet("loud"); }
