// Fix-its of tightfit-padded-record for each shape of C++ source they rewrite:
// declarations (with their comments), shared declarations, bit-field runs,
// anonymous members, the author's groups, constructor mem-initializer lists,
// positional (nested and brace-elided) and designated initializer lists.
// The fixed copy must compile; verify_layout then static_asserts, in the fixed
// copy, each fixed record's promised size and every named field's suggested
// offset, and for records left alone their unchanged field order.
//
// RUN: %check_fe %s --fix -- -std=c++20 --target=x86_64-linux-gnu
// RUN: %verify_layout %s --fix --target=x86_64-linux-gnu --min-verified=12 -- -std=c++20
//
// Sizes are worked out by hand for x86_64: char 1, short 2, int/float 4,
// long long/double/pointers 8, each aligned to its size. CHECK lines sit after
// each record: the harness blanks them in the fixed copy, and a blank line
// inside a record would be a group boundary.

// --- Declarations move with their comments. ---------------------------------
// flags@0 (7) id@8 len@16 (2) tag@20 -> 24. 15 bytes of fields need 16:
// {flags, len, tag, id} = 0, 2, 4, 8. The documentation above 'flags' and the
// comments after 'flags' and 'id' move with them; each comment is alone in its
// run afterwards, one space after the code (the spacing of the input's
// longest line).
struct Packet {
  /// Set by the sender.
  char flags;   // bit set
  long long id; // unique
  short len;
  int tag;
};
// CHECK-MESSAGES: :[[@LINE-7]]:8: warning: 'Packet' is 24 bytes with 9 bytes of padding; ordering fields as {flags, len, tag, id} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-FIXES:      struct Packet {
// CHECK-FIXES-NEXT:   /// Set by the sender.
// CHECK-FIXES-NEXT:   char flags; // bit set
// CHECK-FIXES-NEXT:   short len;
// CHECK-FIXES-NEXT:   int tag;
// CHECK-FIXES-NEXT:   long long id; // unique
// CHECK-FIXES-NEXT: };

// --- Aligned trailing comments are aligned again. ----------------------------
// a@0 (7) b@8 c@16 -> 24; {a, c, b} = 0, 1, 8 -> 16. All three lines keep
// their comments in one run, aligned at the longest code plus one space.
struct Aligned {
  char a;   // first
  double b; // second
  char c;   // third
};
// CHECK-MESSAGES: :[[@LINE-5]]:8: warning: 'Aligned' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-FIXES:      struct Aligned {
// CHECK-FIXES-NEXT:   char a;   // first
// CHECK-FIXES-NEXT:   char c;   // third
// CHECK-FIXES-NEXT:   double b; // second
// CHECK-FIXES-NEXT: };

// --- Attributes between the class key and the name are not export macros. -----
// a@0 (7) b@8 c@16 -> 24; {a, c, b} = 0, 1, 8 -> 16 (alignas(8) changes
// nothing). Neither alignas nor [[...]] marks a record exported.
struct alignas(8) [[maybe_unused]] Attributed {
  char a;
  double b;
  char c;
};
// CHECK-MESSAGES: :[[@LINE-5]]:36: warning: 'Attributed' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-FIXES:      struct alignas(8) {{\[\[}}maybe_unused]] Attributed {
// CHECK-FIXES-NEXT:   char a;
// CHECK-FIXES-NEXT:   char c;
// CHECK-FIXES-NEXT:   double b;
// CHECK-FIXES-NEXT: };

// --- The author's groups stay together where the optimum allows. -------------
// kind@0 (3) id@4 rate@8 flag@16 -> 24; 14 bytes need 16. Moving only 'flag'
// ({kind, flag, id, rate}) would split the second group; {id, kind, flag,
// rate} = 0, 4, 5, 8 keeps both groups, each in its own place.
struct Conn {
  char kind;
  int id;

  double rate;
  char flag;
};
// CHECK-MESSAGES: :[[@LINE-7]]:8: warning: 'Conn' is 24 bytes with 10 bytes of padding; ordering fields as {id, kind, flag, rate} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-FIXES:      struct Conn {
// CHECK-FIXES-NEXT:   int id;
// CHECK-FIXES-NEXT:   char kind;
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT:   char flag;
// CHECK-FIXES-NEXT:   double rate;
// CHECK-FIXES-NEXT: };

