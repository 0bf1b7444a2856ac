// The runtime cross-check corpus of tightfit-heap-erasure (see
// test/erasure/README.md). Each CASE measures one statement, the line whose
// comment says "site", with a counting global operator new, and prints its
// name and the number of allocations that statement made. cross_check.py runs tightfit on
// this file (with ReportInPlace, so every site gets a verdict) and compares
// the verdict's `allocations` with what the program observed, per library.
//
// Rules for cases: setup happens before the Probe; captured objects copy
// without allocating (short strings, empty vectors, shared_ptr); one wrapper
// construction, assignment or copy on the site line.
#include <any>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <future>
#include <memory>
#include <new>
#include <string>
#include <vector>

// --- Counting allocations ------------------------------------------------------

static long Allocations = 0;
static bool Counting = false;

static void *allocate(std::size_t Size, std::size_t Align) {
  if (Counting)
    ++Allocations;
  if (Size == 0)
    Size = 1;
  void *P = Align > alignof(std::max_align_t)
                ? std::aligned_alloc(Align, (Size + Align - 1) / Align * Align)
                : std::malloc(Size);
  if (!P)
    throw std::bad_alloc();
  return P;
}

void *operator new(std::size_t N) { return allocate(N, 0); }
void *operator new[](std::size_t N) { return allocate(N, 0); }
void *operator new(std::size_t N, std::align_val_t A) { return allocate(N, std::size_t(A)); }
void *operator new[](std::size_t N, std::align_val_t A) { return allocate(N, std::size_t(A)); }
void *operator new(std::size_t N, const std::nothrow_t &) noexcept { return std::malloc(N ? N : 1); }
void operator delete(void *P) noexcept { std::free(P); }
void operator delete[](void *P) noexcept { std::free(P); }
void operator delete(void *P, std::size_t) noexcept { std::free(P); }
void operator delete[](void *P, std::size_t) noexcept { std::free(P); }
void operator delete(void *P, std::align_val_t) noexcept { std::free(P); }
void operator delete[](void *P, std::align_val_t) noexcept { std::free(P); }
void operator delete(void *P, std::size_t, std::align_val_t) noexcept { std::free(P); }
void operator delete[](void *P, std::size_t, std::align_val_t) noexcept { std::free(P); }

struct Probe {
  Probe() {
    Allocations = 0;
    Counting = true;
  }
  /// Stops counting; the arguments stay alive until here.
  template <class... T> long stop(const T &...) {
    Counting = false;
    return Allocations;
  }
};

struct Case {
  const char *Name;
  long (*Run)();
};
static Case Cases[128];
static int CaseCount = 0;
struct Registrar {
  Registrar(const char *Name, long (*Run)()) { Cases[CaseCount++] = {Name, Run}; }
};
#define CASE(Name)                                                                                 \
  static long Name();                                                                              \
  static Registrar Register_##Name(#Name, Name);                                                   \
  static long Name()

// --- Values ----------------------------------------------------------------------

static int Global = 0;
static void use(...) {}
static void freeFunction() {}
static void freeFunction2(int) {}

struct Functor24 {
  void *P[3] = {};
  void operator()() const {}
};
struct ThrowingCopy {
  void *P = nullptr;
  ThrowingCopy() = default;
  ThrowingCopy(const ThrowingCopy &O) : P(O.P) {}
  void operator()() const {}
};
struct NoexceptCopy {
  void *P = nullptr;
  NoexceptCopy() = default;
  NoexceptCopy(const NoexceptCopy &O) noexcept : P(O.P) {}
  void operator()() const {}
};
struct UserDestructor {
  void *P = nullptr;
  ~UserDestructor() {}
  void operator()() const {}
};
struct alignas(16) OverAligned16 {
  char C = 0;
  void operator()() const {}
};
struct alignas(32) OverAligned32 {
  char C = 0;
  void operator()() const {}
};
struct Widget {
  void *P = nullptr;
  void method() {}
};
struct Pair16 {
  void *A = nullptr, *B = nullptr;
};
struct Triple24 {
  void *A = nullptr, *B = nullptr, *C = nullptr;
};
struct Quad32 {
  void *A = nullptr, *B = nullptr, *C = nullptr, *D = nullptr;
};
struct ThrowingMove {
  void *P = nullptr;
  ThrowingMove() = default;
  ThrowingMove(const ThrowingMove &O) : P(O.P) {}
  ThrowingMove(ThrowingMove &&O) : P(O.P) {}
  void operator()() const {}
};

