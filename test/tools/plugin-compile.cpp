// The compiler plugin warns during a normal compile without -Xclang
// -add-plugin and still produces the object file; -Werror turns its warnings
// into errors that fail the compile, -Wno-error and -w undo that, and
// clang-tidy's WarningsAsErrors option is honoured too.

struct Padded {
  char a;
  double b;
  char c;
};
int use() { return sizeof(Padded); }

// RUN: rm -rf %t && mkdir -p %t
// RUN: %clangxx -fplugin=%plugin -std=c++17 -c %s -o %t/plain.o 2>&1 | FileCheck %s --check-prefix=WARN
// RUN: test -s %t/plain.o
// WARN: plugin-compile.cpp:6:8: warning: {{.*}}'Padded'{{.*}} [tightfit-padded-record]
// WARN: 1 warning generated.

// RUN: not %clangxx -fplugin=%plugin -Werror -std=c++17 -c %s -o %t/werror.o 2>&1 \
// RUN:   | FileCheck %s --check-prefix=WERROR --implicit-check-not=warning:
// RUN: not test -e %t/werror.o
// WERROR: plugin-compile.cpp:6:8: error: {{.*}}'Padded'{{.*}} [tightfit-padded-record,-Werror]

// RUN: %clangxx -fplugin=%plugin -Werror -Wno-error -std=c++17 -c %s -o %t/wno-error.o 2>&1 \
// RUN:   | FileCheck %s --check-prefix=WARN
// RUN: %clangxx -fplugin=%plugin -Werror -w -std=c++17 -c %s -o %t/quiet.o 2>&1 | count 0
// RUN: test -s %t/quiet.o

// RUN: not %clangxx -fplugin=%plugin '-fplugin-arg-tightfit-config={WarningsAsErrors: "tightfit-*"}' \
// RUN:   -std=c++17 -fsyntax-only %s 2>&1 | FileCheck %s --check-prefix=TIDY-WERROR
// TIDY-WERROR: plugin-compile.cpp:6:8: error: {{.*}}'Padded'{{.*}} [tightfit-padded-record,-warnings-as-errors]