// --- One line: only the declarations move. -----------------------------------
// a@0 (3) b@4 c@8 -> 12; {a, c, b} = 0, 1, 4 -> 8.
struct Tiny { char a; int b; char c; };
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'Tiny' is 12 bytes with 6 bytes of padding; ordering fields as {a, c, b} makes it 8 bytes (saves 4 bytes, 33%) [tightfit-padded-record]
// CHECK-FIXES: struct Tiny { char a; char c; int b; };

// --- A shared declaration whose fields part is split. ------------------------
// a@0 (7) p@8 c@16 -> 24; {a, c, p} = 0, 1, 8 -> 16. 'char a, *p;' becomes
// 'char a;' and 'char *p;', the comment staying with the first.
struct SharedDecl {
  char a, *p; // two in one
  char c;
};
// CHECK-MESSAGES: :[[@LINE-4]]:8: warning: 'SharedDecl' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, p} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-FIXES:      struct SharedDecl {
// CHECK-FIXES-NEXT:   char a; // two in one
// CHECK-FIXES-NEXT:   char c;
// CHECK-FIXES-NEXT:   char *p;
// CHECK-FIXES-NEXT: };

// A shared declaration whose fields stay together in order stays whole:
// x@0 y@1 (6) d@8 z@16 -> 24; {x, y, z, d} = 0, 1, 2, 8 -> 16.
struct SharedKept {
  char x, y;
  double d;
  char z;
};
// CHECK-MESSAGES: :[[@LINE-5]]:8: warning: 'SharedKept' is 24 bytes with 13 bytes of padding; ordering fields as {x, y, z, d} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-FIXES:      struct SharedKept {
// CHECK-FIXES-NEXT:   char x, y;
// CHECK-FIXES-NEXT:   char z;
// CHECK-FIXES-NEXT:   double d;
// CHECK-FIXES-NEXT: };

// --- A bit-field run moves as one; an anonymous union and a named unnamed
// struct move whole. -------------------------------------------------------------
// a@0 (7) l@8 x,y in byte 16, b@17 -> 24; {a, x, y, b, l}: x and y share a's
// unsigned storage unit (byte 1), b@2, l@8 -> 16.
struct BitRun {
  char a;
  long long l;
  unsigned x : 3;
  unsigned y : 5;
  char b;
};
// CHECK-MESSAGES: :[[@LINE-7]]:8: warning: 'BitRun' is 24 bytes with 13 bytes of padding; ordering fields as {a, x, y, b, l} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-FIXES:      struct BitRun {
// CHECK-FIXES-NEXT:   char a;
// CHECK-FIXES-NEXT:   unsigned x : 3;
// CHECK-FIXES-NEXT:   unsigned y : 5;
// CHECK-FIXES-NEXT:   char b;
// CHECK-FIXES-NEXT:   long long l;
// CHECK-FIXES-NEXT: };

// a@0 union@4 b@8 s@16 (16 bytes) z@32 -> 40; 23 bytes of fields need 24:
// {a, b, z, (anonymous union), s} = 0, 1, 2, 4, 8.
struct WithAnonymous {
  char a;
  union {
    int i;
    float f;
  };
  char b;
  struct {
    char x;
    double y;
  } s;
  char z;
};
// CHECK-MESSAGES: :[[@LINE-13]]:8: warning: 'WithAnonymous' is 40 bytes with 17 bytes of padding; ordering fields as {a, b, z, (anonymous union), s} makes it 24 bytes (saves 16 bytes, 40%) [tightfit-padded-record]
// CHECK-FIXES:      struct WithAnonymous {
// CHECK-FIXES-NEXT:   char a;
// CHECK-FIXES-NEXT:   char b;
// CHECK-FIXES-NEXT:   char z;
// CHECK-FIXES-NEXT:   union {
// CHECK-FIXES-NEXT:     int i;
// CHECK-FIXES-NEXT:     float f;
// CHECK-FIXES-NEXT:   };
// CHECK-FIXES-NEXT:   struct {
// CHECK-FIXES-NEXT:     char x;
// CHECK-FIXES-NEXT:     double y;
// CHECK-FIXES-NEXT:   } s;
// CHECK-FIXES-NEXT: };

