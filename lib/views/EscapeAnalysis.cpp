//===- EscapeAnalysis.cpp - may an owner become a view? -------------------===//
//
// An owner `s` (a `const std::string &` or `std::string` parameter, a
// `const std::vector<T> &` or `std::vector<T>` parameter, or a local copy) may
// become a view only when every use of it is on this list, checked use by use
// from the expression up (anything not on the list is a blocker, so a
// construct the rules do not know never yields a verdict):
//
//  Reads the view supports with the same meaning and result type:
//   - size(), length(), empty(), `npos`; for strings find, rfind,
//     find_first_of, find_last_of, find_first_not_of, find_last_not_of,
//     compare, starts_with, ends_with, contains, whose arguments are strings,
//     views, char pointers, chars or integers;
//   - s[i], front(), back(), at() (strings only: std::span has no at() before
//     C++26) when the element is only read: converted to a value, copied, a
//     field of it read, or a const member of it called; `&s[0]` is a pointer
//     that might be taken for a C string, and `s[s.size()]` reads the NUL a
//     view does not have;
//   - data() only as the pointer of a pointer-and-length call: memcmp, memcpy,
//     memmove, memchr, fwrite, write, or a std::string / std::string_view /
//     std::ostream member taking an explicit length after it;
//   - begin()/end() (not cbegin()/cend() for spans before C++23) only as
//     arguments of a non-mutating standard algorithm that returns a number or
//     bool (all_of, count, equal, accumulate, ...), or of a std::string /
//     std::vector range constructor; and a range-for whose loop variable is a
//     copy or a const reference;
//   - comparisons of strings with strings, views or char pointers through the
//     standard operators (spans have no operator==);
//   - `std::ostream << s` through the standard inserter;
//   - a conversion into the view type (passing it on to a view parameter);
//   - substr(), when its result is itself only used in one of these ways
//     (it becomes a view too);
//   - building a new local owner from it: `std::string t(s)`, `std::string{s}`,
//     `std::string(s)`, `local += s`, `local.append(s)` and the other
//     std::string members that take any string-view-like type since C++17;
//   - a heterogeneous lookup `m.find(s)` in a std::map / std::set whose
//     comparator is the transparent std::less<>.
//
//  Blockers (each a reason no diagnostic is given):
//   - returned: return s, return s.substr(...), a reference to an element;
//   - stored: assigned to anything but a fresh local, put in a container,
//     an aggregate, a constructor argument of another class;
//   - captured: by any lambda, unless the lambda is provably invoked and dead
//     within the call (called on the spot, or passed to a standard algorithm
//     that only calls it), or handed to bind/thread/async;
//   - a coroutine: its parameters live in the coroutine frame;
//   - NUL needed: c_str(), data() anywhere else, &s[0], s[s.size()];
//   - owner needed: passed to a std::string / std::vector parameter,
//     operator+, copy-initialisation (`std::string t = s;`), members the view
//     lacks (capacity, c_str, ...), a map lookup without transparent
//     comparator;
//   - modified: any non-const member or operator, std::move, a mutable loop
//     reference;
//   - address taken, passed to a template (std::move, std::forward, a
//     formatting library: what it instantiates for a view may differ).
//
// Aliasing (findAliasingHazard): a view reads the caller's buffer directly,
// so anything that can reallocate that buffer during the call turns it into
// a dangling pointer, where the owner reference would have followed the
// change. The function must not receive another parameter through which the
// referent may be changed (a mutable reference or pointer to an object, a
// smart pointer to a mutable object, a callback), must not call a non-const
// member of, or pass as mutable, anything reached from `this` or from a
// mutable global, and must not delete anything. A callee that reaches the
// referent through global state of its own is not visible here; that limit is
// documented with the checks.
//
//===----------------------------------------------------------------------===//
#include "lib/views/EscapeAnalysis.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;

