//===- HeapErasureCheck.cpp - tightfit-heap-erasure -----------------------===//
#include "checks/HeapErasureCheck.h"
#include "checks/DetailsKey.h"
#include "checks/BoolOption.h"
#include "checks/DiagnosticText.h"
#include "lib/erasure/LibraryDetection.h"
#include "lib/erasure/StoredValueExtractor.h"
#include "lib/erasure/WrapperUses.h"
#include "lib/findings/FindingsSink.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/TargetInfo.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace tightfit {

using namespace erasure;

static const char *const StdWrapperNames[] = {"::std::function", "::std::any",
                                              "::std::move_only_function", "::std::packaged_task"};

HeapErasureCheck::HeapErasureCheck(StringRef Name, tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Libraries(Options.get("Libraries", "")),
      Wrappers(Options.get("Wrappers", "")), FunctionRefType(Options.get("FunctionRefType", "")),
      ReportCopies(parseBoolOption(Options.get("ReportCopies", "true"), true)),
      ReportInPlace(parseBoolOption(Options.get("ReportInPlace", "false"), false)) {
  SmallVector<StringRef, 4> Keys;
  StringRef(Libraries).split(Keys, ';', -1, /*KeepEmpty=*/false);
  for (StringRef K : Keys) {
    if (K.trim().empty())
      continue;
    if (std::optional<LibraryId> Lib = parseLibraryKey(K))
      ConfiguredLibraries.push_back(*Lib);
    else
      configurationDiag("unknown library '%0' in %1.Libraries (expected libstdc++, libc++, "
                        "libc++-optimized-function or msvc)")
          << K.trim() << Name;
  }
  std::string Error;
  if (!parseConfiguredWrappers(Wrappers, ConfiguredWrappers, Error))
    configurationDiag("invalid entry in %0.Wrappers: %1") << Name << Error;
}

void HeapErasureCheck::storeOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "Libraries", Libraries);
  Options.store(Opts, "Wrappers", Wrappers);
  Options.store(Opts, "FunctionRefType", FunctionRefType);
  Options.store(Opts, "ReportCopies", ReportCopies ? "true" : "false");
  Options.store(Opts, "ReportInPlace", ReportInPlace ? "true" : "false");
}

void HeapErasureCheck::registerPPCallbacks(const SourceManager &, Preprocessor *PP,
                                           Preprocessor *) {
  this->PP = PP;
}

void HeapErasureCheck::registerMatchers(MatchFinder *Finder) {
  std::vector<std::string> Names(std::begin(StdWrapperNames), std::end(StdWrapperNames));
  for (const ConfiguredWrapper &W : ConfiguredWrappers)
    Names.push_back("::" + W.QualifiedName);
  std::vector<StringRef> NameRefs(Names.begin(), Names.end());
  auto Wrapper = cxxRecordDecl(hasAnyName(NameRefs));
  auto NotInSystemHeader = unless(isExpansionInSystemHeader());

  // Constructions, including implicit conversions of arguments and returns.
  Finder->addMatcher(
      cxxConstructExpr(hasDeclaration(cxxConstructorDecl(ofClass(Wrapper))), NotInSystemHeader)
          .bind("construct"),
      this);
  Finder->addMatcher(cxxOperatorCallExpr(hasOverloadedOperatorName("="),
                                         callee(cxxMethodDecl(ofClass(Wrapper))), NotInSystemHeader)
                         .bind("assign"),
                     this);
  Finder->addMatcher(
      callExpr(callee(functionDecl(hasName("::std::make_any"))), NotInSystemHeader).bind("makeAny"),
      this);
  // Emplacing into a container (or std::optional) of wrappers, and
  // std::any::emplace: the wrapper is constructed inside the library.
  Finder->addMatcher(
      cxxMemberCallExpr(callee(cxxMethodDecl(hasAnyName("emplace", "emplace_back", "emplace_front",
                                                        "try_emplace", "insert_or_assign"))),
                        NotInSystemHeader)
          .bind("emplace"),
      this);
}

