//===- LocalCopyAnalysis.cpp - local copies that can be views -------------===//
//
// A local variable `t` becomes a view of its source `s` only when all hold:
//
//  The copy: a plain automatic `std::string` (not static, not a reference,
//  not an init-capture, no attributes, not spelled by a macro), declared
//  alone in a statement of a block, copy-initialised from `s.substr(...)`
//  (-> `std::string_view t = std::string_view(s).substr(...)`, C++17) or from
//  `s` itself (-> `const std::string &t = s`); the function is no template
//  and no coroutine.
//
//  Its uses: every use of `t` passes the escape analysis of the parameters
//  (EscapeAnalysis.cpp): read-only, nothing derived returned, stored or
//  captured, no NUL needed.
//
//  The source: a local `std::string` of the same function held by value, or
//  a parameter of it (by value, or `const std::string &` when the parameter
//  rules on aliasing hold: findAliasingHazard). It outlives `t` by
//  construction (it is in scope where `t` is declared). It does not change
//  while `t` is alive: every mention of `s` from the declaration of `t` to
//  the end of its block is a const use, no lambda captures `s`, and no
//  mention of `s` anywhere in the function makes a lasting mutable alias of
//  it (a non-const reference or pointer, an iterator or reference result
//  kept, a call outside the standard library taking it by non-const
//  reference), so nothing can change it behind the function's back.
//
//===----------------------------------------------------------------------===//
#include "lib/views/LocalCopyAnalysis.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdlib>

using namespace clang;

namespace tightfit::views {

namespace {

DynTypedNode parentOf(ASTContext &Ctx, const Stmt *S) {
  DynTypedNodeList Ps = Ctx.getParents(*S);
  return Ps.empty() ? DynTypedNode() : Ps[0];
}

const Expr *climb(ASTContext &Ctx, const Expr *E, DynTypedNode &P) {
  for (;;) {
    P = parentOf(Ctx, E);
    const auto *PE = P.get<Expr>();
    if (!PE)
      return E;
    if (isa<ParenExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr, ExprWithCleanups>(PE)) {
      E = PE;
      continue;
    }
    if (const auto *ICE = dyn_cast<ImplicitCastExpr>(PE); ICE && ICE->getCastKind() == CK_NoOp) {
      E = PE;
      continue;
    }
    return E;
  }
}

bool isConstParam(QualType T) {
  return !T->isReferenceType() || T.getNonReferenceType().isConstQualified();
}

/// The parameter of \p Callee that receives argument \p I of \p Call.
QualType paramTypeFor(const FunctionDecl *Callee, const CallExpr *Call, unsigned I) {
  unsigned PI = I;
  if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee)) {
    if (I == 0)
      return QualType();
    PI = I - 1;
  }
  if (PI >= Callee->getNumParams())
    return QualType();
  return Callee->getParamDecl(PI)->getType();
}

/// \p E (a mention of a std::string variable) only reads it.
bool isConstUse(ASTContext &Ctx, const Expr *E) {
  DynTypedNode P;
  E = climb(Ctx, E, P);
  if (const auto *ME = P.get<MemberExpr>()) {
    if (const auto *VD = dyn_cast<VarDecl>(ME->getMemberDecl()))
      return VD->isStaticDataMember();
    const auto *M = dyn_cast<CXXMethodDecl>(ME->getMemberDecl());
    return M && M->isConst();
  }
  if (const auto *Call = P.get<CallExpr>()) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return false;
    for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
      if (Call->getArg(I) != E)
        continue;
      if (isa<CXXOperatorCallExpr>(Call) && I == 0)
        if (const auto *M = dyn_cast<CXXMethodDecl>(Callee))
          return M->isConst();
      QualType PT = paramTypeFor(Callee, Call, I);
      return !PT.isNull() && isConstParam(PT);
    }
    return false;
  }
  if (const auto *CE = P.get<CXXConstructExpr>()) {
    for (unsigned I = 0; I < CE->getNumArgs(); ++I)
      if (CE->getArg(I) == E)
        return I < CE->getConstructor()->getNumParams() &&
               isConstParam(CE->getConstructor()->getParamDecl(I)->getType());
    return false;
  }
  if (const auto *VD = P.get<VarDecl>())
    return isConstParam(VD->getType());
  return false;
}