namespace tightfit::views {

StringRef describe(UseBlocker Blocker) {
  switch (Blocker) {
  case UseBlocker::None:
    return "none";
  case UseBlocker::Returned:
    return "returned";
  case UseBlocker::Stored:
    return "stored";
  case UseBlocker::Captured:
    return "captured";
  case UseBlocker::Coroutine:
    return "coroutine";
  case UseBlocker::NeedsNul:
    return "needs NUL terminator";
  case UseBlocker::NeedsOwner:
    return "needs the owning type";
  case UseBlocker::Modified:
    return "modified";
  case UseBlocker::AddressTaken:
    return "address taken";
  case UseBlocker::Aliasing:
    return "aliasing";
  case UseBlocker::TypeDependent:
    return "passed to a template";
  case UseBlocker::Unmodelled:
    return "use not modelled";
  }
  return "unknown";
}

namespace {

bool isInStd(const Decl *D) { return D && D->isInStdNamespace(); }

bool isStdRecordNamed(QualType T, std::initializer_list<StringRef> Names) {
  const CXXRecordDecl *RD = T.isNull() ? nullptr : T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->isInStdNamespace() || !RD->getIdentifier())
    return false;
  for (StringRef N : Names)
    if (RD->getName() == N)
      return true;
  return false;
}

bool isMethodOfStd(const FunctionDecl *FD, std::initializer_list<StringRef> Classes) {
  const auto *M = dyn_cast_or_null<CXXMethodDecl>(FD);
  if (!M)
    return false;
  const CXXRecordDecl *RD = M->getParent();
  if (!RD->isInStdNamespace() || !RD->getIdentifier())
    return false;
  for (StringRef N : Classes)
    if (RD->getName() == N)
      return true;
  return false;
}

StringRef nameOf(const NamedDecl *D) {
  return D && D->getIdentifier() ? D->getName() : StringRef();
}

/// The declaration of a parameter as written in the template a function was
/// instantiated from, or null.
const ParmVarDecl *patternParam(const FunctionDecl *FD, unsigned I) {
  const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern();
  if (!Pattern || I >= Pattern->getNumParams())
    return nullptr;
  return Pattern->getParamDecl(I);
}

/// Standard algorithms that only read through their iterators and return a
/// number or bool; their callables see const elements.
bool isReadingAlgorithm(StringRef Name) {
  return llvm::StringSwitch<bool>(Name)
      .Cases("all_of", "any_of", "none_of", "count", "count_if", true)
      .Cases("equal", "lexicographical_compare", "is_sorted", "is_partitioned", true)
      .Cases("binary_search", "includes", "is_permutation", "accumulate", true)
      .Cases("inner_product", "reduce", "is_heap", true)
      .Default(false);
}

/// Standard algorithms that call a callable argument only during the call
/// and keep no copy of it afterwards.
bool isInvokingAlgorithm(StringRef Name) {
  return llvm::StringSwitch<bool>(Name)
      .Cases("sort", "stable_sort", "partial_sort", "nth_element", "is_sorted", true)
      .Cases("find_if", "find_if_not", "any_of", "all_of", "none_of", true)
      .Cases("count_if", "for_each", "for_each_n", "transform", "remove_if", true)
      .Cases("remove_copy_if", "copy_if", "replace_if", "partition", "stable_partition", true)
      .Cases("accumulate", "reduce", "transform_reduce", "inner_product", "generate", true)
      .Cases("min_element", "max_element", "minmax_element", "lower_bound", "upper_bound", true)
      .Cases("equal_range", "binary_search", "adjacent_find", "unique", "is_sorted_until", true)
      .Cases("mismatch", "equal", "search", "find_first_of", "lexicographical_compare", true)
      .Default(false);
}

/// Calls that keep a decayed copy of their arguments beyond the call.
bool isDecayCopyingCallee(StringRef Name) {
  return llvm::StringSwitch<bool>(Name)
      .Cases("bind", "bind_front", "bind_back", "async", "make_tuple", true)
      .Cases("make_pair", "make_shared", "make_unique", "make_optional", "make_any", true)
      .Default(false);
}

class UseClassifier {
public:
  UseClassifier(const FunctionDecl &F, const VarDecl &Var, const OwnerType &Owner,
                const ViewType &View, ASTContext &Ctx)
      : F(F), Var(Var), Owner(Owner), View(View), Ctx(Ctx),
        IsString(Owner.Kind == OwnerKind::String),
        Mutable(!Var.getType()->isReferenceType() && !Var.getType().isConstQualified()) {}

  ViewUseSummary run();

private:
  // Each classifier records a blocker (the first one wins) or returns quietly.
  void block(UseBlocker B, const Stmt *At, StringRef Detail = "") {
    if (Summary.Blocking)
      return;
    Summary.Blocking.Blocker = B;
    Summary.Blocking.Loc = At ? At->getBeginLoc() : Var.getLocation();
    Summary.Blocking.Detail = Detail.str();
  }
  bool blocked() const { return bool(Summary.Blocking); }

  DynTypedNode parentOf(const Stmt *S) {
    DynTypedNodeList Ps = Ctx.getParents(*S);
    return Ps.empty() ? DynTypedNode() : Ps[0];
  }
  /// Walks up through nodes that do not change what an expression denotes.
  const Expr *climb(const Expr *E, DynTypedNode &Parent);

  void classifyOwnerUse(const Expr *E);
  void classifyMemberCall(const CXXMemberCallExpr *Call, const Expr *Base);
  void classifyOperator(const CXXOperatorCallExpr *Op, const Expr *E);
  void classifyArgument(const CallExpr *Call, const Expr *E);
  void classifyConstruction(const CXXConstructExpr *CE, const Expr *E);
  void classifyVarInit(const VarDecl *VD, const Expr *E);
  void classifyElement(const Expr *El);
  void classifyData(const Expr *Data);
  void classifyIterator(const Expr *It);
  void classifyRangeFor(const CXXForRangeStmt *For, const Expr *E);
  bool argumentsAreStringLike(const CallExpr *Call, unsigned From);
  bool isStringLikeOperand(const Expr *E);
  bool isFreshLocalOwner(const Expr *E);
  bool isSameVariable(const Expr *E);
  bool lambdaDiesWithinCall(const LambdaExpr *L);

  const FunctionDecl &F;
  const VarDecl &Var;
  const OwnerType &Owner;
  const ViewType &View;
  ASTContext &Ctx;
  const bool IsString;
  const bool Mutable; ///< By-value and not const: mutation compiles.
  ViewUseSummary Summary;
};

const Expr *UseClassifier::climb(const Expr *E, DynTypedNode &Parent) {
  for (;;) {
    Parent = parentOf(E);
    const auto *P = Parent.get<Expr>();
    if (!P)
      return E;
    if (isa<ParenExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr, ConstantExpr,
            ExprWithCleanups>(P)) {
      E = P;
      continue;
    }
    if (const auto *ICE = dyn_cast<ImplicitCastExpr>(P); ICE && ICE->getCastKind() == CK_NoOp) {
      E = P;
      continue;
    }
    return E;
  }
}

bool UseClassifier::isSameVariable(const Expr *E) {
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  return DRE && DRE->getDecl() == &Var;
}

/// A local variable of the function, of owner type, held by value: writing
/// into it builds a new owner and lets nothing escape.
bool UseClassifier::isFreshLocalOwner(const Expr *E) {
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  if (!DRE)
    return false;
  const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
  return VD && VD != &Var && VD->hasLocalStorage() && !isa<ParmVarDecl>(VD) &&
         !VD->getType()->isReferenceType() && isStdString(VD->getType());
}

bool UseClassifier::isStringLikeOperand(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  // Peel the implicit conversions the owner's own overloads would need.
  while (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
    if (isa<CXXTemporaryObjectExpr>(CE) || CE->getNumArgs() < 1)
      break;
    E = CE->getArg(0)->IgnoreParenImpCasts();
  }
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E))
    if (isa<CXXConversionDecl>(Call->getMethodDecl()))
      E = Call->getImplicitObjectArgument()->IgnoreParenImpCasts();
  QualType T = E->getType();
  if (T->isDependentType())
    return false;
  if (isStdString(T) || isStdStringView(T) || View.matches(T))
    return true;
  if (T->isPointerType() && T->getPointeeType()->isCharType())
    return true;
  if (T->isArrayType() && T->getArrayElementTypeNoTypeQual()->isCharType())
    return true;
  return T->isIntegralOrUnscopedEnumerationType(); // chars, positions, counts
}