void HeapErasureCheck::onEndOfTranslationUnit() {
  if (Ctx)
    for (unsigned Key : PendingOrder)
      emit(Pending[Key]);
  Pending.clear();
  PendingOrder.clear();
  TULibraries.reset();
  Tracked.clear();
  Ctx = nullptr;
}

void HeapErasureCheck::check(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  if (const auto *E = Result.Nodes.getNodeAs<CXXConstructExpr>("construct"))
    onConstruct(*E);
  else if (const auto *Op = Result.Nodes.getNodeAs<CXXOperatorCallExpr>("assign"))
    onAssign(*Op);
  else if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("makeAny"))
    onMakeAny(*Call);
  else if (const auto *MC = Result.Nodes.getNodeAs<CXXMemberCallExpr>("emplace"))
    onEmplace(*MC);
}

// --- Wrappers and libraries ------------------------------------------------------

std::optional<HeapErasureCheck::WrapperClass>
HeapErasureCheck::wrapperOf(const CXXRecordDecl *RD) const {
  if (!RD || !RD->getIdentifier())
    return std::nullopt;
  WrapperClass W;
  if (RD->isInStdNamespace() && (W.Std = standardWrapperNamed(RD->getName())))
    return W;
  if (ConfiguredWrappers.empty())
    return std::nullopt;
  std::string Qualified = RD->getQualifiedNameAsString();
  for (const ConfiguredWrapper &C : ConfiguredWrappers)
    if (C.QualifiedName == Qualified) {
      W.Configured = &C;
      return W;
    }
  return std::nullopt;
}

const std::vector<LibraryId> &HeapErasureCheck::librariesOfTU() {
  if (TULibraries)
    return *TULibraries;
  TULibraries.emplace();
  if (!ConfiguredLibraries.empty()) {
    *TULibraries = ConfiguredLibraries;
    return *TULibraries;
  }
  if (!PP)
    return *TULibraries;
  DetectedLibrary D = detectLibrary(*PP);
  if (D.Library && D.Verified)
    TULibraries->push_back(*D.Library);
  return *TULibraries;
}

std::vector<WrapperFacts> HeapErasureCheck::wrapperFacts(const WrapperClass &W) {
  std::vector<WrapperFacts> Facts;
  if (W.Configured) {
    WrapperFacts F;
    F.Name = W.Configured->QualifiedName;
    F.Rule = W.Configured->Rule;
    Facts.push_back(std::move(F));
    return Facts;
  }
  TargetDescription Target = describeTarget(*Ctx);
  for (const LibraryId &Lib : librariesOfTU()) {
    std::optional<InPlaceRule> Rule = standardRule(Lib, *W.Std, Target);
    if (!Rule)
      continue;
    WrapperFacts F;
    F.Name = wrapperDisplayName(*W.Std).str();
    F.Kind = W.Std;
    F.Library = Lib;
    F.Rule = std::move(*Rule);
    Facts.push_back(std::move(F));
  }
  return Facts;
}

// --- Values ------------------------------------------------------------------------

static bool isStdClassNamed(QualType T, StringRef Name) {
  const CXXRecordDecl *RD = T.isNull() ? nullptr : T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && RD->isInStdNamespace() && RD->getIdentifier() && RD->getName() == Name;
}

static bool sameClass(const CXXRecordDecl *A, const CXXRecordDecl *B) {
  return A && B && A->getCanonicalDecl() == B->getCanonicalDecl();
}