/// \p E (a mention of the source outside the copy's lifetime) leaves behind
/// something through which the source could change later.
bool makesMutableAlias(ASTContext &Ctx, const Expr *E) {
  if (isConstUse(Ctx, E)) {
    // A const reference or pointer kept is harmless: it cannot change it.
    return false;
  }
  DynTypedNode P;
  E = climb(Ctx, E, P);
  auto ResultDiscarded = [&](const Expr *Call) {
    DynTypedNode Q;
    climb(Ctx, Call, Q);
    return Q.get<CompoundStmt>() != nullptr;
  };
  if (const auto *ME = P.get<MemberExpr>()) {
    const auto *Call = parentOf(Ctx, ME).get<CXXMemberCallExpr>();
    if (!Call)
      return true;
    QualType R = Call->getType();
    return !(R->isVoidType() || ResultDiscarded(Call) ||
             (!R->isReferenceType() && !R->isPointerType() && !R->isRecordType()));
  }
  if (const auto *Op = P.get<CXXOperatorCallExpr>()) {
    if (Op->getArg(0) != E)
      return true;
    if (Op->isAssignmentOp())
      return !ResultDiscarded(Op);
    if (Op->getOperator() == OO_Subscript) {
      DynTypedNode Q;
      const Expr *Top = climb(Ctx, Op, Q);
      const auto *BO = Q.get<BinaryOperator>();
      return !(BO && BO->isAssignmentOp() && BO->getLHS() == Top);
    }
    return true;
  }
  if (const auto *Call = P.get<CallExpr>()) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || !Callee->isInStdNamespace() || !Callee->getIdentifier())
      return true;
    // std::getline(in, s), std::swap(s, t): changed now, no alias kept.
    StringRef Name = Callee->getName();
    return Name == "ref" || Name == "cref" || Name == "move" || Name == "forward" ||
           Name == "exchange" || Name == "begin" || Name == "end" || Name == "data";
  }
  return true;
}

} // namespace