bool UseClassifier::argumentsAreStringLike(const CallExpr *Call, unsigned From) {
  for (unsigned I = From; I < Call->getNumArgs(); ++I) {
    const Expr *A = Call->getArg(I);
    if (isa<CXXDefaultArgExpr>(A))
      continue;
    if (!isStringLikeOperand(A))
      return false;
  }
  return true;
}

ViewUseSummary UseClassifier::run() {
  if (F.getBody() && isa<CoroutineBodyStmt>(F.getBody())) {
    block(UseBlocker::Coroutine, F.getBody());
    return Summary;
  }

  struct Collector : RecursiveASTVisitor<Collector> {
    const VarDecl *Var;
    SmallVector<const DeclRefExpr *, 8> Refs;
    SmallVector<const LambdaExpr *, 2> Lambdas;
    bool VisitDeclRefExpr(DeclRefExpr *E) {
      if (E->getDecl() == Var)
        Refs.push_back(E);
      return true;
    }
    bool VisitLambdaExpr(LambdaExpr *L) {
      Lambdas.push_back(L);
      return true;
    }
  } C;
  C.Var = &Var;
  C.TraverseDecl(const_cast<FunctionDecl *>(&F));

  for (const LambdaExpr *L : C.Lambdas) {
    bool Captures = false;
    for (const LambdaCapture &Cap : L->captures())
      if (Cap.capturesVariable() && Cap.getCapturedVar() == &Var)
        Captures = true;
    if (Captures && !lambdaDiesWithinCall(L))
      block(UseBlocker::Captured, L, "lambda");
  }

  for (const DeclRefExpr *Ref : C.Refs) {
    if (blocked())
      break;
    ++Summary.Uses;
    if (Ref->isTypeDependent() || Ref->isValueDependent()) {
      block(UseBlocker::TypeDependent, Ref);
      break;
    }
    classifyOwnerUse(Ref);
  }
  return Summary;
}

bool UseClassifier::lambdaDiesWithinCall(const LambdaExpr *L) {
  DynTypedNode P;
  const Expr *E = climb(L, P);
  // Passed by value to a callable parameter: a copy or move of the closure.
  if (const auto *CE = P.get<CXXConstructExpr>(); CE && CE->getNumArgs() == 1 &&
                                                  CE->getConstructor()->isCopyOrMoveConstructor())
    E = climb(CE, P);
  if (const auto *Op = P.get<CXXOperatorCallExpr>())
    return Op->getOperator() == OO_Call && Op->getNumArgs() >= 1 &&
           climb(Op->getArg(0)->IgnoreParenImpCasts(), P) == E; // [&] { ... }()
  if (const auto *Call = P.get<CallExpr>()) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || !isInStd(Callee) || !Callee->getPrimaryTemplate())
      return false;
    if (Call->getCallee()->IgnoreParenImpCasts() == E)
      return false;
    return isInvokingAlgorithm(nameOf(Callee));
  }
  return false;
}

void UseClassifier::classifyOwnerUse(const Expr *E) {
  DynTypedNode P;
  E = climb(E, P);
  if (const auto *ME = P.get<MemberExpr>()) {
    if (ME->getBase()->IgnoreParenImpCasts() != E && ME->getBase() != E) {
      block(UseBlocker::Unmodelled, ME);
      return;
    }
    if (const auto *VD = dyn_cast<VarDecl>(ME->getMemberDecl())) {
      if (VD->isStaticDataMember() && nameOf(VD) == "npos" && IsString) {
        Summary.Members.insert("npos");
        return;
      }
      block(UseBlocker::NeedsOwner, ME, nameOf(VD));
      return;
    }
    DynTypedNode CallP = parentOf(ME);
    const auto *Call = CallP.get<CXXMemberCallExpr>();
    if (!Call || Call->getCallee() != ME) {
      block(UseBlocker::Unmodelled, ME, "member");
      return;
    }
    classifyMemberCall(Call, E);
    return;
  }
  if (const auto *Op = P.get<CXXOperatorCallExpr>()) {
    classifyOperator(Op, E);
    return;
  }
  if (const auto *Call = P.get<CallExpr>()) {
    classifyArgument(Call, E);
    return;
  }
  if (const auto *CE = P.get<CXXConstructExpr>()) {
    classifyConstruction(CE, E);
    return;
  }
  if (const auto *Cast = P.get<CastExpr>()) {
    if (Cast->getCastKind() == CK_ToVoid)
      return; // (void)s;
    block(UseBlocker::Unmodelled, Cast, "cast");
    return;
  }
  if (P.get<ReturnStmt>()) {
    block(UseBlocker::Returned, E);
    return;
  }
  if (const auto *VD = P.get<VarDecl>()) {
    classifyVarInit(VD, E);
    return;
  }
  if (P.get<InitListExpr>() || P.get<CXXParenListInitExpr>()) {
    block(UseBlocker::Stored, E, "aggregate");
    return;
  }
  if (P.get<LambdaExpr>())
    return; // A by-reference capture of a lambda that dies within the call.
  if (const auto *UO = P.get<UnaryOperator>()) {
    block(UO->getOpcode() == UO_AddrOf ? UseBlocker::AddressTaken : UseBlocker::Unmodelled, UO);
    return;
  }
  if (P.get<CXXThrowExpr>()) {
    block(UseBlocker::Stored, E, "thrown");
    return;
  }
  block(UseBlocker::Unmodelled, E);
}