std::optional<HeapErasureCheck::ValueArgument>
HeapErasureCheck::valueArgument(const FunctionDecl &Ctor, ArrayRef<const Expr *> Args,
                                const CXXRecordDecl &Class) const {
  for (unsigned I = 0; I < Ctor.getNumParams() && I < Args.size(); ++I) {
    QualType P = Ctor.getParamDecl(I)->getType();
    if (P->isDependentType())
      return std::nullopt;
    if (isStdClassNamed(P, "allocator_arg_t")) {
      ++I; // Skip the allocator too.
      continue;
    }
    if (isStdClassNamed(P, "in_place_type_t")) {
      const auto *Spec =
          dyn_cast<ClassTemplateSpecializationDecl>(P.getNonReferenceType()->getAsCXXRecordDecl());
      if (!Spec || Spec->getTemplateArgs().size() != 1 ||
          Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
        return std::nullopt;
      ValueArgument V;
      V.Type = decayedType(Spec->getTemplateArgs()[0].getAsType(), *Ctx);
      V.Loc = Args[I]->getBeginLoc();
      return V;
    }
    if (P->isNullPtrType())
      return std::nullopt;
    ValueArgument V;
    V.Type = decayedType(P, *Ctx);
    if (sameClass(V.Type->getAsCXXRecordDecl(), &Class))
      return std::nullopt; // A copy or a move.
    V.Arg = Args[I];
    V.Loc = Args[I]->getBeginLoc();
    return V;
  }
  return std::nullopt;
}

/// The construction an initializer performs, looking through temporaries,
/// casts and parentheses.
static const CXXConstructExpr *constructionIn(const Expr *E) {
  while (E) {
    E = E->IgnoreParens();
    if (const auto *C = dyn_cast<CXXConstructExpr>(E))
      return C;
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
      E = EWC->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr();
    else if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else if (const auto *C = dyn_cast<CastExpr>(E))
      E = C->getSubExpr();
    else
      return nullptr;
  }
  return nullptr;
}

static const Stmt *enclosingBody(const VarDecl &Var) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Var.getParentFunctionOrMethod());
  return FD ? FD->getBody() : nullptr;
}

const HeapErasureCheck::TrackedValue *HeapErasureCheck::trackedValue(const VarDecl &Var,
                                                                     const CXXRecordDecl &Class) {
  auto It = Tracked.find(&Var);
  if (It != Tracked.end())
    return It->second ? &*It->second : nullptr;
  std::optional<TrackedValue> Result;
  [&] {
    if (!Var.hasLocalStorage() || isa<ParmVarDecl>(Var) || Var.getType()->isReferenceType() ||
        !sameClass(Var.getType()->getAsCXXRecordDecl(), &Class))
      return;
    const CXXConstructExpr *CE = constructionIn(Var.getInit());
    if (!CE || CE->getConstructor()->isCopyOrMoveConstructor())
      return;
    std::optional<ValueArgument> V =
        valueArgument(*CE->getConstructor(), ArrayRef(CE->getArgs(), CE->getNumArgs()), Class);
    if (!V || (V->Arg && V->Arg->isNullPointerConstant(*Ctx, Expr::NPC_ValueDependentIsNotNull)))
      return;
    // Only values that are never empty: not another wrapper.
    if (describeValue(V->Type, *Ctx).Kind == ValueKind::Wrapper)
      return;
    const Stmt *Body = enclosingBody(Var);
    if (!Body)
      return;
    for (const WrapperUse &U : collectWrapperUses(Var, *Body, *Ctx))
      if (!keepsValue(U.Kind))
        return;
    Result = TrackedValue{*V};
  }();
  auto &Slot = Tracked[&Var];
  Slot = std::move(Result);
  return Slot ? &*Slot : nullptr;
}

// --- Sites ---------------------------------------------------------------------------

const VarDecl *HeapErasureCheck::initialisedVariable(const Expr &E) {
  const Expr *Cur = &E;
  for (unsigned Steps = 0; Steps < 8; ++Steps) {
    auto Parents = Ctx->getParents(*Cur);
    if (Parents.empty())
      return nullptr;
    if (const auto *VD = Parents[0].get<VarDecl>())
      return VD;
    const Expr *P = Parents[0].get<Expr>();
    // Look through temporaries and the elided copy of a prvalue.
    if (!P || !(isa<ExprWithCleanups, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
                    ImplicitCastExpr, ParenExpr, CXXConstructExpr>(P)))
      return nullptr;
    Cur = P;
  }
  return nullptr;
}

