// fix-changed-file.test appends a line to a copy of this file when the
// compiler opens slow.h, i.e. after it has read this file and while it is
// still busy with the standard headers slow.h includes: the change lands
// between the analysis of the file and the writing of its fix-its.
struct Fixable {
  char a;
  double b;
  char c;
};

int useFixable() {
  Fixable f{};
  return f.a + f.c;
}

#include "slow.h"