void UseClassifier::classifyMemberCall(const CXXMemberCallExpr *Call, const Expr *Base) {
  const CXXMethodDecl *M = Call->getMethodDecl();
  if (!M) {
    block(UseBlocker::Unmodelled, Call);
    return;
  }
  if (const auto *Conv = dyn_cast<CXXConversionDecl>(M)) {
    if (View.matches(Conv->getConversionType()))
      return; // Becomes the view: what happens to it then is no new hazard.
    block(UseBlocker::NeedsOwner, Call, "conversion");
    return;
  }
  StringRef Name = nameOf(M);
  bool Reading = M->isConst();
  auto accept = [&]() { Summary.Members.insert(Name.str()); };

  if (!Reading && !llvm::is_contained({"begin", "end", "rbegin", "rend", "data", "front",
                                       "back", "at"},
                                      Name)) {
    block(UseBlocker::Modified, Call, Name);
    return;
  }
  if (Name == "size" || Name == "empty" || (IsString && Name == "length")) {
    accept();
    return;
  }
  if (IsString &&
      llvm::is_contained({"find", "rfind", "find_first_of", "find_last_of", "find_first_not_of",
                          "find_last_not_of", "compare", "starts_with", "ends_with", "contains"},
                         Name)) {
    if (!argumentsAreStringLike(Call, 0)) {
      block(UseBlocker::Unmodelled, Call, Name);
      return;
    }
    accept();
    return;
  }
  if (IsString && Name == "substr") {
    accept();
    classifyOwnerUse(Call); // The result becomes a view as well.
    return;
  }
  if (Name == "data") {
    accept();
    classifyData(Call);
    return;
  }
  if (IsString && Name == "c_str") {
    block(UseBlocker::NeedsNul, Call, Name);
    return;
  }
  if (Name == "front" || Name == "back" || (IsString && Name == "at")) {
    accept();
    classifyElement(Call);
    return;
  }
  bool SpanHasIt = !IsString && (Name == "begin" || Name == "end" || Name == "rbegin" ||
                                 Name == "rend");
  bool ViewHasIt = IsString && llvm::is_contained({"begin", "end", "cbegin", "cend", "rbegin",
                                                   "rend", "crbegin", "crend"},
                                                  Name);
  if (SpanHasIt || ViewHasIt) {
    accept();
    classifyIterator(Call);
    return;
  }
  block(UseBlocker::NeedsOwner, Call, Name);
}

void UseClassifier::classifyOperator(const CXXOperatorCallExpr *Op, const Expr *E) {
  unsigned Index = 0;
  while (Index < Op->getNumArgs() && Op->getArg(Index) != E)
    ++Index;
  if (Index == Op->getNumArgs()) {
    block(UseBlocker::Unmodelled, Op);
    return;
  }
  const FunctionDecl *Callee = Op->getDirectCallee();
  OverloadedOperatorKind K = Op->getOperator();
  switch (K) {
  case OO_Subscript: {
    if (Index != 0)
      break;
    const Expr *Idx = Op->getArg(1)->IgnoreParenImpCasts();
    if (const auto *SizeCall = dyn_cast<CXXMemberCallExpr>(Idx))
      if (IsString && isSameVariable(SizeCall->getImplicitObjectArgument()) &&
          llvm::is_contained({"size", "length"}, nameOf(SizeCall->getMethodDecl()))) {
        block(UseBlocker::NeedsNul, Op, "s[s.size()]");
        return;
      }
    Summary.Members.insert("operator[]");
    classifyElement(Op);
    return;
  }
  case OO_EqualEqual:
  case OO_ExclaimEqual:
  case OO_Less:
  case OO_Greater:
  case OO_LessEqual:
  case OO_GreaterEqual:
  case OO_Spaceship: {
    if (!IsString) {
      block(UseBlocker::NeedsOwner, Op, "comparison");
      return;
    }
    if (!isInStd(Callee) || Op->getNumArgs() != 2 || !isStringLikeOperand(Op->getArg(1 - Index)) ||
        Op->getArg(1 - Index)->IgnoreParenImpCasts()->getType()->isIntegralOrEnumerationType()) {
      block(UseBlocker::Unmodelled, Op, "comparison");
      return;
    }
    if (K == OO_EqualEqual || K == OO_ExclaimEqual)
      Summary.Equality = true;
    else
      Summary.Ordering = true;
    return;
  }
  case OO_LessLess: {
    if (Index == 1 && IsString && isInStd(Callee) &&
        isStdRecordNamed(Op->getArg(0)->getType(), {"basic_ostream"})) {
      Summary.Streaming = true;
      return;
    }
    if (Index == 1 && IsString && isInStd(Callee)) {
      // An ostream subclass: the inserter is std's, the stream is derived.
      const CXXRecordDecl *RD = Op->getArg(0)->getType()->getAsCXXRecordDecl();
      bool Derived = false;
      if (RD && RD->hasDefinition())
        RD->forallBases([&](const CXXRecordDecl *B) {
          if (B->isInStdNamespace() && nameOf(B) == "basic_ostream")
            Derived = true;
          return true;
        });
      if (Derived) {
        Summary.Streaming = true;
        return;
      }
    }
    block(UseBlocker::NeedsOwner, Op, "operator<<");
    return;
  }
  case OO_Equal:
  case OO_PlusEqual:
    if (Index == 0) {
      block(UseBlocker::Modified, Op);
      return;
    }
    if (IsString && View.isStandard() && isMethodOfStd(Callee, {"basic_string"})) {
      const Expr *Target = Op->getArg(0);
      if (isFreshLocalOwner(Target))
        return; // Builds a local string from the view's chars.
      block(UseBlocker::Stored, Op, "assigned");
      return;
    }
    block(UseBlocker::Stored, Op, "assigned");
    return;
  case OO_Plus:
    block(UseBlocker::NeedsOwner, Op, "operator+");
    return;
  default:
    break;
  }
  block(UseBlocker::Unmodelled, Op, getOperatorSpelling(K));
}

