// RUN: %check_fe %s --checks='-*,tightfit-view-parameter' --fix -- -std=c++20 --target=x86_64-linux-gnu
// Why each negative is one: TIGHTFIT_VIEWS_EXPLAIN lists every candidate
// parameter with its verdict, in declaration order.
// RUN: env TIGHTFIT_VIEWS_EXPLAIN=1 %clang_tidy -load %tidy_module -checks='-*,tightfit-view-parameter' %s \
// RUN:   -- -std=c++20 --target=x86_64-linux-gnu 2>&1 | FileCheck %s --check-prefix=WHY
// REQUIRES: stdlib-x86_64

// Every shape tightfit-view-parameter flags, and beside them every safety rule
// as a negative. libstdc++ (the default on x86_64 Linux) keeps 15 chars of a
// std::string inline: literals longer than that heap-allocate.

#include <algorithm>
#include <coroutine>
#include <cstring>
#include <functional>
#include <future>
#include <iostream>
#include <map>
#include <span>
#include <string>
#include <thread>
#include <vector>

// ============================================================================
// Flagged
// ============================================================================

// --- the issue's example: literals of 27 and 40 chars heap-allocate, 4 not. --
static int lookup(const std::string &key) {
// CHECK-MESSAGES: :[[@LINE-1]]:38: warning: parameter 'key' is only read; taking std::string_view avoids the std::string built at 3 call sites (2 heap allocations: literals of 27 and 40 chars) [tightfit-view-parameter]
// CHECK-FIXES: static int lookup(std::string_view key) {
  if (key.empty())
    return -1;
  return static_cast<int>(key.size() + key.find('.'));
}

int useLookup() {
  return lookup("configuration.network.ports") +
// CHECK-MESSAGES: :[[@LINE-1]]:17: note: std::string built here from a literal of 27 chars (heap allocation: libstdc++ keeps at most 15 chars inline)
         lookup("service.discovery.endpoints.primary.urls") +
// CHECK-MESSAGES: :[[@LINE-1]]:17: note: std::string built here from a literal of 40 chars (heap allocation: libstdc++ keeps at most 15 chars inline)
         lookup("port");
// CHECK-MESSAGES: :[[@LINE-1]]:17: note: std::string built here from a literal of 4 chars
}

// --- by value, called with an lvalue: a copy per call. ----------------------
static bool isHeader(std::string line) {
// CHECK-MESSAGES: :[[@LINE-1]]:34: warning: parameter 'line' is only read; taking std::string_view avoids the std::string copied at 1 call site [tightfit-view-parameter]
// CHECK-FIXES: static bool isHeader(std::string_view line) {
  return line.starts_with("#") || line.ends_with(":");
}

bool useIsHeader(const char *text) {
  std::string first = text;
  return isHeader(first);
// CHECK-MESSAGES: :[[@LINE-1]]:19: note: std::string copied here
}

// --- a C string at the call site: a std::string is built from it per call; ---
// --- its length is not known here, so no heap allocation is claimed. -------
static bool isComment(const std::string &line) {
// CHECK-MESSAGES: :[[@LINE-1]]:42: warning: parameter 'line' is only read; taking std::string_view avoids the std::string built at 1 call site [tightfit-view-parameter]
// CHECK-FIXES: static bool isComment(std::string_view line) {
  return !line.empty() && line[0] == ';';
}

bool useIsComment(const char *text) {
  return isComment(text);
// CHECK-MESSAGES: :[[@LINE-1]]:20: note: std::string built here from a 'const char *'
}

// --- substr() at the call site: the fix-it takes a view of the substring. ---
static bool isKeyword(const std::string &word) {
// CHECK-MESSAGES: :[[@LINE-1]]:42: warning: parameter 'word' is only read; taking std::string_view avoids the std::string built at 2 call sites [tightfit-view-parameter]
// CHECK-FIXES: static bool isKeyword(std::string_view word) {
  return word == "if" || word == "else" || word.compare("for") == 0;
}

