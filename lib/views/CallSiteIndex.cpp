//===- CallSiteIndex.cpp - who calls what, in one translation unit --------===//
#include "lib/views/CallSiteIndex.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace tightfit::views {

class CallSiteIndexBuilder : public RecursiveASTVisitor<CallSiteIndexBuilder> {
public:
  CallSiteIndexBuilder(CallSiteIndex &Index, const SourceManager &SM) : Index(Index), SM(SM) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return false; }

  bool VisitCallExpr(CallExpr *Call) {
    const Expr *Callee = Call->getCallee()->IgnoreParenImpCasts();
    const FunctionDecl *FD = Call->getDirectCallee();
    if (!FD)
      return true;
    if (isa<DeclRefExpr>(Callee) || isa<MemberExpr>(Callee)) {
      CalleeNodes.insert(Callee);
      const FunctionDecl *Canonical = FD->getCanonicalDecl();
      auto &List = Index.Calls[Canonical];
      if (!llvm::is_contained(List, Call))
        List.push_back(Call);
      bool Dependent = Call->isTypeDependent();
      for (const Expr *A : Call->arguments())
        Dependent |= A->isTypeDependent() || A->isValueDependent();
      // A library template calling it (through ADL) is as good as a
      // dependent call: its other instantiations are not ours to check.
      if (Dependent || SM.isInSystemHeader(Call->getBeginLoc()))
        Index.DependentCalls.insert(Canonical);
    }
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (const auto *FD = dyn_cast<FunctionDecl>(E->getDecl()))
      if (!CalleeNodes.contains(E))
        Index.OtherReferences.insert(FD->getCanonicalDecl());
    return true;
  }
  bool VisitMemberExpr(MemberExpr *E) {
    if (const auto *FD = dyn_cast<FunctionDecl>(E->getMemberDecl()))
      if (!CalleeNodes.contains(E))
        Index.OtherReferences.insert(FD->getCanonicalDecl());
    return true;
  }
  bool VisitUnresolvedLookupExpr(UnresolvedLookupExpr *E) {
    addDependentName(E->getName(), E->getBeginLoc());
    return true;
  }
  bool VisitUnresolvedMemberExpr(UnresolvedMemberExpr *E) {
    addDependentName(E->getMemberName(), E->getBeginLoc());
    return true;
  }
  bool VisitCXXDependentScopeMemberExpr(CXXDependentScopeMemberExpr *E) {
    addDependentName(E->getMember(), E->getBeginLoc());
    return true;
  }
  bool VisitDependentScopeDeclRefExpr(DependentScopeDeclRefExpr *E) {
    addDependentName(E->getDeclName(), E->getBeginLoc());
    return true;
  }
  bool VisitUsingDecl(UsingDecl *D) {
    addDependentName(D->getDeclName(), D->getBeginLoc());
    return true;
  }
  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (FD->isTemplateInstantiation())
      return true;
    addName(FD->getDeclName(), FD->getCanonicalDecl());
    if (FD->doesThisDeclarationHaveABody() && !FD->isDependentContext() &&
        FD->getTemplatedKind() == FunctionDecl::TK_NonTemplate && !FD->isImplicit())
      Index.Definitions.push_back(FD);
    return true;
  }
  bool VisitFunctionTemplateDecl(FunctionTemplateDecl *D) {
    addName(D->getDeclName(), D->getCanonicalDecl());
    return true;
  }
  bool VisitCXXRecordDecl(CXXRecordDecl *RD) {
    if (RD->isThisDeclarationADefinition())
      Index.Classes.push_back(RD);
    return true;
  }

private:
  // Templates of the standard library name their customisation points
  // (swap, begin, size...) unqualified; a user function is only reached from
  // there through ADL, which is caught as a call from a system header.
  void addDependentName(DeclarationName Name, SourceLocation Loc) {
    if (!SM.isInSystemHeader(Loc))
      Index.DependentNames.insert(Name);
  }
  void addName(DeclarationName Name, const NamedDecl *D) {
    auto &List = Index.ByName[Name];
    if (!llvm::is_contained(List, D))
      List.push_back(D);
  }
  CallSiteIndex &Index;
  const SourceManager &SM;
  llvm::DenseSet<const Expr *> CalleeNodes;
};

CallSiteIndex::CallSiteIndex(ASTContext &Ctx) {
  CallSiteIndexBuilder B(*this, Ctx.getSourceManager());
  B.TraverseAST(Ctx);
}

ArrayRef<const CallExpr *> CallSiteIndex::callsTo(const FunctionDecl &F) const {
  auto It = Calls.find(F.getCanonicalDecl());
  if (It == Calls.end())
    return {};
  return It->second;
}

bool CallSiteIndex::isReferencedOtherwise(const FunctionDecl &F) const {
  return OtherReferences.contains(F.getCanonicalDecl());
}

bool CallSiteIndex::hasDependentCall(const FunctionDecl &F) const {
  return DependentCalls.contains(F.getCanonicalDecl());
}

bool CallSiteIndex::isNameUsedDependently(DeclarationName Name) const {
  return DependentNames.contains(Name);
}

ArrayRef<const NamedDecl *> CallSiteIndex::functionsNamed(DeclarationName Name) const {
  auto It = ByName.find(Name);
  if (It == ByName.end())
    return {};
  return It->second;
}

} // namespace tightfit::views
