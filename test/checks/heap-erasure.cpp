// REQUIRES: stdlib-x86_64
// RUN: %check_fe %s -- -std=c++23 --target=x86_64-linux-gnu

// libstdc++ 12 on x86_64. std::function stores a value in place iff it is
// trivially copyable, at most 16 bytes and aligned at most 8; std::any iff it
// moves without throwing and is at most 8 bytes; std::move_only_function iff
// it moves without throwing and is at most 24 bytes; std::packaged_task keeps
// the callable in its shared state (2 allocations). Pointers are 8 bytes,
// std::string 32, std::shared_ptr 16, std::vector 24, std::function 32.
#include <any>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

void *P1, *P2, *P3, *P4;
template <class... T> void use(const T &...) {}
void freeFunction();

// --- Lambdas by size -----------------------------------------------------------

void bySize() {
  void *a = P1, *b = P2, *c = P3;
  std::function<void()> none = [] {};
  std::function<void()> one = [a] { use(a); };
  std::function<void()> two = [a, b] { use(a, b); };
  // 3 x 8 = 24 > 16. All captures cost the same: no capture is named. The
  // local is not a parameter: std::move_only_function's 24 bytes would do.
  std::function<void()> three = [a, b, c] { use(a, b, c); };
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: lambda (24 bytes, captures 'a', 'b', 'c') does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  // CHECK-MESSAGES: :[[@LINE-2]]:33: note: std::move_only_function (C++23) stores it in place in libstdc++ (24-byte buffer) if the callback is never copied
  use(none, one, two, three);
}

// --- What the captures are ------------------------------------------------------

struct Widget {
  std::string name;
  int count = 0;
  std::vector<std::function<void()>> handlers;

  void subscribe() {
    // this 8 + name 32 + count 4 -> 48 (aligned 8). 'name' alone takes 32;
    // without it 16 remain, which would fit. 48 > 24: no move_only_function.
    handlers.push_back([this, name = name, count = count] { use(this, name, count); });
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: lambda (48 bytes, captures 'this', 'name', 'count') does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
    // CHECK-MESSAGES: :[[@LINE-2]]:31: note: capture 'name' (std::string) takes 32 of the lambda's 48 bytes
    // CHECK-MESSAGES: :[[@LINE-3]]:31: note: capture 'name' (std::string) is not trivially copyable
    // CHECK-MESSAGES: :[[@LINE-4]]:24: note: capture less: the lambda's 3 captures take 48 bytes; one pointer to a struct that holds them fits
  }
};

void captureKinds() {
  auto shared = std::make_shared<int>(1);
  std::string text = "short";
  // 16 bytes fit, but shared_ptr is not trivially copyable.
  std::function<void()> s = [shared] { use(shared.get()); };
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: lambda (16 bytes, captures 'shared') is not trivially copyable, which std::function's in-place buffer requires in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  // CHECK-MESSAGES: :[[@LINE-2]]:30: note: capture 'shared' (std::shared_ptr<int>) is not trivially copyable
  // CHECK-MESSAGES: :[[@LINE-3]]:29: note: std::move_only_function (C++23) stores it in place in libstdc++ (24-byte buffer) if the callback is never copied
  // By reference: one pointer, trivially copyable.
  std::function<void()> r = [&text] { use(text.size()); };
  // An empty vector copies without allocating, but 24 bytes and not
  // trivially copyable: heap; std::move_only_function takes 24 bytes that
  // move without throwing.
  std::vector<int> items;
  std::function<void()> v = [items] { use(items.size()); };
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: lambda (24 bytes, captures 'items') does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  // CHECK-MESSAGES: :[[@LINE-2]]:30: note: capture 'items' (std::vector<int>) is not trivially copyable
  // CHECK-MESSAGES: :[[@LINE-3]]:29: note: std::move_only_function (C++23) stores it in place in libstdc++ (24-byte buffer) if the callback is never copied
  use(s, r, v);
}

// --- Callables that are not lambdas ---------------------------------------------

struct Big {
  void *p[3];
  void operator()() const;
  void method();
};
struct alignas(16) Aligned {
  char c;
  void operator()() const;
};

void otherCallables(Big &big) {
  std::function<void()> fp = &freeFunction;
  std::function<void()> fr = freeFunction;
  std::function<void(Big &)> mp = &Big::method;   // 16 bytes, trivially copyable
  std::function<void()> ref = std::ref(big);      // one pointer
  std::function<void()> cref = std::cref(big);
  std::function<void()> null = nullptr;
  std::function<void()> nullFp = static_cast<void (*)()>(nullptr);
  std::function<void()> copy = Big{};
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'Big' (24 bytes) does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  // CHECK-MESSAGES: :[[@LINE-2]]:32: note: std::move_only_function (C++23) stores it in place in libstdc++ (24-byte buffer) if the callback is never copied
  std::function<void()> aligned = Aligned{};
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 'Aligned' (16 bytes) is aligned to 16 bytes, more than std::function's in-place buffer allows (8) in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  // A bind expression of a member function pointer and an object pointer: 24
  // bytes.
  std::function<void()> bound = std::bind(&Big::method, &big);
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: bind expression (24 bytes) does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  // CHECK-MESSAGES: :[[@LINE-2]]:33: note: std::move_only_function (C++23) stores it in place in libstdc++ (24-byte buffer) if the callback is never copied
  use(fp, fr, mp, ref, cref, null, nullFp, copy, aligned, bound);
}