bool useIsKeyword(const std::string &line, const std::string *next) {
  return isKeyword(line.substr(0, 2)) || isKeyword(next->substr(1));
// CHECK-MESSAGES: :[[@LINE-1]]:20: note: std::string built here by substr()
// CHECK-MESSAGES: :[[@LINE-2]]:52: note: std::string built here by substr()
// CHECK-FIXES: return isKeyword(std::string_view(line).substr(0, 2)) || isKeyword(std::string_view(*next).substr(1));
}

// --- a prototype and a definition: both rewritten together. ---------------
static size_t prototyped(const std::string &s);
// CHECK-FIXES: static size_t prototyped(std::string_view s);
size_t usePrototyped() { return prototyped("x"); }
static size_t prototyped(const std::string &s) { return s.size(); }
// CHECK-MESSAGES: :[[@LINE-1]]:45: warning: parameter 's' is only read; taking std::string_view avoids the std::string built at 1 call site [tightfit-view-parameter]
// CHECK-FIXES: static size_t prototyped(std::string_view s) { return s.size(); }

// --- never called in this file: nothing to count, still only read. ---------
static bool startsWithHash(const std::string &text) {
// CHECK-MESSAGES: :[[@LINE-1]]:47: warning: parameter 'text' is only read; it can be std::string_view [tightfit-view-parameter]
// CHECK-FIXES: static bool startsWithHash(std::string_view text) {
  return !text.empty() && text[0] == '#' && text.front() == text.at(0);
}

// --- passed on to a view parameter; streamed; compared; substr() as a view. -
static size_t width(std::string_view v) { return v.size(); }

static size_t measure(const std::string &label) {
// CHECK-MESSAGES: :[[@LINE-1]]:42: warning: parameter 'label' is only read; it can be std::string_view [tightfit-view-parameter]
// CHECK-FIXES: static size_t measure(std::string_view label) {
  std::cout << label.substr(1) << (label < "m") << '\n';
  return width(label) + width(label.substr(2)) + (label.substr(0, 1) == "x");
}

// --- pointer and length together: no NUL needed. ----------------------------
static bool sameBytes(const std::string &a, const std::string &b) {
// CHECK-MESSAGES: :[[@LINE-1]]:42: warning: parameter 'a' is only read; it can be std::string_view [tightfit-view-parameter]
// CHECK-MESSAGES: :[[@LINE-2]]:64: warning: parameter 'b' is only read; it can be std::string_view [tightfit-view-parameter]
// CHECK-FIXES: static bool sameBytes(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size()) == 0;
}