static void takeByValue(std::function<void()> F) { F(); }
static void runCallback(const std::function<void()> &F) { F(); }

// --- std::function: lambdas of 0 to 64 bytes -------------------------------------------

CASE(fn_lambda_empty) {
  Probe P;
  std::function<void()> F = [] {}; // site
  return P.stop(F);
}

CASE(fn_lambda_1_pointer) {
  void *A = &Global;
  Probe P;
  std::function<void()> F = [A] { use(A); }; // site
  return P.stop(F);
}

CASE(fn_lambda_2_pointers) {
  void *A = &Global, *B = &Global;
  Probe P;
  std::function<void()> F = [A, B] { use(A, B); }; // site
  return P.stop(F);
}

CASE(fn_lambda_3_ints) {
  int X = 1, Y = 2, Z = 3;
  Probe P;
  std::function<void()> F = [X, Y, Z] { use(X, Y, Z); }; // site
  return P.stop(F);
}

CASE(fn_lambda_3_pointers) {
  void *A = &Global, *B = &Global, *C = &Global;
  Probe P;
  std::function<void()> F = [A, B, C] { use(A, B, C); }; // site
  return P.stop(F);
}

CASE(fn_lambda_4_pointers) {
  void *A = &Global, *B = &Global, *C = &Global, *D = &Global;
  Probe P;
  std::function<void()> F = [A, B, C, D] { use(A, B, C, D); }; // site
  return P.stop(F);
}

CASE(fn_lambda_5_pointers) {
  void *A = &Global, *B = &Global, *C = &Global, *D = &Global, *E = &Global;
  Probe P;
  std::function<void()> F = [A, B, C, D, E] { use(A, B, C, D, E); }; // site
  return P.stop(F);
}

CASE(fn_lambda_48_byte_array) {
  char Buffer[48] = {};
  Probe P;
  std::function<void()> F = [Buffer] { use(Buffer[0]); }; // site
  return P.stop(F);
}

CASE(fn_lambda_64_byte_array) {
  char Buffer[64] = {};
  Probe P;
  std::function<void()> F = [Buffer] { use(Buffer[0]); }; // site
  return P.stop(F);
}

CASE(fn_lambda_char) {
  char C = 'c';
  Probe P;
  std::function<void()> F = [C] { use(C); }; // site
  return P.stop(F);
}

CASE(fn_lambda_by_reference) {
  std::string S = "short";
  Probe P;
  std::function<void()> F = [&S] { use(S.size()); }; // site
  return P.stop(F);
}

CASE(fn_lambda_this) {
  struct Local {
    void *Member = nullptr;
    long run() {
      Probe P;
      std::function<void()> F = [this] { use(Member); }; // site
      return P.stop(F);
    }
  };
  return Local().run();
}

// --- std::function: captured types ---------------------------------------------------

CASE(fn_lambda_string) {
  std::string S = "short";
  Probe P;
  std::function<void()> F = [S] { use(S.size()); }; // site
  return P.stop(F);
}

CASE(fn_lambda_shared_ptr) {
  auto Shared = std::make_shared<int>(1);
  Probe P;
  std::function<void()> F = [Shared] { use(Shared.get()); }; // site
  return P.stop(F);
}

CASE(fn_lambda_empty_vector) {
  std::vector<int> V;
  Probe P;
  std::function<void()> F = [V] { use(V.size()); }; // site
  return P.stop(F);
}

CASE(fn_lambda_throwing_copy) {
  ThrowingCopy T;
  Probe P;
  std::function<void()> F = [T] { T(); }; // site
  return P.stop(F);
}

CASE(fn_lambda_noexcept_copy) {
  NoexceptCopy T;
  Probe P;
  std::function<void()> F = [T] { T(); }; // site
  return P.stop(F);
}

CASE(fn_lambda_user_destructor) {
  UserDestructor T;
  Probe P;
  std::function<void()> F = [T] { T(); }; // site
  return P.stop(F);
}

CASE(fn_functor_24) {
  Probe P;
  std::function<void()> F = Functor24(); // site
  return P.stop(F);
}

CASE(fn_functor_over_aligned_16) {
  Probe P;
  std::function<void()> F = OverAligned16(); // site
  return P.stop(F);
}

