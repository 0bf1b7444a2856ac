// C translation units: a header that tests __cplusplus is meant for C and
// C++ code alike (usually a library's public header, whose layout programs
// outside this build share): no fix-it, even with FixRecordsInHeaders, unless
// FixCLinkageRecords allows it. Records of the main file are fixed as usual.
//
// RUN: %check_fe %s --fix --check-prefixes=CHECK-MESSAGES,HEADERS --config="{HeaderFilterRegex: '.*', CheckOptions: {tightfit-padded-record.FixRecordsInHeaders: true}}" -- -std=c11 --target=x86_64-linux-gnu
// RUN: %check_fe %s --fix --check-prefixes=CHECK-MESSAGES,CLINKAGE --config="{HeaderFilterRegex: '.*', CheckOptions: {tightfit-padded-record.FixRecordsInHeaders: true, tightfit-padded-record.FixCLinkageRecords: true}}" -- -std=c11 --target=x86_64-linux-gnu
//
// Both records: a@0 (7) b@8 c@16 (7) -> 24; {a, c, b}: a@0 c@1 b@8 -> 16.

#include "Inputs/padded-record/c-header.h"
// CHECK-MESSAGES: c-header.h:5:8: warning: 'struct SharedWithC' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// HEADERS: c-header.h:5:8: note: no fix-it: C and C++ code may share this layout (its file tests __cplusplus; the option FixCLinkageRecords allows it)
// CLINKAGE-NOT: c-header.h:5:8: note: no fix-it

struct local {
  char a;
  double b;
  char c;
};
// CHECK-MESSAGES: :[[@LINE-5]]:8: warning: 'struct local' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
struct local l = {'a', 1.0, 'c'};
// CHECK-FIXES: struct local l = {'a', 'c', 1.0};