// --- iteration: range-for, reading algorithms, a lambda that dies in the call.
static bool allDigits(const std::string &s) {
// CHECK-MESSAGES: :[[@LINE-1]]:42: warning: parameter 's' is only read; it can be std::string_view [tightfit-view-parameter]
// CHECK-FIXES: static bool allDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

static int firstOrZero(const std::string &s) {
// CHECK-MESSAGES: :[[@LINE-1]]:43: warning: parameter 's' is only read; it can be std::string_view [tightfit-view-parameter]
// CHECK-FIXES: static int firstOrZero(std::string_view s) {
  return [&] { return s.empty() ? 0 : int(s[0]); }(); // invoked on the spot
}

// --- vectors: a std::span<const T>, with the sub-ranges callers build. ------
static long total(const std::vector<int> &values) {
// CHECK-MESSAGES: :[[@LINE-1]]:43: warning: parameter 'values' is only read; taking std::span<const int> avoids the std::vector<int> built at 2 call sites [tightfit-view-parameter]
// CHECK-FIXES: static long total(std::span<const int> values) {
  long sum = 0;
  for (int v : values)
    sum += v;
  return sum;
}

long useTotal(const std::vector<int> &all) {
  return total(all) + total(std::vector<int>(all.begin() + 1, all.end())) +
// CHECK-FIXES: return total(all) + total(std::span<const int>(all.begin() + 1, all.end())) +
         total({all.begin(), all.begin() + 2});
}

struct Point {
  int x, y;
  int sum() const { return x + y; }
};

static int sumX(const std::vector<Point> &pts) {
// CHECK-MESSAGES: :[[@LINE-1]]:43: warning: parameter 'pts' is only read; it can be std::span<const Point> [tightfit-view-parameter]
// CHECK-FIXES: static int sumX(std::span<const Point> pts) {
  int s = 0;
  for (const Point &p : pts)
    s += p.x;
  return s + pts[0].y + (pts.empty() ? 0 : pts.front().sum()) + pts.back().x;
}

// A pointer element: `const Point *` would be another element type.
static int countNonNull(const std::vector<Point *> &pts) {
// CHECK-MESSAGES: :[[@LINE-1]]:53: warning: parameter 'pts' is only read; it can be std::span<Point * const> [tightfit-view-parameter]
// CHECK-FIXES: static int countNonNull(std::span<Point * const> pts) {
  int n = 0;
  for (const Point *p : pts)
    n += p != nullptr;
  return n;
}

static long countAbove(const std::vector<int> &v, int limit) {
// CHECK-MESSAGES: :[[@LINE-1]]:48: warning: parameter 'v' is only read; it can be std::span<const int> [tightfit-view-parameter]
// CHECK-FIXES: static long countAbove(std::span<const int> v, int limit) {
  return std::count_if(v.begin(), v.end(), [&](int x) { return x > limit && x < int(v.size()); });
}

// --- a heterogeneous lookup: std::less<> compares views with strings. -------
static bool known(const std::map<std::string, int, std::less<>> &table, const std::string &name) {
// CHECK-MESSAGES: :[[@LINE-1]]:92: warning: parameter 'name' is only read; it can be std::string_view [tightfit-view-parameter]
// CHECK-FIXES: static bool known(const std::map<std::string, int, std::less<>> &table, std::string_view name) {
  return table.find(name) != table.end();
}

// --- building a new local string from it is fine. ---------------------------
static std::string bracketed(const std::string &inner) {
// CHECK-MESSAGES: :[[@LINE-1]]:49: warning: parameter 'inner' is only read; it can be std::string_view [tightfit-view-parameter]
// CHECK-FIXES: static std::string bracketed(std::string_view inner) {
  std::string out("[");
  out += inner;
  out.append(inner);
  std::string copy(inner);
  return out + copy + "]";
}

// ============================================================================
// Not flagged: one negative per safety rule
// ============================================================================

// --- something derived reaches the return value. ----------------------------
static std::string echo(const std::string &s) { return s; }
// WHY: view-parameter: echo #0: use: returned
static std::string firstWord(const std::string &s) { return s.substr(0, s.find(' ')); }
// WHY: view-parameter: firstWord #0: use: returned
static const char *rawData(const std::string &s) { return s.data(); }
// WHY: view-parameter: rawData #0: use: returned (data())
static std::string::const_iterator firstIt(const std::string &s) { return s.begin(); }
// WHY: view-parameter: firstIt #0: use: returned (iterator)
static const int &firstElem(const std::vector<int> &v) { return v[0]; }
// WHY: view-parameter: firstElem #0: use: returned (element reference)

// --- stored: member, global, static, container, out-parameter, aggregate. ---
struct Registry {
  std::string name_;
  void rename(const std::string &n) { name_ = n; }
// WHY: view-parameter: Registry::rename #0: use: stored (assigned)
};
static std::string lastSeen;
static void remember(const std::string &s) { lastSeen = s; }
// WHY: view-parameter: remember #0: use: stored (assigned)
static void cacheIt(const std::string &s) {
  static std::string cache;
  cache = s;
}
// WHY: view-parameter: cacheIt #0: use: stored (assigned)
static void collect(std::vector<std::string> &out, const std::string &s) { out.push_back(s); }
// WHY: view-parameter: collect #1: use: stored (container)
static void copyOut(const std::string &s, std::string *out) { *out = s; }
// WHY: view-parameter: copyOut #0: use: stored (assigned)
struct Pair {
  std::string k;
  int v;
};
static Pair makePair(const std::string &k) { return Pair{k, 1}; }
// WHY: view-parameter: makePair #0: use: stored (aggregate)

// --- captured by a lambda that may outlive the call, bind, thread, async. ---
static std::function<size_t()> later(const std::string &s) {
  return [&s] { return s.size(); };
}
// WHY: view-parameter: later #0: use: captured (lambda)
static std::function<size_t()> laterCopy(const std::string &s) {
  return [s] { return s.size(); };
}
// WHY: view-parameter: laterCopy #0: use: captured (lambda)
static std::function<size_t()> laterInit(const std::string &s) {
  return [t = s] { return t.size(); };
}
// WHY: view-parameter: laterInit #0: use: captured (init-capture)
static void spawn(const std::string &s) {
  std::thread t([](const std::string &x) { (void)x.size(); }, s);
  t.join();
}
// WHY: view-parameter: spawn #0: use: captured (constructor argument)
static size_t viaAsync(const std::string &s) {
  return std::async(std::launch::async, [](std::string x) { return x.size(); }, s).get();
}
// WHY: view-parameter: viaAsync #0: use: captured (async)
static auto bound(const std::string &s) {
  return std::bind([](const std::string &x) { return x.size(); }, s);
}
// WHY: view-parameter: bound #0: use: captured (bind)

// --- a coroutine: the parameter lives in the frame beyond the caller's call. -
struct Task {
  struct promise_type {
    Task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
static Task consume(const std::string &s) {
  (void)s.size();
  co_return;
}
// WHY: view-parameter: consume #0: use: coroutine

// --- the NUL terminator: c_str(), data() as a C string, s[s.size()]. --------
static size_t cLength(const std::string &s) { return std::strlen(s.c_str()); }
// WHY: view-parameter: cLength #0: use: needs NUL terminator (c_str)
static size_t dataLength(const std::string &s) { return std::strlen(s.data()); }
// WHY: view-parameter: dataLength #0: use: needs NUL terminator (data())
static char terminator(const std::string &s) { return s[s.size()]; }
// WHY: view-parameter: terminator #0: use: needs NUL terminator (s[s.size()])
static const char *firstChar(const std::string &s) { return &s[0]; }
// WHY: view-parameter: firstChar #0: use: needs NUL terminator (&element)

// --- a use that needs the owning type. --------------------------------------
void takesOwner(const std::string &);
static size_t passOn(const std::string &s) {
  takesOwner(s);
  return s.size();
}
// WHY: view-parameter: passOn #0: use: needs the owning type (takesOwner)
static std::string greet(const std::string &s) {
  std::string r = "hi " + s;
  return r;
}
// WHY: view-parameter: greet #0: use: needs the owning type (operator+)
static size_t copyLength(const std::string &s) {
  std::string t = s;
  return t.size();
}
// WHY: view-parameter: copyLength #0: use: needs the owning type (copy-initialisation)
static bool knownOpaque(const std::map<std::string, int> &m, const std::string &k) {
  return m.find(k) != m.end(); // no transparent comparator: needs a std::string
}
// WHY: view-parameter: knownOpaque #1: use: needs the owning type (find)
static size_t capacityOf(const std::string &s) { return s.capacity(); }
// WHY: view-parameter: capacityOf #0: use: needs the owning type (capacity)
static int atFirst(const std::vector<int> &v) { return v.at(0); } // span::at is C++26
// WHY: view-parameter: atFirst #0: use: needs the owning type (at)
static bool same(const std::vector<int> &a, const std::vector<int> &b) { return a == b; }
// WHY: view-parameter: same #0: use: needs the owning type (comparison)
// WHY-NEXT: same #1: use: needs the owning type (comparison)

// --- modified or moved from (by value). -------------------------------------
static size_t shout(std::string s) {
  for (char &c : s)
    c = 'X';
  return s.size();
}
// WHY: view-parameter: shout #0: use: modified
static std::string moved(std::string s) { return std::move(s); }
// WHY: view-parameter: moved #0: use: modified (move)
static size_t trimmed(std::string s) {
  s.pop_back();
  return s.size();
}
// WHY: view-parameter: trimmed #0: use: modified (pop_back)

// --- the signature is not free to change. -----------------------------------
struct Base {
  virtual size_t len(const std::string &s) const { return s.size(); }
// WHY: view-parameter: Base::len #0: virtual
  virtual ~Base() = default;
};
struct Derived : Base {
  size_t len(const std::string &s) const override { return s.size() + 1; }
// WHY: view-parameter: Derived::len #0: virtual
};
struct Shape {
  size_t area(const std::string &unit) const { return unit.size(); }
// WHY: view-parameter: Shape::area #0: overloaded or hidden
};
struct Square : Shape {
  size_t area(int) const { return 1; } // hides Shape::area
};
static size_t lenOf(const std::string &s) { return s.size(); }
// WHY: view-parameter: lenOf #0: address taken
static size_t (*lenPtr)(const std::string &) = &lenOf;
static size_t lenCallback(const std::string &s) { return s.size(); }
// WHY: view-parameter: lenCallback #0: address taken
static std::function<size_t(const std::string &)> callback = lenCallback;
extern "C" size_t c_len(const std::string &s) { return s.size(); }
// WHY: view-parameter: c_len #0: extern "C"
template <typename T> size_t templated(const std::string &s, T) { return s.size(); }
template size_t templated<int>(const std::string &, int);
template <typename T> size_t spec(const T &);
template <> size_t spec<std::string>(const std::string &s) { return s.size(); }
#define DEFINE_LEN(name)                                                                           \
  static size_t name(const std::string &s) { return s.size(); }
DEFINE_LEN(macroLen)
// WHY: view-parameter: macroLen #0: macro

// --- an overload set: calls could resolve differently after the change. ----
static size_t overloaded(const std::string &s) { return s.size(); }
// WHY: view-parameter: overloaded #0: overloaded
static size_t overloaded(const char *p) { return std::strlen(p); }

// --- a caller that would not compile with the view. -------------------------
static int firstOf(const std::vector<int> &v) { return v.empty() ? 0 : v[0]; }
// WHY: view-parameter: firstOf #0: a caller would not compile
int useFirstOf() { return firstOf({1, 2, 3}); } // span: no braced list before C++26
static size_t fillLength(const std::string &s) { return s.size(); }
// WHY: view-parameter: fillLength #0: a caller would not compile
size_t useFillLength() { return fillLength({3, 'x'}); } // string(n, c)
struct Name {
  operator std::string() const { return "n"; }
};
static size_t nameLength(const std::string &s) { return s.size(); }
// WHY: view-parameter: nameLength #0: a caller would not compile
size_t useNameLength() { return nameLength(Name{}); } // two user conversions

// --- aliasing: the referent may be released while the view is in use. ------
static void appendTwice(std::string &out, const std::string &s) {
  out.append(s.data(), s.size()); // `appendTwice(x, x)` reallocates under a view
  out.append(s.data(), s.size());
}
// WHY: view-parameter: appendTwice #1: aliasing (mutable reference or pointer parameter)
struct Buffer {
  std::string buf_;
  size_t add(const std::string &s) {
    buf_.append(s.data(), s.size()); // `b.add(b.buf_)`
    return s.size();
  }
};
// WHY: view-parameter: Buffer::add #0: aliasing (non-const member called on shared state)
static std::vector<std::string> journal;
static size_t logged(const std::string &s) {
  journal.clear(); // `logged(journal[0])`
  return s.size();
}
// WHY: view-parameter: logged #0: aliasing (non-const member called on shared state)
static size_t withCallback(const std::string &s, void (*cb)()) {
  cb();
  return s.size();
}
// WHY: view-parameter: withCallback #0: aliasing (callback parameter)
struct Node {
  std::string name;
};
static Node *current;
static size_t drop(const std::string &s) {
  delete current; // `drop(current->name)`
  return s.size();
}
// WHY: view-parameter: drop #0: aliasing (delete)

// --- template-dependent calls: give up. -------------------------------------
static size_t measureDependent(const std::string &s) { return s.size(); }
// WHY: view-parameter: measureDependent #0: template-dependent call
template <typename T> size_t dependentCall(const T &t) { return measureDependent(t); }

// --- nothing to say: unnamed or unused. -------------------------------------
static int ignored(const std::string &) { return 0; }
// WHY: view-parameter: ignored #0: unnamed or attributed parameter
static int unused(const std::string &s) { return 0; }
// WHY: view-parameter: unused #0: unused