bool HeapErasureCheck::isArgumentOfWrapperConstruction(const Expr &E) {
  const Expr *Cur = &E;
  for (unsigned Steps = 0; Steps < 8; ++Steps) {
    auto Parents = Ctx->getParents(*Cur);
    if (Parents.empty())
      return false;
    const Expr *P = Parents[0].get<Expr>();
    if (!P)
      return false;
    if (const auto *Outer = dyn_cast<CXXConstructExpr>(P))
      return llvm::is_contained(Outer->arguments(), Cur) &&
             wrapperOf(Outer->getConstructor()->getParent()).has_value();
    if (!isa<MaterializeTemporaryExpr, CXXBindTemporaryExpr, ImplicitCastExpr, ParenExpr>(P))
      return false;
    Cur = P;
  }
  return false;
}

void HeapErasureCheck::onConstruct(const CXXConstructExpr &E) {
  if (E.isInstantiationDependent() || E.getNumArgs() == 0)
    return;
  const CXXConstructorDecl *Ctor = E.getConstructor();
  const CXXRecordDecl *Class = Ctor->getParent();
  std::optional<WrapperClass> W = wrapperOf(Class);
  if (!W)
    return;
  if (Ctor->isCopyConstructor()) {
    // A copy made to pass a wrapper by value to another wrapper's constructor
    // (libc++'s std::function takes its argument by value) is counted by the
    // report about that construction.
    if (!isArgumentOfWrapperConstruction(E))
      onCopy(*E.getArg(0), *Class, *W);
    return;
  }
  if (Ctor->isMoveConstructor())
    return;
  std::optional<ValueArgument> V =
      valueArgument(*Ctor, ArrayRef(E.getArgs(), E.getNumArgs()), *Class);
  if (!V)
    return;
  // `std::any a = value;`: the variable, for the closed-set remedy.
  const VarDecl *Var = W->Std == WrapperKind::Any ? initialisedVariable(E) : nullptr;
  judge(SiteKind::Construction, *W, *V, &E, Var);
}

void HeapErasureCheck::onAssign(const CXXOperatorCallExpr &Op) {
  if (Op.isInstantiationDependent() || Op.getNumArgs() != 2)
    return;
  const auto *M = dyn_cast_or_null<CXXMethodDecl>(Op.getCalleeDecl());
  if (!M || M->getNumParams() != 1)
    return;
  const CXXRecordDecl *Class = M->getParent();
  std::optional<WrapperClass> W = wrapperOf(Class);
  if (!W)
    return;
  if (M->isCopyAssignmentOperator()) {
    onCopy(*Op.getArg(1), *Class, *W);
    return;
  }
  if (M->isMoveAssignmentOperator())
    return;
  const Expr *Arg = Op.getArg(1);
  std::optional<ValueArgument> V = valueArgument(*M, ArrayRef(&Arg, 1), *Class);
  if (!V)
    return;
  const VarDecl *Var = nullptr;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Op.getArg(0)->IgnoreParenImpCasts()))
    Var = dyn_cast<VarDecl>(DRE->getDecl());
  judge(SiteKind::Assignment, *W, *V, &Op, Var);
}

void HeapErasureCheck::onMakeAny(const CallExpr &Call) {
  const FunctionDecl *FD = Call.getDirectCallee();
  if (!FD || Call.isInstantiationDependent())
    return;
  const TemplateArgumentList *Args = FD->getTemplateSpecializationArgs();
  if (!Args || Args->size() < 1 || Args->get(0).getKind() != TemplateArgument::Type)
    return;
  WrapperClass W;
  W.Std = WrapperKind::Any;
  ValueArgument V;
  V.Type = decayedType(Args->get(0).getAsType(), *Ctx);
  V.Loc = Call.getBeginLoc();
  judge(SiteKind::Construction, W, V, &Call, initialisedVariable(Call));
}

