// Ground truth for records that cannot all be named at namespace scope:
// qualified names, anonymous namespaces, private nested types, local classes
// and unnamed types are probed from inside the record when necessary.
// RUN: %verify_layout %s --min-verified=4 -- -std=c++17
// RUN: %verify_layout %s --fix --min-verified=6 -- -std=c++17

namespace net {
namespace v2 {
struct Header {
  char kind;
  long long stamp;
  char flags;
};
} // namespace v2
} // namespace net

namespace {
struct Hidden {
  char a;
  long long b;
  char c;
};
} // namespace

class Connection {
  struct State {
    char open;
    double since;
    char flags;
  };
  State state_;

public:
  int fd;
};

struct Outer {
  struct Inner {
    bool a;
    double b;
    bool c;
  };
  Inner inner;
  struct {
    char x;
    double y;
    char z;
  } unnamed_member;
};

typedef struct {
  char a;
  void *p;
  char b;
} LegacyHandle;

int use() {
  struct Local {
    char a;
    double b;
    char c;
  };
  Local l{};
  return l.a;
}

net::v2::Header h;
Hidden hidden;
Connection connection;
Outer outer;
LegacyHandle handle;
