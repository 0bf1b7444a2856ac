// Records tightfit-padded-record reports but does not rewrite: the warning
// stays, one note says why, and clang-tidy -fix leaves this file unchanged
// (it has no CHECK-FIXES line, so the harness asserts exactly that).
//
// RUN: %check_fe %s --fix -- -std=c++20 --target=x86_64-linux-gnu
//
// Unless said otherwise the records are {char a; double b; char c;}: a@0 (7)
// b@8 c@16 (7) -> 24 bytes; {a, c, b} = 0, 1, 8 -> 16 bytes.

#include <compare>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <vector>

// --- Where the record is. -------------------------------------------------------

#define DECLARE_RECORD(Name) \
  struct Name {              \
    char a;                  \
    double b;                \
    char c;                  \
  }
DECLARE_RECORD(FromMacro);
// CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'FromMacro' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-2]]:16: note: no fix-it: the record is spelled by a macro

template <typename T> struct Box {
  char tag;
  T value;
  char flag;
};
Box<double> box;
// CHECK-MESSAGES: :[[@LINE-6]]:30: warning: 'Box<double>' is 24 bytes with 14 bytes of padding; ordering fields as {tag, flag, value} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-7]]:30: note: no fix-it: the best order of a class template depends on its arguments

// --- What the declaration says. ----------------------------------------------------

#define FIELD(type, name) type name;
struct FieldFromMacro {
  char a;
  FIELD(double, b)
  char c;
};
// CHECK-MESSAGES: :[[@LINE-5]]:8: warning: 'FieldFromMacro' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-4]]:3: note: no fix-it: field 'b' is spelled by a macro

struct WithDirective {
  char a;
#ifdef TIGHTFIT_NEVER_DEFINED
  int debug;
#endif
  double b;
  char c;
};
// CHECK-MESSAGES: :[[@LINE-8]]:8: warning: 'WithDirective' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-9]]:8: note: no fix-it: a preprocessor directive among the fields hides the fields of other configurations

// a@0 (7) p@8 c@16 -> 24; {a, c, p} -> 16 needs 'char a, *p;' split, but a
// comment sits between the shared type and the first declarator.
struct Unsplittable {
  char /* tag */ a, *p;
  char c;
};
// CHECK-MESSAGES: :[[@LINE-4]]:8: warning: 'Unsplittable' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, p} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-4]]:18: note: no fix-it: the declaration of 'a' would have to be split, and it cannot be

// x@0 a@8 (7) y@16 b@24 (7) -> 32. 18 bytes need 24: {x, a, b, y} moves one
// field, but 'b' is public and 'y' private. Within their sections ({x, a},
// {y}, {b}) nothing is smaller than 32.
class MixedAccess {
public:
  double x;
  char a;

private:
  double y;

public:
  char b;
};
// CHECK-MESSAGES: :[[@LINE-11]]:7: warning: 'MixedAccess' is 32 bytes with 14 bytes of padding; ordering fields as {x, a, b, y} makes it 24 bytes (saves 8 bytes, 25%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-12]]:7: note: no fix-it: the order moves fields between access sections

// a@0 (7) d@8 buf@16 c@20 (3) -> 24; {a, buf, c, d} = 0, 1, 5, 8 -> 16 moves
// one field, but 'buf' would then precede 'd', which its bound names.
struct UsesLaterField {
  char a;
  double d;
  char buf[sizeof(d) - 4];
  char c;
};
// CHECK-MESSAGES: :[[@LINE-6]]:8: warning: 'UsesLaterField' is 24 bytes with 10 bytes of padding; ordering fields as {a, buf, c, d} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-4]]:8: note: no fix-it: 'buf' would move above 'd', which its declaration uses

// #pragma pack(4): a@0 (3) b@4 c@12 (3) -> 16; {a, c, b} -> 12.
#pragma pack(push, 4)
struct Packed4 {
  char a;
  long long b;
  char c;
};
#pragma pack(pop)
// CHECK-MESSAGES: :[[@LINE-6]]:8: warning: 'Packed4' is 16 bytes with 6 bytes of padding; ordering fields as {a, c, b} makes it 12 bytes (saves 4 bytes, 25%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-7]]:8: note: no fix-it: a packed record usually describes a fixed binary format