void HeapErasureCheck::onEmplace(const CXXMemberCallExpr &Call) {
  const CXXMethodDecl *M = Call.getMethodDecl();
  if (!M || Call.isInstantiationDependent())
    return;
  const CXXRecordDecl *Owner = M->getParent();
  StringRef Name = M->getName();
  std::optional<WrapperClass> OwnerWrapper = wrapperOf(Owner);
  if (OwnerWrapper) {
    // std::any::emplace<T>(args...).
    if (OwnerWrapper->Std != WrapperKind::Any || Name != "emplace")
      return;
    const TemplateArgumentList *Args = M->getTemplateSpecializationArgs();
    if (!Args || Args->size() < 1 || Args->get(0).getKind() != TemplateArgument::Type)
      return;
    ValueArgument V;
    V.Type = decayedType(Args->get(0).getAsType(), *Ctx);
    V.Loc = Call.getExprLoc();
    const VarDecl *Var = nullptr;
    if (const auto *DRE =
            dyn_cast<DeclRefExpr>(Call.getImplicitObjectArgument()->IgnoreParenImpCasts()))
      Var = dyn_cast<VarDecl>(DRE->getDecl());
    judge(SiteKind::Construction, *OwnerWrapper, V, &Call, Var);
    return;
  }
  // A container (or std::optional) whose elements are wrappers.
  bool Mapped = Name == "try_emplace" || Name == "insert_or_assign";
  IdentifierInfo &Member = Ctx->Idents.get(Mapped ? "mapped_type" : "value_type");
  const CXXRecordDecl *Element = nullptr;
  for (const NamedDecl *D : Owner->lookup(&Member))
    if (const auto *TD = dyn_cast<TypedefNameDecl>(D))
      Element = TD->getUnderlyingType()->getAsCXXRecordDecl();
  std::optional<WrapperClass> W = wrapperOf(Element);
  if (!W)
    return;
  unsigned ArgIndex = 0;
  unsigned N = Call.getNumArgs();
  if (Mapped) {
    if (N != 2)
      return;
    ArgIndex = 1;
  } else if (N == 2 && Name == "emplace" && M->getNumParams() == 2 &&
             StringRef(M->getParamDecl(0)->getType().getAsString()).contains("iterator")) {
    ArgIndex = 1; // emplace(position, value)
  } else if (N != 1) {
    return;
  }
  if (ArgIndex >= M->getNumParams())
    return;
  const Expr *Arg = Call.getArg(ArgIndex);
  QualType P = M->getParamDecl(ArgIndex)->getType();
  if (sameClass(decayedType(P, *Ctx)->getAsCXXRecordDecl(), Element)) {
    // emplace_back(f): a copy when f is an lvalue, a move otherwise.
    if (P->isLValueReferenceType())
      onCopy(*Arg, *Element, *W);
    return;
  }
  ValueArgument V;
  V.Type = decayedType(P, *Ctx);
  if (V.Type->isNullPtrType())
    return;
  V.Arg = Arg;
  V.Loc = Arg->getBeginLoc();
  judge(SiteKind::Construction, *W, V, &Call, nullptr);
}

void HeapErasureCheck::onCopy(const Expr &Source, const CXXRecordDecl &Class,
                              const WrapperClass &W) {
  if (!ReportCopies)
    return;
  const auto *DRE = dyn_cast<DeclRefExpr>(Source.IgnoreParenImpCasts());
  const auto *Var = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!Var)
    return;
  const TrackedValue *Known = trackedValue(*Var, Class);
  if (!Known)
    return;
  ValueDescription Value = describeValue(
      Known->Value.Type, *Ctx, Known->Value.Arg ? Known->Value.Arg->getType() : QualType());
  NoteTargets Targets;
  Targets.Captures = captureLocations(Known->Value.Type);
  Targets.Variable = Var;
  for (WrapperFacts &F : wrapperFacts(W)) {
    ErasureSite Site;
    Site.Kind = SiteKind::Copy;
    Site.Wrapper = std::move(F);
    Site.Value = Value;
    Site.CopiedVariable = Var->getNameAsString();
    Site.Target = describeTarget(*Ctx);
    Site.TargetTriple = Ctx->getTargetInfo().getTriple().str();
    report(Site, RemedyFacts(), DRE->getBeginLoc(), Targets);
  }
}

