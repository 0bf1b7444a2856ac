// RUN: %check_fe %s --frontends=tidy,cli -- -std=c++17 --target=x86_64-linux-gnu
// RUN: %check_fe %s --frontends=plugin --check-prefixes=PLUGIN -- -std=c++17 --target=x86_64-linux-gnu

// An error that is fatal in a compiler: a header that does not exist. The
// front-ends differ here, and cannot help it (docs/robustness.md):
//  - the clang-tidy module and the standalone tool report it as an error
//    and go on, like clang-tidy: what follows is analysed;
//  - in the compiler (the plugin) a fatal error ends the unit and silences
//    every diagnostic after it, and the plugin reports its findings at the
//    end of the unit: it reports none at all, only the fatal error.
// Both records are char, double, char: 24 bytes, 16 as {a, c, b}.

struct BeforeTheFatalError {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'BeforeTheFatalError' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
  char a;
  double b;
  char c;
};

#include "no-such-header.h"
// CHECK-MESSAGES: :[[@LINE-1]]:10: error: 'no-such-header.h' file not found
// PLUGIN: :[[@LINE-2]]:10: error: 'no-such-header.h' file not found

struct AfterTheFatalError {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'AfterTheFatalError' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
  char a;
  double b;
  char c;
};
