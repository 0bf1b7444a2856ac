// Ground truth for records declared in a header: the header is probed
// through a VFS overlay and never modified.
// RUN: %verify_layout %s --min-verified=1 -- -std=c++17 -I %S/Inputs
// RUN: %verify_layout %s --min-verified=1 --target=x86_64-linux-gnu -- -std=c++17 -I %S/Inputs

#include "records.h"

struct UsesHeader {
  char kind;
  storage::PageHeader header;
  char state;
};

storage::PageHeader page;
UsesHeader uses;