const ParmVarDecl *HeapErasureCheck::onlyCalledParameter(const Expr &Site,
                                                         const CXXRecordDecl &Class,
                                                         std::string &FunctionName) {
  // The argument expression the construction initialises.
  const Expr *Cur = &Site;
  DynTypedNode Parent;
  for (unsigned Steps = 0; Steps < 8; ++Steps) {
    auto Parents = Ctx->getParents(*Cur);
    if (Parents.empty())
      return nullptr;
    Parent = Parents[0];
    const Expr *P = Parent.get<Expr>();
    if (P && isa<MaterializeTemporaryExpr, CXXBindTemporaryExpr, ImplicitCastExpr, ParenExpr>(P)) {
      Cur = P;
      continue;
    }
    break;
  }
  const FunctionDecl *Callee = nullptr;
  unsigned Index = 0;
  bool Found = false;
  if (const auto *Call = Parent.get<CallExpr>()) {
    Callee = Call->getDirectCallee();
    for (unsigned I = 0; I < Call->getNumArgs(); ++I)
      if (Call->getArg(I) == Cur) {
        Index = I;
        Found = true;
      }
    // A member operator's object is its first argument.
    if (Found && isa<CXXOperatorCallExpr>(Call) && isa_and_nonnull<CXXMethodDecl>(Callee)) {
      if (Index == 0)
        return nullptr;
      --Index;
    }
  } else if (const auto *Construct = Parent.get<CXXConstructExpr>()) {
    Callee = Construct->getConstructor();
    for (unsigned I = 0; I < Construct->getNumArgs(); ++I)
      if (Construct->getArg(I) == Cur) {
        Index = I;
        Found = true;
      }
  }
  if (!Found || !Callee || Ctx->getSourceManager().isInSystemHeader(Callee->getLocation()))
    return nullptr;
  const FunctionDecl *Def = Callee->getDefinition();
  if (!Def || !Def->getBody() || Index >= Def->getNumParams())
    return nullptr;
  const ParmVarDecl *Param = Def->getParamDecl(Index);
  if (!sameClass(Param->getType().getNonReferenceType()->getAsCXXRecordDecl(), &Class))
    return nullptr;
  bool Called = false;
  for (const WrapperUse &U : collectWrapperUses(*Param, *Def->getBody(), *Ctx)) {
    if (U.Kind == UseKind::Call)
      Called = true;
    else if (U.Kind != UseKind::Test)
      return nullptr;
  }
  if (!Called)
    return nullptr;
  FunctionName = Def->getNameAsString();
  return Param;
}

std::vector<std::string> HeapErasureCheck::anyHeldTypes(const VarDecl &Var) {
  std::vector<std::string> Types;
  if (!Var.hasLocalStorage() || isa<ParmVarDecl>(Var) || Var.getType()->isReferenceType() ||
      !isStdClassNamed(Var.getType(), "any"))
    return Types;
  const Stmt *Body = enclosingBody(Var);
  if (!Body)
    return Types;
  std::vector<QualType> Seen;
  auto Add = [&](QualType T, QualType Written) {
    QualType Canonical = Ctx->getCanonicalType(T);
    if (llvm::is_contained(Seen, Canonical))
      return;
    Seen.push_back(Canonical);
    Types.push_back(describeValue(T, *Ctx, Written).TypeName);
  };
  // The initial value: a construction from a value, make_any<T>, or none.
  if (const Expr *Init = Var.getInit()) {
    const Expr *Stripped = Init->IgnoreImplicit();
    if (const auto *Call = dyn_cast<CallExpr>(Stripped)) {
      const FunctionDecl *FD = Call->getDirectCallee();
      const TemplateArgumentList *Args = FD ? FD->getTemplateSpecializationArgs() : nullptr;
      if (!FD || !FD->getIdentifier() || FD->getName() != "make_any" || !Args || Args->size() < 1 ||
          Args->get(0).getKind() != TemplateArgument::Type)
        return {};
      QualType T = Args->get(0).getAsType();
      Add(decayedType(T, *Ctx), T);
    } else if (const CXXConstructExpr *CE = constructionIn(Init)) {
      if (CE->getNumArgs() > 0) {
        if (CE->getConstructor()->isCopyOrMoveConstructor())
          return {};
        std::optional<ValueArgument> V =
            valueArgument(*CE->getConstructor(), ArrayRef(CE->getArgs(), CE->getNumArgs()),
                          *CE->getConstructor()->getParent());
        if (!V)
          return {};
        Add(V->Type, V->Arg ? V->Arg->getType() : V->Type);
      }
    } else {
      return {};
    }
  }
  // Only uses that stay in this function: a copy or a reference handed to
  // other code may need the std::any itself.
  for (const WrapperUse &U : collectWrapperUses(Var, *Body, *Ctx)) {
    switch (U.Kind) {
    case UseKind::ValueAssignment:
      Add(decayedType(U.AssignedType, *Ctx), U.AssignedType);
      break;
    case UseKind::AnyCast:
    case UseKind::Test:
    case UseKind::ConstMember:
      break;
    default:
      return {};
    }
  }
  return Types;
}