void UseClassifier::classifyArgument(const CallExpr *Call, const Expr *E) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee) {
    block(Call->isTypeDependent() ? UseBlocker::TypeDependent : UseBlocker::Unmodelled, Call);
    return;
  }
  unsigned Index = 0;
  while (Index < Call->getNumArgs() && Call->getArg(Index) != E)
    ++Index;
  if (Index == Call->getNumArgs()) {
    block(UseBlocker::Unmodelled, Call); // e.g. the callee expression itself
    return;
  }
  StringRef Name = nameOf(Callee);
  if (isInStd(Callee) && isDecayCopyingCallee(Name)) {
    block(UseBlocker::Captured, Call, Name);
    return;
  }
  if (isInStd(Callee) && (Name == "move" || Name == "forward" || Name == "swap" ||
                          Name == "exchange")) {
    block(UseBlocker::Modified, Call, Name);
    return;
  }
  // Put into a standard container (push_back, insert, emplace, operator[]...).
  if (const auto *M = dyn_cast<CXXMethodDecl>(Callee);
      M && M->getParent()->isInStdNamespace() &&
      !isMethodOfStd(Callee, {"basic_string", "basic_string_view", "basic_ostream"}) &&
      (llvm::is_contained({"push_back", "push_front", "emplace_back", "emplace_front", "emplace",
                           "insert", "try_emplace", "insert_or_assign", "emplace_hint", "push",
                           "assign", "resize"},
                          Name))) {
    block(UseBlocker::Stored, Call, "container");
    return;
  }
  // std::string members that accept any string-view-like type since C++17.
  if (IsString && View.isStandard() && isMethodOfStd(Callee, {"basic_string"})) {
    const auto *MC = dyn_cast<CXXMemberCallExpr>(Call);
    const Expr *Object = MC ? MC->getImplicitObjectArgument() : nullptr;
    bool ReadOnly = llvm::is_contained({"compare", "find", "rfind", "find_first_of",
                                        "find_last_of", "find_first_not_of",
                                        "find_last_not_of"},
                                       Name);
    bool Building = llvm::is_contained({"append", "assign", "insert", "replace"}, Name);
    if (Object && (ReadOnly || (Building && isFreshLocalOwner(Object))) &&
        argumentsAreStringLike(Call, 0))
      return;
    if (Building) {
      block(UseBlocker::Stored, Call, Name);
      return;
    }
  }
  // A lookup in an ordered container whose comparator is the transparent
  // std::less<>: with a view argument its member templates take over.
  if (const auto *M = dyn_cast<CXXMethodDecl>(Callee);
      M && isStdRecordNamed(Ctx.getRecordType(M->getParent()), {"map", "set", "multimap", "multiset"}) &&
      llvm::is_contained({"find", "count", "contains", "lower_bound", "upper_bound", "equal_range"},
                         Name)) {
    const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(M->getParent());
    unsigned CompareArg = nameOf(M->getParent()).ends_with("map") ? 2 : 1;
    if (Spec && Spec->getTemplateArgs().size() > CompareArg &&
        Spec->getTemplateArgs()[CompareArg].getKind() == TemplateArgument::Type) {
      QualType Cmp = Spec->getTemplateArgs()[CompareArg].getAsType();
      const auto *CmpSpec =
          dyn_cast_or_null<ClassTemplateSpecializationDecl>(Cmp->getAsCXXRecordDecl());
      if (CmpSpec && CmpSpec->isInStdNamespace() && nameOf(CmpSpec) == "less" &&
          CmpSpec->getTemplateArgs().size() == 1 &&
          CmpSpec->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
          CmpSpec->getTemplateArgs()[0].getAsType()->isVoidType())
        return;
    }
  }
  if (const ParmVarDecl *Pattern = Callee->getPrimaryTemplate() ? patternParam(Callee, Index)
                                                                : nullptr;
      Pattern && Pattern->getType()->isDependentType()) {
    block(UseBlocker::TypeDependent, Call, Name);
    return;
  }
  if (Index >= Callee->getNumParams()) {
    block(UseBlocker::Unmodelled, Call, "variadic");
    return;
  }
  QualType PT = Callee->getParamDecl(Index)->getType();
  if (PT->isReferenceType() && !PT.getNonReferenceType().isConstQualified()) {
    block(UseBlocker::Modified, Call, Name);
    return;
  }
  if (isSameOwner(PT, Owner)) {
    block(UseBlocker::NeedsOwner, Call, Name);
    return;
  }
  block(UseBlocker::Unmodelled, Call, Name);
}

