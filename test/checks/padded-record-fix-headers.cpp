// Records in headers: by default the fix-it is refused, since translation
// units this run does not see may initialise the record positionally.
// FixRecordsInHeaders allows it (the initialisers of this TU are rewritten
// too); a header C code includes as well (it tests __cplusplus) also needs
// FixCLinkageRecords. The headers are included by relative path, so the
// harness fixes copies of them.
//
// Both records are {char a; double b; char c;}: 24 bytes -> {a, c, b}, 16.
//
// RUN: %check_fe %s --fix --check-prefixes=CHECK-MESSAGES,DEFAULT --config="{HeaderFilterRegex: '.*'}" -- -std=c++17 --target=x86_64-linux-gnu
// RUN: %check_fe %s --fix --check-prefixes=CHECK-MESSAGES,HEADERS --config="{HeaderFilterRegex: '.*', CheckOptions: {tightfit-padded-record.FixRecordsInHeaders: true}}" -- -std=c++17 --target=x86_64-linux-gnu
// RUN: %check_fe %s --fix --check-prefixes=CHECK-MESSAGES,CLINKAGE --config="{HeaderFilterRegex: '.*', CheckOptions: {tightfit-padded-record.FixRecordsInHeaders: true, tightfit-padded-record.FixCLinkageRecords: true}}" -- -std=c++17 --target=x86_64-linux-gnu
// RUN: %verify_layout %s --fix --config="{HeaderFilterRegex: '.*', CheckOptions: {tightfit-padded-record.FixRecordsInHeaders: true}}" --target=x86_64-linux-gnu --min-verified=2 -- -std=c++17

#include "Inputs/padded-record/fix-header.h"
#include "Inputs/padded-record/c-header.h"

// Diagnostics come sorted by file: c-header.h first.
// CHECK-MESSAGES: c-header.h:5:8: warning: 'SharedWithC' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// DEFAULT: c-header.h:5:8: note: no fix-it: the record is defined in a header
// HEADERS: c-header.h:5:8: note: no fix-it: C and C++ code may share this layout (it is declared in an extern "C" block; the option FixCLinkageRecords allows it)
// CLINKAGE-NOT: c-header.h:5:8: note: no fix-it
// CHECK-MESSAGES: fix-header.h:2:8: warning: 'InHeader' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// DEFAULT: fix-header.h:2:8: note: no fix-it: the record is defined in a header, and other translation units may initialise it positionally (the option FixRecordsInHeaders allows it)
// HEADERS-NOT: fix-header.h:2:8: note: no fix-it

InHeader fromHeader = {'a', 1.0, 'c'};
// DEFAULT-FIXES: InHeader fromHeader = {'a', 1.0, 'c'};
// HEADERS-FIXES: InHeader fromHeader = {'a', 'c', 1.0};
// CLINKAGE-FIXES: InHeader fromHeader = {'a', 'c', 1.0};
SharedWithC fromCHeader = {'a', 1.0, 'c'};
// DEFAULT-FIXES: SharedWithC fromCHeader = {'a', 1.0, 'c'};
// HEADERS-FIXES: SharedWithC fromCHeader = {'a', 1.0, 'c'};
// CLINKAGE-FIXES: SharedWithC fromCHeader = {'a', 'c', 1.0};