void HeapErasureCheck::judge(SiteKind Kind, const WrapperClass &W, const ValueArgument &V,
                             const Expr *SiteExpr, const VarDecl *AnyVariable) {
  if (V.Type.isNull() || V.Type->isDependentType() || V.Type->isIncompleteType())
    return;
  // A null function pointer or pointer to member leaves the wrapper empty.
  if (V.Arg && V.Arg->isNullPointerConstant(*Ctx, Expr::NPC_ValueDependentIsNotNull))
    return;
  ValueDescription Value = describeValue(V.Type, *Ctx, V.Arg ? V.Arg->getType() : QualType());
  // Another wrapper stores nothing when it is empty: judge it only when it is
  // known to hold a value (a temporary made from one, or a tracked variable).
  unsigned ValueCopyAllocations = 0;
  const VarDecl *InnerVar = nullptr;
  if (Value.Kind == ValueKind::Wrapper) {
    const Expr *Inner = V.Arg ? V.Arg->IgnoreParenImpCasts() : nullptr;
    if (!Inner)
      return;
    // libc++ takes the argument by value: look through that copy.
    if (const CXXConstructExpr *Copy = constructionIn(Inner))
      if (Copy->getConstructor()->isCopyConstructor() && Copy->getNumArgs() >= 1)
        Inner = Copy->getArg(0)->IgnoreParenImpCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Inner)) {
      InnerVar = dyn_cast<VarDecl>(DRE->getDecl());
      if (!InnerVar || !trackedValue(*InnerVar, *V.Type->getAsCXXRecordDecl()))
        return;
    } else {
      const CXXConstructExpr *CE = constructionIn(Inner);
      if (!CE || CE->getConstructor()->isCopyOrMoveConstructor() ||
          !valueArgument(*CE->getConstructor(), ArrayRef(CE->getArgs(), CE->getNumArgs()),
                         *CE->getConstructor()->getParent()))
        return;
    }
  }
  NoteTargets Targets;
  Targets.Captures = captureLocations(V.Type);
  std::string OnlyCalledIn;
  const ParmVarDecl *Param = nullptr;
  // A callable that initialises a parameter: is the parameter only called?
  bool Callable = !W.Std || (*W.Std != WrapperKind::Any && *W.Std != WrapperKind::PackagedTask);
  if (Kind == SiteKind::Construction && Callable)
    if (const auto *CE = dyn_cast<CXXConstructExpr>(SiteExpr))
      Param = onlyCalledParameter(*CE, *CE->getConstructor()->getParent(), OnlyCalledIn);
  Targets.Parameter = Param;
  Targets.Variable = AnyVariable;
  TargetDescription Target = describeTarget(*Ctx);

  for (WrapperFacts &F : wrapperFacts(W)) {
    ErasureSite Site;
    Site.Kind = Kind;
    Site.Value = Value;
    Site.Target = Target;
    Site.TargetTriple = Ctx->getTargetInfo().getTriple().str();
    if (InnerVar && F.Library) {
      // Copying the inner wrapper's value allocates when it is on the heap.
      std::optional<WrapperClass> IW = wrapperOf(V.Type->getAsCXXRecordDecl());
      const TrackedValue *T = trackedValue(*InnerVar, *V.Type->getAsCXXRecordDecl());
      if (IW && IW->Std && T) {
        if (std::optional<InPlaceRule> Rule = standardRule(*F.Library, *IW->Std, Target)) {
          StorageVerdict Inner = judgeStorage(*Rule, describeStoredType(T->Value.Type, *Ctx));
          if (Inner.Where == Storage::Unknown)
            continue;
          ValueCopyAllocations = Inner.Where == Storage::Heap ? 1 : 0;
        } else {
          continue;
        }
      }
    }
    Site.ValueCopyAllocations = ValueCopyAllocations;
    RemedyFacts Remedies;
    Remedies.FunctionRefType = FunctionRefType;
    if (Param) {
      Remedies.OnlyCalledParameter = Param->getNameAsString();
      Remedies.OnlyCalledIn = OnlyCalledIn;
    }
    if (F.Kind == WrapperKind::Function && F.Library &&
        libraryProvides(*F.Library, WrapperKind::MoveOnlyFunction))
      if (std::optional<InPlaceRule> Rule =
              standardRule(*F.Library, WrapperKind::MoveOnlyFunction, Target))
        Remedies.MoveOnlyFunction = judgeStorage(*Rule, Value.Value);
    if (AnyVariable && F.Kind == WrapperKind::Any) {
      Remedies.AnyVariable = AnyVariable->getNameAsString();
      Remedies.AnyHeldTypes = anyHeldTypes(*AnyVariable);
    }
    Site.Wrapper = std::move(F);
    report(Site, Remedies, V.Loc, Targets);
  }
}