void UseClassifier::classifyConstruction(const CXXConstructExpr *CE, const Expr *E) {
  QualType T = CE->getType();
  if (View.matches(T))
    return; // Converted into the view type.
  if (isSameOwner(T, Owner) && CE->getNumArgs() >= 1 && CE->getArg(0) == E) {
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    DynTypedNode P;
    const Expr *Top = climb(CE, P);
    if (P.get<LambdaExpr>())
      return; // A by-copy capture of a lambda that dies within the call.
    bool CopyOrMove = Ctor->isCopyOrMoveConstructor();
    // std::string(s, pos, n): the view-like-type constructor exists too.
    bool Substring = IsString && View.isStandard() && !CopyOrMove && CE->getNumArgs() >= 2;
    if (!CopyOrMove && !Substring) {
      block(UseBlocker::Unmodelled, CE);
      return;
    }
    bool Direct = false;
    if (const auto *VD = P.get<VarDecl>())
      Direct = VD->hasLocalStorage() && !VD->getType()->isReferenceType() &&
               VD->getInitStyle() != VarDecl::CInit;
    if (P.get<CXXFunctionalCastExpr>() || isa<CXXTemporaryObjectExpr>(CE))
      Direct = true;
    if (Direct && IsString && View.isStandard())
      return; // A new owner built from the chars: explicit construction works.
    if (P.get<ReturnStmt>()) {
      block(UseBlocker::Returned, Top);
      return;
    }
    if (const auto *VD = P.get<VarDecl>(); VD && VD->isInitCapture()) {
      block(UseBlocker::Captured, Top, "init-capture");
      return;
    }
    if (P.get<VarDecl>()) {
      block(UseBlocker::NeedsOwner, Top, "copy-initialisation");
      return;
    }
    if (P.get<InitListExpr>() || P.get<CXXCtorInitializer>()) {
      block(UseBlocker::Stored, Top);
      return;
    }
    if (const auto *Call = P.get<CallExpr>()) {
      classifyArgument(Call, Top);
      return;
    }
    if (const auto *Outer = P.get<CXXConstructExpr>()) {
      block(UseBlocker::Stored, Outer, "constructor argument");
      return;
    }
    block(UseBlocker::NeedsOwner, Top);
    return;
  }
  if (isStdRecordNamed(T, {"thread", "jthread", "function", "packaged_task"})) {
    block(UseBlocker::Captured, CE, "constructor argument");
    return;
  }
  block(UseBlocker::Stored, CE, "constructor argument");
}

void UseClassifier::classifyVarInit(const VarDecl *VD, const Expr *E) {
  // `for (x : s)` binds s to the implicit range variable.
  if (VD->isInitCapture()) {
    block(UseBlocker::Captured, E, "init-capture");
    return;
  }
  if (VD->isImplicit()) {
    DynTypedNode DS = Ctx.getParents(*VD).empty() ? DynTypedNode() : Ctx.getParents(*VD)[0];
    if (const auto *Decl = DS.get<DeclStmt>()) {
      DynTypedNode ForP = parentOf(Decl);
      if (const auto *For = ForP.get<CXXForRangeStmt>(); For && For->getRangeStmt() == Decl) {
        classifyRangeFor(For, E);
        return;
      }
    }
  }
  if (View.matches(VD->getType()))
    return;
  if (VD->getType()->isReferenceType()) {
    block(UseBlocker::NeedsOwner, E, "reference to the owner");
    return;
  }
  block(UseBlocker::Stored, E, "copied into a variable");
}

void UseClassifier::classifyRangeFor(const CXXForRangeStmt *For, const Expr *E) {
  const VarDecl *Loop = For->getLoopVariable();
  QualType LT = Loop->getType();
  if (LT->isReferenceType() && !LT.getNonReferenceType().isConstQualified()) {
    block(Mutable ? UseBlocker::Modified : UseBlocker::Unmodelled, Loop->getBeginLoc().isValid()
                                                                       ? For
                                                                       : nullptr);
    return;
  }
  Summary.Members.insert("begin");
  Summary.Members.insert("end");
  if (!LT->isReferenceType())
    return; // Each element is copied.
  // A const reference to each element: follow it like an element access.
  struct Refs : RecursiveASTVisitor<Refs> {
    const VarDecl *Loop;
    SmallVector<const DeclRefExpr *, 4> Found;
    bool VisitDeclRefExpr(DeclRefExpr *R) {
      if (R->getDecl() == Loop)
        Found.push_back(R);
      return true;
    }
  } R;
  R.Loop = Loop;
  R.TraverseStmt(const_cast<Stmt *>(For->getBody()));
  for (const DeclRefExpr *Ref : R.Found) {
    if (blocked())
      return;
    classifyElement(Ref);
  }
}