// --- Call sites: conversions, parameters, containers ------------------------------

std::function<void()> saved;
void store(std::function<void()> cb) { saved = std::move(cb); }

void forEach(const std::vector<int> &v, const std::function<void(int)> &cb) {
  for (int x : v)
    if (cb)
      cb(x);
}
void callSites(std::vector<int> &v) {
  void *a = P1, *b = P2, *c = P3;
  forEach(v, [a, b, c](int x) { use(a, b, c, x); });
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: lambda (24 bytes, captures 'a', 'b', 'c') does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  // CHECK-MESSAGES: :[[@LINE-9]]:73: note: 'cb' is only called in 'forEach': a template parameter or std::function_ref (C++26) takes the lambda without allocating
  // 'cb' is moved away: stored, not only called.
  store([a, b, c] { use(a, b, c); });
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: lambda (24 bytes, captures 'a', 'b', 'c') does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: std::move_only_function (C++23) stores it in place in libstdc++ (24-byte buffer) if the callback is never copied
  std::vector<std::function<void()>> queue;
  queue.emplace_back([a, b, c] { use(a, b, c); });
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: lambda (24 bytes, captures 'a', 'b', 'c') does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  // CHECK-MESSAGES: :[[@LINE-2]]:22: note: std::move_only_function (C++23) stores it in place in libstdc++ (24-byte buffer) if the callback is never copied
  queue.emplace_back([a] { use(a); });
  std::optional<std::function<void()>> maybe;
  maybe.emplace([a, b, c] { use(a, b, c); });
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: lambda (24 bytes, captures 'a', 'b', 'c') does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  // CHECK-MESSAGES: :[[@LINE-2]]:17: note: std::move_only_function (C++23) stores it in place in libstdc++ (24-byte buffer) if the callback is never copied
  std::map<int, std::function<void()>> table;
  table.try_emplace(1, [a, b, c] { use(a, b, c); });
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: lambda (24 bytes, captures 'a', 'b', 'c') does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  // CHECK-MESSAGES: :[[@LINE-2]]:24: note: std::move_only_function (C++23) stores it in place in libstdc++ (24-byte buffer) if the callback is never copied
  // Assignment, also through operator[].
  table[2] = [a, b, c] { use(a, b, c); };
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: lambda (24 bytes, captures 'a', 'b', 'c') does not fit std::function's 16-byte in-place buffer in libstdc++; each assignment heap-allocates [tightfit-heap-erasure]
  // CHECK-MESSAGES: :[[@LINE-2]]:14: note: std::move_only_function (C++23) stores it in place in libstdc++ (24-byte buffer) if the callback is never copied
  table[3] = &freeFunction;
  table[4] = nullptr;
  // Moving a wrapper never allocates.
  std::function<void()> moved = std::move(table[2]);
  queue.push_back(std::move(moved));
}

// --- Copies of a wrapper whose value is known --------------------------------------

void takeByValue(std::function<void()> f);
void takeByReference(const std::function<void()> &f);

void copies() {
  void *a = P1, *b = P2, *c = P3;
  std::function<void()> f = [a, b, c] { use(a, b, c); };
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: lambda (24 bytes, captures 'a', 'b', 'c') does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  // CHECK-MESSAGES: :[[@LINE-2]]:29: note: std::move_only_function (C++23) stores it in place in libstdc++ (24-byte buffer) if the callback is never copied
  std::function<void()> g = f;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: copying 'f' heap-allocates: its lambda (24 bytes, captures 'a', 'b', 'c') does not fit std::function's 16-byte in-place buffer in libstdc++ [tightfit-heap-erasure]
  // CHECK-MESSAGES: :[[@LINE-5]]:25: note: 'f' gets its value here
  takeByValue(f);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: copying 'f' heap-allocates: its lambda (24 bytes, captures 'a', 'b', 'c') does not fit std::function's 16-byte in-place buffer in libstdc++ [tightfit-heap-erasure]
  // CHECK-MESSAGES: :[[@LINE-8]]:25: note: 'f' gets its value here
  auto later = [f] { f(); };
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: copying 'f' heap-allocates: its lambda (24 bytes, captures 'a', 'b', 'c') does not fit std::function's 16-byte in-place buffer in libstdc++ [tightfit-heap-erasure]
  // CHECK-MESSAGES: :[[@LINE-11]]:25: note: 'f' gets its value here
  takeByReference(f);
  f();
  if (f)
    use(g, later);
}