void HeapErasureCheck::report(const ErasureSite &Site, const RemedyFacts &Remedies,
                              SourceLocation Loc, const NoteTargets &Targets) {
  ReportOptions Options;
  Options.ReportInPlace = ReportInPlace;
  ErasureReport R = analyzeErasureSite(Site, Remedies, Options);
  if (!R.ShouldReport)
    return;
  // One finding per place: the verdicts for several libraries, or for the
  // values several instantiations of a template give it, are reported
  // together when the translation unit ends.
  unsigned Key = Ctx->getSourceManager().getFileLoc(Loc).getRawEncoding();
  auto &Reports = Pending[Key];
  if (Reports.empty())
    PendingOrder.push_back(Key);
  for (const PendingReport &P : Reports)
    if (P.Report.Message == R.Message)
      return; // A template instantiated twice with the same value.
  Reports.push_back(PendingReport{Loc, Site, std::move(R), Targets});
}

void HeapErasureCheck::emit(llvm::ArrayRef<PendingReport> Reports) {
  const PendingReport &First = Reports.front();
  SourceLocation Loc = First.Loc;
  diag(Loc, verbatim(First.Report.Message));
  for (const ErasureNote &N : First.Report.Notes) {
    SourceLocation At = Loc;
    switch (N.Anchor) {
    case NoteAnchor::Site:
      break;
    case NoteAnchor::Capture:
      if (N.CaptureIndex < First.Targets.Captures.size() &&
          First.Targets.Captures[N.CaptureIndex].isValid())
        At = First.Targets.Captures[N.CaptureIndex];
      break;
    case NoteAnchor::Parameter:
      if (First.Targets.Parameter)
        At = First.Targets.Parameter->getLocation();
      break;
    case NoteAnchor::Variable:
      if (First.Targets.Variable)
        At = First.Targets.Variable->getLocation();
      break;
    }
    diag(At, verbatim(N.Text), DiagnosticIDs::Note);
  }
  for (const PendingReport &Other : Reports.drop_front())
    diag(Loc, verbatim("also " + Other.Report.Message), DiagnosticIDs::Note);

  findings::DetailsSink *Sink = findings::currentDetailsSink();
  if (!Sink)
    return;
  findings::DetailsKey Key =
      detailsKeyAt(Ctx->getSourceManager(), Loc, getID(), First.Report.Message);
  llvm::json::Object Details = erasureDetails(First.Site, First.Report);
  if (Reports.size() > 1) {
    llvm::json::Array Others;
    for (const PendingReport &Other : Reports.drop_front())
      Others.push_back(erasureDetails(Other.Site, Other.Report));
    Details["others"] = std::move(Others);
  }
  Sink->add(std::move(Key), std::move(Details));
}

} // namespace tightfit