LocalCopyVerdict judgeLocalCopy(const FunctionDecl &F, const VarDecl &Copy, ASTContext &Ctx) {
  LocalCopyVerdict V;
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  if (!Copy.hasLocalStorage() || isa<ParmVarDecl>(Copy) || Copy.isInitCapture() ||
      Copy.isImplicit() || Copy.hasAttrs() || Copy.getType()->isReferenceType() ||
      Copy.getType().isVolatileQualified() || !isStdString(Copy.getType())) {
    V.Rejection = "not a plain local std::string";
    return V;
  }
  if (Copy.getInitStyle() != VarDecl::CInit || !Copy.getInit()) {
    V.Rejection = "not copy-initialised";
    return V;
  }
  if (F.isDependentContext() || F.isTemplateInstantiation() ||
      (F.getBody() && isa<CoroutineBodyStmt>(F.getBody()))) {
    V.Rejection = "template or coroutine";
    return V;
  }
  if (Copy.getBeginLoc().isMacroID() || Copy.getLocation().isMacroID() ||
      Copy.getInit()->getBeginLoc().isMacroID() || Copy.getInit()->getEndLoc().isMacroID()) {
    V.Rejection = "macro";
    return V;
  }
  // Declared alone, directly in a block: its lifetime ends at the brace.
  const auto *DS = Ctx.getParents(Copy).empty() ? nullptr
                                                : Ctx.getParents(Copy)[0].get<DeclStmt>();
  const CompoundStmt *Block = DS ? parentOf(Ctx, DS).get<CompoundStmt>() : nullptr;
  if (!DS || !DS->isSingleDecl() || !Block) {
    V.Rejection = "not declared alone in a block";
    return V;
  }

  // The initializer: s.substr(...) or s.
  const Expr *Init = Copy.getInit();
  for (;;) {
    Init = Init->IgnoreParens();
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(Init))
      Init = EWC->getSubExpr();
    else if (const auto *BTE = dyn_cast<CXXBindTemporaryExpr>(Init))
      Init = BTE->getSubExpr();
    else if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(Init))
      Init = MTE->getSubExpr();
    else if (const auto *ICE = dyn_cast<ImplicitCastExpr>(Init);
             ICE && (ICE->getCastKind() == CK_NoOp || ICE->getCastKind() == CK_ConstructorConversion))
      Init = ICE->getSubExpr();
    else if (const auto *CE = dyn_cast<CXXConstructExpr>(Init);
             CE && CE->getNumArgs() == 1 && CE->getConstructor()->isMoveConstructor() &&
             !CE->getArg(0)->isLValue())
      Init = CE->getArg(0); // C++14: the elidable move of a prvalue.
    else
      break;
  }
  const DeclRefExpr *SourceRef = nullptr;
  const CXXMemberCallExpr *Substr = nullptr;
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Init)) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    const auto *ME = dyn_cast<MemberExpr>(Call->getCallee());
    if (M && M->getIdentifier() && M->getName() == "substr" && ME && !ME->isArrow() &&
        isStdString(Call->getImplicitObjectArgument()->getType())) {
      Substr = Call;
      SourceRef = dyn_cast<DeclRefExpr>(Call->getImplicitObjectArgument()->IgnoreParenImpCasts());
    }
  } else if (const auto *CE = dyn_cast<CXXConstructExpr>(Init);
             CE && CE->getNumArgs() == 1 && CE->getConstructor()->isCopyConstructor()) {
    SourceRef = dyn_cast<DeclRefExpr>(CE->getArg(0)->IgnoreParenImpCasts());
  }
  if (!SourceRef) {
    V.Rejection = "not a copy of a variable or of its substr()";
    return V;
  }
  if (Substr && !LO.CPlusPlus17) {
    V.Rejection = "std::string_view needs C++17";
    return V;
  }
  const auto *Source = dyn_cast<VarDecl>(SourceRef->getDecl());
  if (!Source || Source == &Copy || !isStdString(Source->getType())) {
    V.Rejection = "source not a std::string variable";
    return V;
  }
  const auto *SourceParam = dyn_cast<ParmVarDecl>(Source);
  bool LocalByValue = Source->hasLocalStorage() && !SourceParam && !Source->isStaticLocal() &&
                      !Source->getType()->isReferenceType() &&
                      Source->getDeclContext() == &F;
  bool Param = SourceParam && SourceParam->getDeclContext() == &F &&
               (!Source->getType()->isReferenceType() ||
                Source->getType().getNonReferenceType().isConstQualified());
  if (!LocalByValue && !Param) {
    V.Rejection = "source not a local or a parameter";
    return V;
  }

  // The copy's uses: those of a view.
  OwnerType Owner;
  Owner.Kind = OwnerKind::String;
  Owner.IsConst = Copy.getType().isConstQualified();
  Owner.Record = Copy.getType()->getAsCXXRecordDecl();
  ViewType View = ViewType::resolve(ViewSpelling::parse("std::string_view"), Owner, Ctx);
  ViewUseSummary Uses = analyzeUses(F, Copy, Owner, View, Ctx);
  if (!Uses.viewable()) {
    V.Rejection = !Uses.Blocking ? std::string("unused")
                                 : "use: " + describe(Uses.Blocking.Blocker).str();
    return V;
  }

  // The source does not change while the copy is alive.
  struct Refs : RecursiveASTVisitor<Refs> {
    const VarDecl *Source;
    SmallVector<const DeclRefExpr *, 8> Found;
    bool Captured = false;
    bool VisitDeclRefExpr(DeclRefExpr *R) {
      if (R->getDecl() == Source)
        Found.push_back(R);
      return true;
    }
    bool VisitLambdaExpr(LambdaExpr *L) {
      for (const LambdaCapture &C : L->captures())
        if (C.capturesVariable() && C.getCapturedVar() == Source)
          Captured = true;
      return true;
    }
  } R;
  R.Source = Source;
  R.TraverseDecl(const_cast<FunctionDecl *>(&F));
  if (R.Captured) {
    V.Rejection = "source captured by a lambda";
    return V;
  }
  SourceLocation RegionBegin = DS->getEndLoc(), RegionEnd = Block->getRBracLoc();
  for (const DeclRefExpr *Ref : R.Found) {
    if (Ref == SourceRef)
      continue;
    SourceLocation L = Ref->getBeginLoc();
    bool InRegion = SM.isBeforeInTranslationUnit(RegionBegin, L) &&
                    SM.isBeforeInTranslationUnit(L, RegionEnd);
    if (InRegion ? !isConstUse(Ctx, Ref) : makesMutableAlias(Ctx, Ref)) {
      V.Rejection = InRegion ? "source may change while the copy is in use"
                             : "source has a mutable alias";
      return V;
    }
  }
  if (SourceParam && Source->getType()->isReferenceType())
    if (BlockingUse Hazard = findAliasingHazard(F, *Source, Ctx)) {
      V.Rejection = "aliasing (" + Hazard.Detail + ")";
      return V;
    }

  // Edits: the declared type up to the name, and the substr() object.
  SourceLocation Begin = Copy.getBeginLoc(), Name = Copy.getLocation();
  if (SM.getFileID(Begin) != SM.getFileID(Name)) {
    V.Rejection = "declaration spans files";
    return V;
  }
  LocalCopyFinding &Out = V.Finding;
  Out.Function = &F;
  Out.Copy = &Copy;
  Out.Source = Source;
  Out.Substring = Substr != nullptr;
  Out.Message = formatLocalCopyMessage(Copy.getName(), Source->getName(), Out.Substring);
  Out.Edits.push_back({CharSourceRange::getCharRange(Begin, Name),
                       Out.Substring ? "std::string_view " : "const std::string &"});
  if (Substr) {
    SourceLocation ObjEnd = Lexer::getLocForEndOfToken(SourceRef->getEndLoc(), 0, SM, LO);
    Out.Edits.push_back({CharSourceRange::getCharRange(SourceRef->getBeginLoc(),
                                                       SourceRef->getBeginLoc()),
                         "std::string_view("});
    Out.Edits.push_back({CharSourceRange::getCharRange(ObjEnd, ObjEnd), ")"});
  }
  return V;
}