void copiesNotReported(bool flag) {
  void *a = P1, *b = P2, *c = P3;
  // Reassigned: its value at the copy is not known.
  std::function<void()> reassigned = [a, b, c] { use(a, b, c); };
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: lambda (24 bytes, captures 'a', 'b', 'c') does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  // CHECK-MESSAGES: :[[@LINE-2]]:38: note: std::move_only_function (C++23) stores it in place in libstdc++ (24-byte buffer) if the callback is never copied
  if (flag)
    reassigned = nullptr;
  std::function<void()> copy1 = reassigned;
  // Moved from: empty afterwards.
  std::function<void()> movedFrom = [a, b, c] { use(a, b, c); };
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: lambda (24 bytes, captures 'a', 'b', 'c') does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  // CHECK-MESSAGES: :[[@LINE-2]]:37: note: std::move_only_function (C++23) stores it in place in libstdc++ (24-byte buffer) if the callback is never copied
  takeByValue(std::move(movedFrom));
  std::function<void()> copy2 = movedFrom;
  // Held in place: copying it allocates nothing.
  std::function<void()> small = [a] { use(a); };
  std::function<void()> copy3 = small;
  use(copy1, copy2, copy3);
}

// --- Nested wrappers ---------------------------------------------------------------

void nested(std::function<int()> unknown) {
  // A std::function of another signature is a 32-byte, not trivially
  // copyable value: heap, when it holds something.
  std::function<int()> inner = [] { return 1; };
  std::function<void()> outer = inner;
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'std::function<int ()>' (32 bytes) does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  // A parameter may be empty: then nothing is stored. No verdict.
  std::function<void()> maybeEmpty = unknown;
  use(outer, maybeEmpty);
}

// --- std::any ---------------------------------------------------------------------

struct Pair {
  void *first, *second;
};

void anys() {
  std::any i = 42;
  std::any d = 4.2;
  std::any p = P1;
  std::any literal = "text";
  std::any s = std::string("text");
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'std::string' (32 bytes) does not fit std::any's 8-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  std::any pair = Pair{};
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'Pair' (16 bytes) does not fit std::any's 8-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  auto made = std::make_any<std::vector<int>>();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'std::vector<int>' (24 bytes) does not fit std::any's 8-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  std::any placed(std::in_place_type<Pair>);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'Pair' (16 bytes) does not fit std::any's 8-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  i.emplace<std::string>("text");
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::string' (32 bytes) does not fit std::any's 8-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  use(i, d, p, literal, s, pair, made, placed);
}

// Every value 'state' holds in this function is known: int or std::string.
void closedSet(bool flag) {
  std::any state = 0;
  if (flag)
    state = std::string("busy");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'std::string' (32 bytes) does not fit std::any's 8-byte in-place buffer in libstdc++; each assignment heap-allocates [tightfit-heap-erasure]
  // CHECK-MESSAGES: :[[@LINE-4]]:12: note: 'state' only holds int and std::string in this translation unit: std::variant<int, std::string> stores them in place
  if (std::any_cast<int>(&state))
    use(std::any_cast<int>(state));
}

// --- std::move_only_function and std::packaged_task -------------------------------

void moveOnly() {
  void *a = P1, *b = P2, *c = P3, *d = P4;
  auto owned = std::make_unique<int>(1);
  std::move_only_function<void()> three = [a, b, c] { use(a, b, c); };
  std::move_only_function<void()> unique = [owned = std::move(owned)] { use(owned.get()); };
  std::move_only_function<void()> four = [a, b, c, d] { use(a, b, c, d); };
  // CHECK-MESSAGES: :[[@LINE-1]]:42: warning: lambda (32 bytes, captures 'a', 'b', 'c', 'd') does not fit std::move_only_function's 24-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  // CHECK-MESSAGES: :[[@LINE-2]]:42: note: capture less: the lambda's 4 captures take 32 bytes; one pointer to a struct that holds them fits
  std::packaged_task<int()> task([] { return 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: lambda (1 byte, no captures) goes into std::packaged_task's heap-allocated shared state in libstdc++; each construction makes 2 allocations [tightfit-heap-erasure]
  std::packaged_task<int()> empty;
  use(three, unique, four, task, empty);
}

// --- Templates and suppression ------------------------------------------------------

std::vector<std::function<void()>> handlers;
template <class F> void addHandler(F f) { handlers.emplace_back(std::move(f)); }
// CHECK-MESSAGES: :[[@LINE-1]]:65: warning: lambda (24 bytes, captures 'a', 'b', 'c') does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
// CHECK-MESSAGES: :[[@LINE-2]]:65: note: std::move_only_function (C++23) stores it in place in libstdc++ (24-byte buffer) if the callback is never copied
// One finding per place: the other instantiation's verdict is a note.
// CHECK-MESSAGES: :[[@LINE-4]]:65: note: also lambda (32 bytes, captures 'a', 'b', 'c', 'd') does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates

void templates() {
  void *a = P1, *b = P2, *c = P3, *d = P4;
  addHandler([a, b, c] { use(a, b, c); });
  addHandler([a, b, c, d] { use(a, b, c, d); });
  addHandler([a] { use(a); });
  addHandler(&freeFunction);
  std::function<void()> quiet = [a, b, c] { use(a, b, c); }; // NOLINT(tightfit-heap-erasure)
  use(quiet);
}