void UseClassifier::classifyElement(const Expr *El) {
  if (!El->isGLValue())
    return; // Returned by value.
  DynTypedNode P;
  const Expr *E = climb(El, P);
  if (const auto *Cast = P.get<ImplicitCastExpr>()) {
    if (Cast->getCastKind() == CK_LValueToRValue)
      return;
    if (Cast->getCastKind() == CK_ArrayToPointerDecay) {
      block(UseBlocker::Unmodelled, Cast, "array element decays");
      return;
    }
    block(UseBlocker::Unmodelled, Cast);
    return;
  }
  if (const auto *Cast = P.get<ExplicitCastExpr>()) {
    if (!Cast->getType()->isReferenceType() && !Cast->getType()->isPointerType())
      return; // static_cast<int>(s[i]): a value.
    block(UseBlocker::Unmodelled, Cast);
    return;
  }
  if (const auto *CE = P.get<CXXConstructExpr>()) {
    if (CE->getConstructor()->isCopyConstructor() || CE->getNumArgs() == 1) {
      DynTypedNode Q;
      climb(CE, Q);
      if (!Q.get<LambdaExpr>())
        return; // A copy of the element.
    }
    block(UseBlocker::Unmodelled, CE);
    return;
  }
  if (const auto *ME = P.get<MemberExpr>()) {
    if (isa<FieldDecl>(ME->getMemberDecl())) {
      classifyElement(ME);
      return;
    }
    const auto *Call = parentOf(ME).get<CXXMemberCallExpr>();
    const auto *M = dyn_cast<CXXMethodDecl>(ME->getMemberDecl());
    if (Call && M && M->isConst()) {
      QualType R = M->getReturnType();
      if (!R->isReferenceType() && !R->isPointerType())
        return;
    }
    block(M && !M->isConst() ? UseBlocker::Modified : UseBlocker::Unmodelled, ME);
    return;
  }
  if (const auto *BO = P.get<BinaryOperator>()) {
    if (BO->isAssignmentOp() && BO->getLHS()->IgnoreParens() == E) {
      block(UseBlocker::Modified, BO);
      return;
    }
    block(UseBlocker::Unmodelled, BO);
    return;
  }
  if (const auto *UO = P.get<UnaryOperator>()) {
    if (UO->isIncrementDecrementOp()) {
      block(UseBlocker::Modified, UO);
      return;
    }
    block(IsString ? UseBlocker::NeedsNul : UseBlocker::AddressTaken, UO, "&element");
    return;
  }
  if (const auto *Call = P.get<CallExpr>()) {
    // An operator or function taking the element by value or const reference
    // and returning a value.
    const FunctionDecl *Callee = Call->getDirectCallee();
    QualType R = Call->getType();
    if (Callee && !R->isReferenceType() && !R->isPointerType() && !Call->isGLValue()) {
      unsigned I = 0;
      while (I < Call->getNumArgs() && Call->getArg(I) != E)
        ++I;
      const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
      bool IsObject = isa<CXXOperatorCallExpr>(Call) && Method && I == 0;
      if (IsObject) {
        if (Method->isConst())
          return;
      } else {
        unsigned PI = Method && isa<CXXOperatorCallExpr>(Call) ? I - 1 : I;
        if (PI < Callee->getNumParams()) {
          QualType PT = Callee->getParamDecl(PI)->getType();
          if (!PT->isReferenceType() || PT.getNonReferenceType().isConstQualified())
            return;
        }
      }
    }
    block(UseBlocker::Unmodelled, Call, "element passed on");
    return;
  }
  if (P.get<ReturnStmt>()) {
    block(UseBlocker::Returned, E, "element reference");
    return;
  }
  if (P.get<VarDecl>()) {
    block(UseBlocker::Unmodelled, E, "element bound to a reference");
    return;
  }
  block(UseBlocker::Unmodelled, E, "element");
}

void UseClassifier::classifyData(const Expr *Data) {
  const Expr *E = Data;
  DynTypedNode P;
  for (;;) {
    E = climb(E, P);
    const auto *ICE = P.get<ImplicitCastExpr>();
    if (!ICE || (ICE->getCastKind() != CK_BitCast && ICE->getCastKind() != CK_NoOp))
      break;
    E = ICE;
  }
  if (P.get<ReturnStmt>()) {
    block(UseBlocker::Returned, Data, "data()");
    return;
  }
  const Expr *Call = P.get<CallExpr>();
  if (!Call)
    Call = P.get<CXXConstructExpr>();
  const FunctionDecl *Callee = nullptr;
  ArrayRef<const Expr *> Args;
  SmallVector<const Expr *, 4> ArgStore;
  if (const auto *C = dyn_cast_or_null<CallExpr>(Call)) {
    Callee = C->getDirectCallee();
    for (const Expr *A : C->arguments())
      ArgStore.push_back(A);
  } else if (const auto *C = dyn_cast_or_null<CXXConstructExpr>(Call)) {
    Callee = C->getConstructor();
    for (const Expr *A : C->arguments())
      ArgStore.push_back(A);
  }
  Args = ArgStore;
  if (Callee) {
    unsigned I = 0;
    while (I < Args.size() && Args[I] != E)
      ++I;
    StringRef Name = nameOf(Callee);
    bool CLike = !isa<CXXMethodDecl>(Callee) &&
                 (Callee->getDeclContext()->getRedeclContext()->isTranslationUnit() ||
                  isInStd(Callee));
    if (I < Args.size() && CLike) {
      if ((Name == "memcmp" || Name == "memchr" || Name == "fwrite" || Name == "write") &&
          Args.size() >= 3)
        return;
      if ((Name == "memcpy" || Name == "memmove") && I == 1 && Args.size() == 3)
        return;
    }
    // A std member that takes (pointer, count) with the count given.
    if (I + 1 < Args.size() && !isa<CXXDefaultArgExpr>(Args[I + 1]) &&
        Args[I + 1]->getType()->isIntegerType() &&
        (isMethodOfStd(Callee, {"basic_string", "basic_string_view", "basic_ostream"}) ||
         (isa<CXXConstructorDecl>(Callee) &&
          isMethodOfStd(Callee, {"basic_string", "basic_string_view"}))))
      return;
  }
  block(IsString ? UseBlocker::NeedsNul : UseBlocker::Unmodelled, Data, "data()");
}

void UseClassifier::classifyIterator(const Expr *It) {
  if (Mutable) {
    block(UseBlocker::Unmodelled, It, "iterator of a mutable owner");
    return;
  }
  DynTypedNode P; // The use of the iterator, above parentheses and copies.
  climb(It, P);
  if (const auto *CE = P.get<CXXConstructExpr>(); CE && CE->getNumArgs() == 1 &&
                                                  CE->getConstructor()->isCopyOrMoveConstructor())
    climb(CE, P);
  if (P.get<ReturnStmt>()) {
    block(UseBlocker::Returned, It, "iterator");
    return;
  }
  if (const auto *Call = P.get<CallExpr>()) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee && isInStd(Callee) && Callee->getPrimaryTemplate() &&
        isReadingAlgorithm(nameOf(Callee))) {
      QualType R = Call->getType().getCanonicalType();
      if (R->isArithmeticType() && !Call->isGLValue())
        return;
    }
  }
  if (const auto *CE = P.get<CXXConstructExpr>()) {
    // std::string(first, last) / std::vector<T>(first, last): a new owner.
    if (CE->getNumArgs() >= 2 && (isStdString(CE->getType()) || isStdVector(CE->getType())) &&
        CE->getConstructor()->getPrimaryTemplate())
      return;
  }
  block(UseBlocker::Unmodelled, It, "iterator");
}