CASE(fn_functor_over_aligned_32) {
  Probe P;
  std::function<void()> F = OverAligned32(); // site
  return P.stop(F);
}

CASE(fn_function_pointer) {
  Probe P;
  std::function<void()> F = &freeFunction; // site
  return P.stop(F);
}

CASE(fn_member_function_pointer) {
  Probe P;
  std::function<void(Widget &)> F = &Widget::method; // site
  return P.stop(F);
}

CASE(fn_bind_free_function) {
  Probe P;
  std::function<void()> F = std::bind(&freeFunction2, 1); // site
  return P.stop(F);
}

CASE(fn_bind_member_function) {
  Widget W;
  Probe P;
  std::function<void()> F = std::bind(&Widget::method, &W); // site
  return P.stop(F);
}

CASE(fn_reference_wrapper) {
  Functor24 Big;
  Probe P;
  std::function<void()> F = std::ref(Big); // site
  return P.stop(F);
}

// --- std::function: nested wrappers, assignment, copies, call sites ------------------------

CASE(fn_nested_small_inner) {
  std::function<int()> Inner = [] { return 1; };
  Probe P;
  std::function<void()> Outer = Inner; // site
  return P.stop(Outer, Inner);
}

CASE(fn_nested_big_inner) {
  void *A = &Global, *B = &Global, *C = &Global;
  std::function<int()> Inner = [A, B, C] { use(A, B, C); return 1; };
  Probe P;
  std::function<void()> Outer = Inner; // site
  return P.stop(Outer, Inner);
}

CASE(fn_assign_3_pointers) {
  void *A = &Global, *B = &Global, *C = &Global;
  std::function<void()> F;
  Probe P;
  F = [A, B, C] { use(A, B, C); }; // site
  return P.stop(F);
}

CASE(fn_assign_function_pointer) {
  std::function<void()> F;
  Probe P;
  F = &freeFunction; // site
  return P.stop(F);
}

CASE(fn_copy_3_pointers) {
  void *A = &Global, *B = &Global, *C = &Global;
  std::function<void()> F = [A, B, C] { use(A, B, C); };
  Probe P;
  std::function<void()> G = F; // site
  return P.stop(F, G);
}

CASE(fn_copy_1_pointer) {
  void *A = &Global;
  std::function<void()> F = [A] { use(A); };
  Probe P;
  std::function<void()> G = F; // site
  return P.stop(F, G);
}

CASE(fn_copy_string) {
  std::string S = "short";
  std::function<void()> F = [S] { use(S.size()); };
  Probe P;
  std::function<void()> G = F; // site
  return P.stop(F, G);
}

CASE(fn_copy_assign_3_pointers) {
  void *A = &Global, *B = &Global, *C = &Global;
  std::function<void()> F = [A, B, C] { use(A, B, C); };
  std::function<void()> G;
  Probe P;
  G = F; // site
  return P.stop(F, G);
}

CASE(fn_copy_to_value_parameter) {
  void *A = &Global, *B = &Global, *C = &Global;
  std::function<void()> F = [A, B, C] { use(A, B, C); };
  Probe P;
  takeByValue(F); // site
  return P.stop(F);
}

CASE(fn_copy_into_capture) {
  void *A = &Global, *B = &Global, *C = &Global;
  std::function<void()> F = [A, B, C] { use(A, B, C); };
  Probe P;
  auto L = [F] { F(); }; // site
  return P.stop(F, L);
}

CASE(fn_argument_conversion) {
  void *A = &Global, *B = &Global, *C = &Global;
  Probe P;
  runCallback([A, B, C] { use(A, B, C); }); // site
  return P.stop();
}

CASE(fn_push_back) {
  void *A = &Global, *B = &Global, *C = &Global;
  std::vector<std::function<void()>> V;
  V.reserve(4);
  Probe P;
  V.push_back([A, B, C] { use(A, B, C); }); // site
  return P.stop(V);
}

CASE(fn_emplace_back) {
  void *A = &Global, *B = &Global, *C = &Global;
  std::vector<std::function<void()>> V;
  V.reserve(4);
  Probe P;
  V.emplace_back([A, B, C] { use(A, B, C); }); // site
  return P.stop(V);
}

// --- std::any ------------------------------------------------------------------------------

CASE(any_int) {
  Probe P;
  std::any X = 42; // site
  return P.stop(X);
}