std::vector<LocalCopyFinding> findLocalCopies(ASTContext &Ctx, const CallSiteIndex &Index) {
  std::vector<LocalCopyFinding> Out;
  const SourceManager &SM = Ctx.getSourceManager();
  for (const FunctionDecl *F : Index.definitions()) {
    if (SM.isInSystemHeader(F->getLocation()) || !F->getBody())
      continue;
    struct Locals : RecursiveASTVisitor<Locals> {
      const FunctionDecl *F;
      SmallVector<const VarDecl *, 8> Found;
      bool VisitVarDecl(VarDecl *VD) {
        if (VD->getDeclContext() == F && !isa<ParmVarDecl>(VD) && isStdString(VD->getType()))
          Found.push_back(VD);
        return true;
      }
    } L;
    L.F = F;
    L.TraverseStmt(F->getBody());
    for (const VarDecl *VD : L.Found) {
      LocalCopyVerdict V = judgeLocalCopy(*F, *VD, Ctx);
      if (getenv("TIGHTFIT_VIEWS_EXPLAIN"))
        llvm::errs() << "view-local-copy: " << F->getQualifiedNameAsString() << " '"
                     << VD->getName() << "': " << (V.Rejection.empty() ? "finding" : V.Rejection)
                     << "\n";
      if (V.Rejection.empty())
        Out.push_back(std::move(V.Finding));
    }
  }
  return Out;
}

} // namespace tightfit::views
