// Records in headers are reported only when the header filter selects them,
// exactly as for clang-tidy's own checks; system headers never.
// RUN: %check_fe %s --check-prefixes=CHECK-MESSAGES,MAIN -- -std=c++17 --target=x86_64-linux-gnu -I %S/Inputs/padded-record -isystem %S/Inputs/padded-record/system
// RUN: %check_fe %s --check-prefixes=CHECK-MESSAGES,ALL --config="{HeaderFilterRegex: '.*'}" -- -std=c++17 --target=x86_64-linux-gnu -I %S/Inputs/padded-record -isystem %S/Inputs/padded-record/system

#include "user-header.h"
#include <system-header.h>

// ALL: user-header.h:2:8: warning: 'InUserHeader' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]

struct InMainFile {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'InMainFile' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
  char a;
  double b;
  char c;
};