// --- Constructors: mem-initializer lists follow the new order. ---------------
// A POD base of 4 bytes, then a_@4 (3) b_@8 c_@16 -> 24; {a_, c_, b_}:
// a_@4, c_@5, b_@8 -> 16. Other members stay in their places; the fields are
// all private, so the access specifiers do not matter. Default member
// initializers move with their fields; no initializer reads another field.
struct Base {
  int id;
};
class Widget : public Base {
public:
  Widget(int i) : Base{i}, a_('a'), b_(2.0), c_('c') {}
  Widget();
  char get() const { return c_; }

private:
  char a_ = 'x';
  double b_ = 1.0;
  char c_ = 'y';
};
Widget::Widget() : a_('w'), b_(3.0) {}
// CHECK-MESSAGES: :[[@LINE-12]]:7: warning: 'Widget' is 24 bytes with 10 bytes of padding; ordering fields as {a_, c_, b_} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-FIXES:      class Widget : public Base {
// CHECK-FIXES-NEXT: public:
// CHECK-FIXES-NEXT:   Widget(int i) : Base{i}, a_('a'), c_('c'), b_(2.0) {}
// CHECK-FIXES:      private:
// CHECK-FIXES-NEXT:   char a_ = 'x';
// CHECK-FIXES-NEXT:   char c_ = 'y';
// CHECK-FIXES-NEXT:   double b_ = 1.0;
// CHECK-FIXES-NEXT: };
// CHECK-FIXES-NEXT: Widget::Widget() : a_('w'), b_(3.0) {}

// --- Positional initializer lists. ---------------------------------------------
// tag@0 (7) x@8 kind@16 -> 24; {tag, kind, x} = 0, 1, 8 -> 16. Every list
// that initialises a Point3 is rewritten to the new order; a list that stops
// before 'kind' names it with {} (what the omitted element was initialised
// from); one that ends with 'tag' needs nothing.
struct Point3 {
  char tag;
  double x;
  char kind;
};
// CHECK-MESSAGES: :[[@LINE-5]]:8: warning: 'Point3' is 24 bytes with 14 bytes of padding; ordering fields as {tag, kind, x} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-6]]:8: note: instances: array 'table' of 2, array 'elided' of 2, std::vector 'many'
Point3 full = {'a', 1.0, 'b'};
// CHECK-FIXES: Point3 full = {'a', 'b', 1.0};
Point3 partial = {'a', 1.0};
// CHECK-FIXES: Point3 partial = {'a', {}, 1.0};
Point3 first = {'a'};
// CHECK-FIXES: Point3 first = {'a'};
Point3 table[2] = {{'a', 1.0, 'b'}, {'c', 2.0, 'd'}};
// CHECK-FIXES: Point3 table[2] = {{[{][{]}}'a', 'b', 1.0}, {'c', 'd', 2.0}};
Point3 elided[2] = {'a', 1.0, 'b', 'c', 2.0, 'd'};
// CHECK-FIXES: Point3 elided[2] = {'a', 'b', 1.0, 'c', 'd', 2.0};
Point3 make() { return {'m', 3.0, 'n'}; }
// CHECK-FIXES: Point3 make() { return {'m', 'n', 3.0}; }
auto temporary = Point3{'q', 4.0, 'r'};
// CHECK-FIXES: auto temporary = Point3{'q', 'r', 4.0};
// A list in a template that does not depend on its parameters is rewritten
// once, for every instantiation.
template <typename T> Point3 makeWith(T t) { Point3 p{'t', 1.5, 'u'}; p.x += t; return p; }
// CHECK-FIXES: template <typename T> Point3 makeWith(T t) { Point3 p{'t', 'u', 1.5}; p.x += t; return p; }
Point3 fromInt = makeWith(1);
Point3 fromFloat = makeWith(2.0f);