/// True when some node under \p S is `this` or names a non-const variable
/// with static storage.
bool mentionsSharedState(const Stmt *S) {
  if (!S)
    return false;
  if (isa<CXXThisExpr>(S))
    return true;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      if (VD->hasGlobalStorage() && !VD->getType().isConstQualified())
        return true;
  if (isa<LambdaExpr>(S))
    return false;
  for (const Stmt *Child : S->children())
    if (mentionsSharedState(Child))
      return true;
  return false;
}

/// Streams hold no strings a caller could pass in: writing to std::cout
/// releases nothing a view could point at.
bool isStream(QualType T) {
  const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return false;
  bool Found = RD->isInStdNamespace() && RD->getIdentifier() && RD->getName() == "ios_base";
  RD->forallBases([&](const CXXRecordDecl *B) {
    if (B->isInStdNamespace() && B->getIdentifier() && B->getName() == "ios_base")
      Found = true;
    return true;
  });
  return Found;
}

bool isMutableObjectPointerOrReference(QualType T) {
  QualType Pointee;
  if (T->isReferenceType())
    Pointee = T.getNonReferenceType();
  else if (T->isPointerType())
    Pointee = T->getPointeeType();
  else
    return false;
  if (Pointee.isConstQualified())
    return false;
  return Pointee->isRecordType() || Pointee->isVoidType() || Pointee->isPointerType() ||
         Pointee->isArrayType();
}

bool isCallback(QualType T) {
  T = T.getNonReferenceType();
  if (T->isFunctionPointerType() || T->isMemberFunctionPointerType())
    return true;
  return isStdRecordNamed(T, {"function", "move_only_function", "copyable_function",
                              "function_ref"});
}

bool isMutableSmartPointer(QualType T) {
  T = T.getNonReferenceType();
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
  if (!Spec || !Spec->isInStdNamespace() ||
      !llvm::is_contained({"shared_ptr", "unique_ptr", "weak_ptr"}, nameOf(Spec)))
    return false;
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  return Args.size() >= 1 && Args[0].getKind() == TemplateArgument::Type &&
         !Args[0].getAsType().isConstQualified();
}

} // namespace

bool reachesSharedState(const Expr *E) { return mentionsSharedState(E); }

ViewUseSummary analyzeUses(const FunctionDecl &Function, const VarDecl &Var,
                           const OwnerType &Owner, const ViewType &View, ASTContext &Ctx) {
  return UseClassifier(Function, Var, Owner, View, Ctx).run();
}

BlockingUse findAliasingHazard(const FunctionDecl &Function, const VarDecl &Param,
                               ASTContext &Ctx) {
  BlockingUse Hazard;
  auto set = [&](SourceLocation Loc, StringRef Detail) {
    if (!Hazard) {
      Hazard.Blocker = UseBlocker::Aliasing;
      Hazard.Loc = Loc;
      Hazard.Detail = Detail.str();
    }
  };
  for (const ParmVarDecl *Other : Function.parameters()) {
    if (Other == &Param)
      continue;
    QualType T = Other->getType();
    if (isMutableObjectPointerOrReference(T))
      set(Other->getLocation(), "mutable reference or pointer parameter");
    else if (isCallback(T))
      set(Other->getLocation(), "callback parameter");
    else if (isMutableSmartPointer(T))
      set(Other->getLocation(), "smart pointer parameter");
  }
  if (Hazard || !Function.getBody())
    return Hazard;

  struct Finder : RecursiveASTVisitor<Finder> {
    std::function<void(SourceLocation, StringRef)> Set;
    bool VisitCXXDeleteExpr(CXXDeleteExpr *D) {
      Set(D->getBeginLoc(), "delete");
      return true;
    }
    bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
      const CXXMethodDecl *M = Call->getMethodDecl();
      const Expr *Object = Call->getImplicitObjectArgument();
      if (M && !M->isConst() && !M->isStatic() && Object && !isStream(Object->getType()) &&
          mentionsSharedState(Object))
        Set(Call->getBeginLoc(), "non-const member called on shared state");
      return true;
    }
    bool VisitCallExpr(CallExpr *Call) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      unsigned First = 0;
      if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
        const auto *M = dyn_cast_or_null<CXXMethodDecl>(Callee);
        if (M && !M->isStatic()) {
          if (!M->isConst() && Op->getNumArgs() >= 1 && !isStream(Op->getArg(0)->getType()) &&
              mentionsSharedState(Op->getArg(0)))
            Set(Call->getBeginLoc(), "non-const operator on shared state");
          First = 1;
        }
      }
      for (unsigned I = First; I < Call->getNumArgs(); ++I) {
        const Expr *A = Call->getArg(I);
        QualType PT;
        unsigned PI = I - First;
        if (Callee && PI < Callee->getNumParams())
          PT = Callee->getParamDecl(PI)->getType();
        else
          PT = A->getType(); // Variadic or indirect: judge by the argument.
        if (isMutableObjectPointerOrReference(PT) && !isStream(A->getType()) &&
            mentionsSharedState(A))
          Set(A->getBeginLoc(), "shared state passed as mutable");
      }
      return true;
    }
    bool VisitBinaryOperator(BinaryOperator *BO) {
      if (BO->isAssignmentOp() && BO->getLHS()->getType()->isRecordType() &&
          mentionsSharedState(BO->getLHS()))
        Set(BO->getBeginLoc(), "assignment to shared state");
      return true;
    }
  } Find;
  Find.Set = set;
  Find.TraverseStmt(Function.getBody());
  (void)Ctx;
  return Hazard;
}

} // namespace tightfit::views