struct Registers {
  char a;
  volatile double b;
  char c;
};
// CHECK-MESSAGES: :[[@LINE-5]]:8: warning: 'Registers' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-4]]:19: note: no fix-it: volatile field 'b' suggests a layout shared with hardware or other processes

extern "C" {
struct CShared {
  char a;
  double b;
  char c;
};
}
// CHECK-MESSAGES: :[[@LINE-6]]:8: warning: 'CShared' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-7]]:8: note: no fix-it: C and C++ code may share this layout (it is declared in an extern "C" block; the option FixCLinkageRecords allows it)

// Exported from a library: programs built against its installed header keep
// the old layout. An export macro that a static build defines as nothing, the
// attribute a shared build gives, and a class nested in an exported one.
#define MYLIB_EXPORT
struct MYLIB_EXPORT ApiOptions {
  char a;
  double b;
  char c;
};
// CHECK-MESSAGES: :[[@LINE-5]]:21: warning: 'ApiOptions' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-6]]:21: note: no fix-it: it is exported from its library ('MYLIB_EXPORT'): programs built against the old layout would break; the option FixExportedRecords allows it

struct __attribute__((visibility("default"))) ApiVisible {
  char a;
  double b;
  char c;
};
// CHECK-MESSAGES: :[[@LINE-5]]:47: warning: 'ApiVisible' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-6]]:47: note: no fix-it: it is exported from its library (visibility attribute): programs built against the old layout would break; the option FixExportedRecords allows it

struct MYLIB_EXPORT ApiHolder {
  struct Entry {
    char a;
    double b;
    char c;
  };
};
// CHECK-MESSAGES: :[[@LINE-6]]:10: warning: 'ApiHolder::Entry' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-7]]:10: note: no fix-it: it is exported from its library ('MYLIB_EXPORT'): programs built against the old layout would break; the option FixExportedRecords allows it

struct Ordered {
  char a;
  double b;
  char c;
  auto operator<=>(const Ordered &) const = default;
};
// CHECK-MESSAGES: :[[@LINE-6]]:8: warning: 'Ordered' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-3]]:8: note: no fix-it: the defaulted 'operator<=>' compares fields in declaration order

// --- Uses that observe the layout. ----------------------------------------------------

struct Offsets {
  char a;
  double b;
  char c;
};
constexpr std::size_t OffsetOfB = offsetof(Offsets, b);
// CHECK-MESSAGES: :[[@LINE-6]]:8: warning: 'Offsets' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-2]]:35: note: no fix-it: offsetof reads its layout here

struct Asserted {
  char a;
  double b;
  char c;
};
static_assert(sizeof(Asserted) == 24, "the wire format has 24 bytes");
// CHECK-MESSAGES: :[[@LINE-6]]:8: warning: 'Asserted' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-2]]:15: note: no fix-it: its size is asserted or compared here

struct Compared {
  char a;
  double b;
  char c;
};
bool fitsInHeader() { return sizeof(Compared) <= 24; }
// CHECK-MESSAGES: :[[@LINE-6]]:8: warning: 'Compared' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-2]]:30: note: no fix-it: its size is asserted or compared here

struct Bound {
  char a;
  double b;
  char c;
};
char unpack(Bound v) { auto [x, y, z] = v; return char(x + y + z); }
// CHECK-MESSAGES: :[[@LINE-6]]:8: warning: 'Bound' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-2]]:29: note: no fix-it: a structured binding unpacks its fields by position here

struct Copied {
  char a;
  double b;
  char c;
};
void toBytes(const Copied &v, char *out) { std::memcpy(out, &v, sizeof v); }
// CHECK-MESSAGES: :[[@LINE-6]]:8: warning: 'Copied' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-2]]:44: note: no fix-it: 'memcpy' copies its bytes to or from another type here

struct Written {
  char a;
  double b;
  char c;
};
void save(const Written &v, std::FILE *f) { std::fwrite(&v, sizeof v, 1, f); }
// CHECK-MESSAGES: :[[@LINE-6]]:8: warning: 'Written' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-2]]:45: note: no fix-it: 'fwrite' reads or writes its bytes here

struct Reinterpreted {
  char a;
  double b;
  char c;
};
const unsigned char *bytesOf(const Reinterpreted &v) {
  return reinterpret_cast<const unsigned char *>(&v);
}
// CHECK-MESSAGES: :[[@LINE-8]]:8: warning: 'Reinterpreted' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-3]]:10: note: no fix-it: a cast reinterprets its bytes here

