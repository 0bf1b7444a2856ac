// The compiler plugin's arguments: -fplugin-arg-tightfit-checks,
// -fplugin-arg-tightfit-config and -fplugin-arg-tightfit-header-filter, each
// as the standalone tool's --checks, --config and --header-filter, and an
// error for anything it does not understand. It works for C as for C++.

// RUN: rm -rf %t && split-file %s %t
// RUN: %clang -fplugin=%plugin -fsyntax-only %t/main.c 2>&1 | FileCheck %s --check-prefix=DEFAULT
// DEFAULT: main.c:2:8: warning: {{.*}}'struct saves_four'{{.*}} [tightfit-padded-record]
// DEFAULT: main.c:3:8: warning: {{.*}}'struct saves_eight'{{.*}} [tightfit-padded-record]

// RUN: %clang -fplugin=%plugin -fplugin-arg-tightfit-checks=-tightfit-padded-record \
// RUN:   -fsyntax-only %t/main.c 2>&1 | count 0

// RUN: %clang -fplugin=%plugin \
// RUN:   '-fplugin-arg-tightfit-config={CheckOptions: {tightfit-padded-record.MinSavingBytes: 8}}' \
// RUN:   -fsyntax-only %t/main.c 2>&1 | FileCheck %s --check-prefix=CONFIG --implicit-check-not=warning:
// CONFIG: main.c:3:8: warning: {{.*}}'struct saves_eight'

// RUN: %clang -fplugin=%plugin -fplugin-arg-tightfit-header-filter='wanted\.h' \
// RUN:   -fsyntax-only %t/main.c 2>&1 | FileCheck %s --check-prefix=HEADERS
// HEADERS-DAG: wanted.h:1:8: warning: {{.*}}'struct in_wanted'
// HEADERS-DAG: main.c:2:8: warning:
// HEADERS-DAG: main.c:3:8: warning:

// RUN: not %clang -fplugin=%plugin -fplugin-arg-tightfit-checks=tightfit-paded-record \
// RUN:   -fsyntax-only %t/main.c 2>&1 | FileCheck %s --check-prefix=UNKNOWN-GLOB
// UNKNOWN-GLOB: error: tightfit: checks: 'tightfit-paded-record' matches no check
// RUN: not %clang -fplugin=%plugin -fplugin-arg-tightfit-chekcs=x \
// RUN:   -fsyntax-only %t/main.c 2>&1 | FileCheck %s --check-prefix=UNKNOWN-ARG
// UNKNOWN-ARG: error: tightfit: unknown argument '-fplugin-arg-tightfit-chekcs=x'; expected checks=, config= or header-filter=
// RUN: not %clang -fplugin=%plugin '-fplugin-arg-tightfit-config={Checks: [' \
// RUN:   -fsyntax-only %t/main.c 2>&1 | FileCheck %s --check-prefix=BAD-CONFIG
// BAD-CONFIG: error: tightfit: invalid config: {{.+}}

//--- wanted.h
struct in_wanted { char a; double b; char c; };

//--- main.c
#include "wanted.h"
struct saves_four { char a; int b; char c; };
struct saves_eight { char a; double b; char c; };