CASE(any_double) {
  Probe P;
  std::any X = 4.2; // site
  return P.stop(X);
}

CASE(any_pointer) {
  Probe P;
  std::any X = &Global; // site
  return P.stop(X);
}

CASE(any_string_literal) {
  Probe P;
  std::any X = "literal"; // site
  return P.stop(X);
}

CASE(any_string) {
  std::string S = "short";
  Probe P;
  std::any X = S; // site
  return P.stop(X);
}

CASE(any_shared_ptr) {
  auto Shared = std::make_shared<int>(1);
  Probe P;
  std::any X = Shared; // site
  return P.stop(X);
}

CASE(any_struct_16) {
  Probe P;
  std::any X = Pair16(); // site
  return P.stop(X);
}

CASE(any_struct_24) {
  Probe P;
  std::any X = Triple24(); // site
  return P.stop(X);
}

CASE(any_struct_32) {
  Probe P;
  std::any X = Quad32(); // site
  return P.stop(X);
}

CASE(any_throwing_move) {
  Probe P;
  std::any X = ThrowingMove(); // site
  return P.stop(X);
}

CASE(any_over_aligned) {
  Probe P;
  std::any X = OverAligned16(); // site
  return P.stop(X);
}

CASE(any_make_any_string) {
  Probe P;
  std::any X = std::make_any<std::string>("short"); // site
  return P.stop(X);
}

CASE(any_in_place_vector) {
  Probe P;
  std::any X(std::in_place_type<std::vector<int>>); // site
  return P.stop(X);
}

CASE(any_emplace_string) {
  std::any X;
  Probe P;
  X.emplace<std::string>("short"); // site
  return P.stop(X);
}

CASE(any_assign_string) {
  std::string S = "short";
  std::any X;
  Probe P;
  X = S; // site
  return P.stop(X);
}

CASE(any_copy_string) {
  std::string S = "short";
  std::any X = S;
  Probe P;
  std::any Y = X; // site
  return P.stop(X, Y);
}

CASE(any_function) {
  std::function<void()> Callback = [] {};
  Probe P;
  std::any X = Callback; // site
  return P.stop(X, Callback);
}

// --- std::move_only_function (C++23; libstdc++ 12 has it, libc++ 19 does not) ------------

#if defined(__cpp_lib_move_only_function)
CASE(mof_lambda_3_pointers) {
  void *A = &Global, *B = &Global, *C = &Global;
  Probe P;
  std::move_only_function<void()> F = [A, B, C] { use(A, B, C); }; // site
  return P.stop(F);
}

CASE(mof_lambda_4_pointers) {
  void *A = &Global, *B = &Global, *C = &Global, *D = &Global;
  Probe P;
  std::move_only_function<void()> F = [A, B, C, D] { use(A, B, C, D); }; // site
  return P.stop(F);
}

CASE(mof_lambda_unique_ptr) {
  auto Owned = std::make_unique<int>(1);
  Probe P;
  std::move_only_function<void()> F = [Owned = std::move(Owned)] { use(Owned.get()); }; // site
  return P.stop(F);
}

CASE(mof_lambda_string) {
  std::string S = "short";
  Probe P;
  std::move_only_function<void()> F = [S] { use(S.size()); }; // site
  return P.stop(F);
}

CASE(mof_const_capture_copies_on_move) {
  // The closure's member is const: moving the closure copies it, and that
  // copy may throw.
  const ThrowingCopy T;
  Probe P;
  std::move_only_function<void()> F = [T] { T(); }; // site
  return P.stop(F);
}

CASE(mof_throwing_move) {
  Probe P;
  std::move_only_function<void()> F = ThrowingMove(); // site
  return P.stop(F);
}
#endif

// --- std::packaged_task ------------------------------------------------------------------

CASE(task_small) {
  Probe P;
  std::packaged_task<int()> T([] { return 1; }); // site
  return P.stop(T);
}

CASE(task_4_pointers) {
  void *A = &Global, *B = &Global, *C = &Global, *D = &Global;
  Probe P;
  std::packaged_task<int()> T([A, B, C, D] { use(A, B, C, D); return 1; }); // site
  return P.stop(T);
}

int main() {
  for (int I = 0; I < CaseCount; ++I)
    std::printf("%s %ld\n", Cases[I].Name, Cases[I].Run());
  return 0;
}