// A fixed address: a device's registers.
struct Mapped {
  char a;
  double b;
  char c;
};
Mapped *device() { return (Mapped *)0x40000000UL; }
// CHECK-MESSAGES: :[[@LINE-6]]:8: warning: 'Mapped' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-2]]:27: note: no fix-it: a cast reinterprets its bytes here

struct Raw {
  char bytes[24];
};
struct BitCast {
  char a;
  double b;
  char c;
};
Raw rawOf(BitCast v) { return __builtin_bit_cast(Raw, v); }
// CHECK-MESSAGES: :[[@LINE-6]]:8: warning: 'BitCast' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-2]]:31: note: no fix-it: a bit cast reinterprets its bytes here

// --- Initialisation order. ----------------------------------------------------------

struct ReadsLater {
  char a = 1;
  double b = 2.0;
  char c = char(b);
};
// CHECK-MESSAGES: :[[@LINE-5]]:8: warning: 'ReadsLater' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-3]]:8: note: no fix-it: the initialiser of 'c' reads 'b', which the new order would initialise after it

int nextId();
struct Effects {
  char a;
  double b = nextId();
  char c = char(nextId());
};
// CHECK-MESSAGES: :[[@LINE-5]]:8: warning: 'Effects' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-4]]:10: note: no fix-it: the initialisers of 'b' and 'c' have effects that would run in the other order

// Guard (1 byte) and Big (8 bytes) run user code when built and destroyed.
// g@0 (7) b@8 h@16 (7) -> 24; {g, h, b} -> 16 builds h before b.
struct Guard {
  Guard();
  ~Guard();
  char x;
};
struct Big {
  Big();
  ~Big();
  double v;
};
struct Lifetimes {
  Guard g;
  Big b;
  Guard h;
};
// CHECK-MESSAGES: :[[@LINE-5]]:8: warning: 'Lifetimes' is 24 bytes with 14 bytes of padding; ordering fields as {g, h, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-4]]:7: note: no fix-it: 'b' and 'h' would be constructed and destroyed in the other order, and their types run user-written code then

// --- Initialiser lists that cannot be rewritten. ----------------------------------------

#define LIST(x, y, z) {x, y, z}
struct MacroInit {
  char a;
  double b;
  char c;
};
MacroInit fromMacro = LIST('a', 1.0, 'c');
// CHECK-MESSAGES: :[[@LINE-6]]:8: warning: 'MacroInit' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-2]]:23: note: no fix-it: an initialiser list of it is spelled by a macro here

struct TemplateInit {
  char a;
  double b;
  char c;
};
template <typename T> T makeT() { return T{'a', 1.0, 'c'}; }
TemplateInit fromTemplate = makeT<TemplateInit>();
// CHECK-MESSAGES: :[[@LINE-7]]:8: warning: 'TemplateInit' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-3]]:43: note: no fix-it: a template initialises it with a list here

// The list stops before 'c', which the new order puts before 'b': it would
// have to name 'c', whose default member initializer {} would not reproduce.
struct DefaultInMiddle {
  char a;
  double b;
  char c = 'c';
};
DefaultInMiddle partialList = {'a', 1.0};
// CHECK-MESSAGES: :[[@LINE-6]]:8: warning: 'DefaultInMiddle' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-2]]:31: note: no fix-it: a positional initialiser would have to initialise 'c' explicitly here, and no value is safe to write for it

struct ParenInit {
  char a;
  double b;
  char c;
};
ParenInit fromParens('a', 1.0, 'c');
// CHECK-MESSAGES: :[[@LINE-6]]:8: warning: 'ParenInit' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-2]]:21: note: no fix-it: it is aggregate-initialised with parentheses here

struct Emplaced {
  char a;
  double b;
  char c;
};
void fill(std::vector<Emplaced> &v) { v.emplace_back('a', 1.0, 'c'); }
// CHECK-MESSAGES: :[[@LINE-6]]:8: warning: 'Emplaced' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-7]]:8: note: instances: std::vector 'v'
// CHECK-MESSAGES: :[[@LINE-3]]:39: note: no fix-it: it is aggregate-initialised with parentheses here