// A record holding a Point3 is not reported (n@0, p@8 -> 32 whatever the
// order, 24 after the fix), but its lists hold Point3 lists, braced or not.
#include <vector>
struct Holder {
  int n;
  Point3 p;
};
Holder braced = {1, {'h', 5.0, 'i'}};
// CHECK-FIXES: Holder braced = {1, {'h', 'i', 5.0}};
Holder flat = {1, 'h', 5.0, 'i'};
// CHECK-FIXES: Holder flat = {1, 'h', 'i', 5.0};
Holder flatPartial = {1, 'h', 5.0};
// CHECK-FIXES: Holder flatPartial = {1, {'h', {}, 5.0}};
std::vector<Point3> many = {{'v', 6.0, 'w'}};
// CHECK-FIXES: std::vector<Point3> many = {{[{][{]}}'v', 'w', 6.0}};

// A brace-elided array inside the record gets braces when it moves:
// c@0 (3) v@4 d@12 -> 16; {c, d, v} = 0, 1, 4 -> 12.
struct WithArray {
  char c;
  int v[2];
  char d;
};
// CHECK-MESSAGES: :[[@LINE-5]]:8: warning: 'WithArray' is 16 bytes with 6 bytes of padding; ordering fields as {c, d, v} makes it 12 bytes (saves 4 bytes, 25%) [tightfit-padded-record]
WithArray wa = {'c', 1, 2, 'd'};
// CHECK-FIXES: WithArray wa = {'c', 'd', {1, 2}};
WithArray wb = {'c', 1, 2};
// CHECK-FIXES: WithArray wb = {'c', {}, {1, 2}};

// --- C++20 designated initializers follow the new declaration order. ----------
// verbose@0 (7) limit@8 dry@16 -> 24; {verbose, dry, limit} = 0, 1, 8 -> 16.
struct Options {
  bool verbose;
  long long limit;
  bool dry;
};
// CHECK-MESSAGES: :[[@LINE-5]]:8: warning: 'Options' is 24 bytes with 14 bytes of padding; ordering fields as {verbose, dry, limit} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
Options all{.verbose = true, .limit = 5, .dry = false};
// CHECK-FIXES: Options all{.verbose = true, .dry = false, .limit = 5};
Options some{.verbose = true, .limit = 7};
// CHECK-FIXES: Options some{.verbose = true, .limit = 7};

// --- Nested records, both reported: the inner one is fixed first; the outer
// one's edits would overlap (its lists hold the inner lists), so it waits for
// the next run. ----------------------------------------------------------------
// Inner: a@0 (3) b@4 c@8 -> 12; {a, c, b} -> 8.
// Outer: flag@0 (3) in@4 (12) tail@16 (7) big@24 -> 32; {flag, tail, in, big}:
// flag@0, tail@1, in@4, big@16 -> 24.
struct Inner {
  char a;
  int b;
  char c;
};
// CHECK-MESSAGES: :[[@LINE-5]]:8: warning: 'Inner' is 12 bytes with 6 bytes of padding; ordering fields as {a, c, b} makes it 8 bytes (saves 4 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-6]]:8: note: instances: member of 'Outer'
// CHECK-FIXES:      struct Inner {
// CHECK-FIXES-NEXT:   char a;
// CHECK-FIXES-NEXT:   char c;
// CHECK-FIXES-NEXT:   int b;
// CHECK-FIXES-NEXT: };
struct Outer {
  char flag;
  Inner in;
  char tail;
  double big;
};
// CHECK-MESSAGES: :[[@LINE-6]]:8: warning: 'Outer' is 32 bytes with 10 bytes of padding; ordering fields as {flag, tail, in, big} makes it 24 bytes (saves 8 bytes, 25%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-7]]:8: note: no fix-it in this run: it would overlap the fix-it for 'Inner'; apply the fixes again
// CHECK-FIXES:      struct Outer {
// CHECK-FIXES-NEXT:   char flag;
// CHECK-FIXES-NEXT:   Inner in;
// CHECK-FIXES-NEXT:   char tail;
// CHECK-FIXES-NEXT:   double big;
// CHECK-FIXES-NEXT: };
Outer nested = {'f', {'a', 1, 'c'}, 't', 2.0};
// CHECK-FIXES: Outer nested = {'f', {'a', 'c', 1}, 't', 2.0};
